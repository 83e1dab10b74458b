"""Main-text extraction of web pages: paragraph precision and recall of each extractor on news
pages built like real ones (tests/io/news_pages.py), its time per page, and what trafilatura
costs to import.

Run: python -m tests.benchmarks.bench_html_extract [--runs N]

Compared: today's plain extraction (every block, the baseline), trafilatura choosing among
our blocks (what import does), trafilatura's own text, and, when installed (they are not
dependencies), readability-lxml and jusText (which has no Chinese stop list: it runs with an
empty one, as it must for Chinese).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

from app.io.articles.formats import html_blocks, read_html
from tests.benchmarks._data import bench_parser, median_time
from tests.benchmarks.report import figure
from tests.io.news_pages import Page, news_pages

Extractor = Callable[[str], list[str]]


def _compact(text: str) -> str:
    return "".join(text.split())


def plain(markup: str) -> list[str]:
    return read_html(markup.encode("utf-8"), main_text=False).outline.paragraphs


def ours(markup: str) -> list[str]:
    return read_html(markup.encode("utf-8")).outline.paragraphs


def trafilatura_text(markup: str) -> list[str]:
    import trafilatura

    return (trafilatura.extract(markup, include_comments=False) or "").split("\n")


def readability(markup: str) -> list[str]:
    from readability import Document

    blocks, _ = html_blocks(Document(markup).summary())
    return [line for text, _ in blocks for line in text.split("\n")]


def justext_empty_stoplist(markup: str) -> list[str]:
    import justext

    paragraphs = justext.justext(markup.encode("utf-8"), frozenset())
    return [p.text for p in paragraphs if not p.is_boilerplate]


def scores(extract: Extractor, pages: list[Page]) -> tuple[float, float, float]:
    """Paragraph precision and recall over all pages: a paragraph counts when it is one of the
    article's (its title included), white space aside; and the share of the article's
    paragraphs given character for character (a space put into Chinese text counts against)."""
    found = relevant = kept = exact = 0
    for page in pages:
        article = {_compact(p) for p in page.article}
        given = [p.strip() for p in extract(page.html) if p.strip()]
        got = [_compact(p) for p in given]
        hits = sum(p in article for p in got)
        exact += len(set(page.article) & set(given))
        found, relevant, kept = found + hits, relevant + len(article), kept + len(got)
    return (found / kept if kept else 0.0), found / relevant, exact / relevant


def import_seconds(module: str, runs: int) -> float:
    """Median time of a fresh interpreter importing `module`, less one importing nothing."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = sorted(run("pass") for _ in range(runs))[runs // 2]
    return sorted(run(f"import {module}") for _ in range(runs))[runs // 2] - bare


def main() -> None:
    args = bench_parser(__doc__, runs=5).parse_args()
    pages = news_pages()
    extractors: dict[str, Extractor] = {
        "plain (today's, baseline)": plain,
        "trafilatura choosing our blocks": ours,
        "trafilatura's own text": trafilatura_text,
    }
    for name, extractor, module in (
        ("readability-lxml", readability, "readability"),
        ("jusText, empty stop list", justext_empty_stoplist, "justext"),
    ):
        try:
            __import__(module)
            extractors[name] = extractor
        except ImportError:
            print(f"{name}: not installed, left out")
    print(f"{len(pages)} pages: {', '.join(p.name for p in pages)}")
    baseline_precision, _, _ = scores(plain, pages)
    for name, extractor in extractors.items():
        precision, recall, exact = scores(extractor, pages)
        seconds = median_time(lambda e=extractor: [e(p.html) for p in pages], args.runs) / len(pages)
        print(
            f"  {name:34s} precision {precision:5.2f}   recall {recall:5.2f}   exact {exact:5.2f}"
            f"   {seconds * 1e3:6.1f} ms a page"
        )
        if extractor is ours:
            figure(
                "import",
                "HTML paragraph precision (main text)",
                precision,
                "",
                baseline=baseline_precision,
                baseline_name="plain extraction",
                target=0.95,
                better="higher",
                detail=f"recall {recall:.2f}",
            )
    print(f"import trafilatura, fresh interpreter: {import_seconds('trafilatura', args.runs):5.2f} s (median)")
    print(f"import bs4 (already used for HTML):    {import_seconds('bs4', args.runs):5.2f} s (median)")


if __name__ == "__main__":
    main()
