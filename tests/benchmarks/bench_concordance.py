"""Concordance and consistency benchmark: warm queries over the library with a novel imported.

Run: python -m tests.benchmarks.bench_concordance [--runs N] [--quick] [--novel longtext/xiyouji.txt]
"""

from __future__ import annotations

import tempfile
import time

from tests.benchmarks._data import bench_parser, median_time, require
from tests.benchmarks.report import figure

QUERIES = ("悟空", "唐僧", "普京", "阿拉斯加峰會", "黿")  # names in the novel, glossary terms, a rare word
CONCORDANCE_TARGET, CHECK_TARGET = 0.200, 1.0


def main() -> None:
    parser = bench_parser(__doc__, runs=7)
    parser.add_argument("--novel", default="longtext/xiyouji.txt")
    args = parser.parse_args()
    novel = require(args.novel)

    from app.core.concordance import concordance
    from app.core.consistency import check
    from app.io.articles.importers import read_article_file
    from app.io.paths import resolve
    from app.services.checks import checked_articles
    from app.services.context import AppContext
    from app.services.documents import Documents
    from app.services.library import import_text, library_sources

    with tempfile.TemporaryDirectory(prefix="duben-bench-") as home:
        context = AppContext(resolve(home))
        import_text(context, read_article_file(novel))
        documents = Documents(context)
        glossary = context.glossary
        glossary.matches("普京")  # the glossary's regex is compiled once per run of the app

        start = time.perf_counter()
        sources = library_sources(documents)
        build = time.perf_counter() - start
        chars = sum(len(s.text) for s in sources)
        print(f"library: {len(sources)} articles, {chars:,} characters")
        print(f"building the sources (t2s shadows, paragraph starts), once: {build * 1000:.0f} ms")

        texts = [s.text for s in sources]
        print(
            f"{'query':14s} {'hits':>6s} {'concordance':>12s} {'str.find loop':>14s}  target {CONCORDANCE_TARGET * 1000:.0f} ms"
        )
        timings = []
        for query in QUERIES:
            hits = concordance(sources, query, glossary)
            took = median_time(lambda: concordance(sources, query, glossary), args.runs)
            baseline = median_time(lambda: _find_loop(texts, query), args.runs)
            timings.append((took, baseline, query))
            print(f"{query:14s} {len(hits):6d} {took * 1000:10.1f} ms {baseline * 1000:11.2f} ms")
        took, baseline, query = max(timings)
        figure(
            "concordance",
            f"slowest of {len(QUERIES)} queries",
            took * 1000,
            "ms",
            baseline=baseline * 1000,
            baseline_name="str.find loop",
            target=CONCORDANCE_TARGET * 1000,
            detail=f"query {query}",
        )

        bundled = [s.id for s in documents.summaries() if s.bundled]
        articles = checked_articles(documents, bundled)  # annotates once (then cached)
        known = context.cedict.has_word
        known("普京")  # the dictionary index is built here, not inside the timing
        findings = check(articles, glossary, known)
        took = median_time(lambda: check(articles, glossary, known), args.runs)
        gather = median_time(lambda: checked_articles(documents, bundled), args.runs)
        baseline = median_time(lambda: [glossary.matches(p.text) for a in articles for p in a.paragraphs], args.runs)
        figure(
            "concordance",
            "consistency report, both bundled articles",
            took * 1000,
            "ms",
            baseline=baseline * 1000,
            baseline_name="glossary matching alone",
            target=CHECK_TARGET * 1000,
            detail=f"{len(findings)} findings; gathering the articles from the cache {gather * 1000:.1f} ms",
        )


def _find_loop(texts: list[str], query: str) -> int:
    """Plain str.find over the same texts: one form, one script, no context."""
    count = 0
    for text in texts:
        at = text.find(query)
        while at >= 0:
            count += 1
            at = text.find(query, at + len(query))
    return count


if __name__ == "__main__":
    main()
