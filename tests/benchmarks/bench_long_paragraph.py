"""Annotating one paragraph of 200,000 and 1,000,000 characters without punctuation: finding the
glossary terms and each token's concept, which must grow linearly with tokens and matches.

Run: python -m tests.benchmarks.bench_long_paragraph [--runs N] [--quick]

The tokens are cut by hand (a glossary form, then two-character words), so segmentation is left
out: this measures `annotate` and `AnnotatedParagraph.concepts()` over the bundled glossary.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from app.core.annotated import annotate
from app.core.text import Paragraph, tokens_from_bounds
from app.io import core_data
from app.io.glossary.files import load_glossary
from tests.benchmarks._data import bench_parser
from tests.benchmarks.report import figure

FILLER = "我們今天在這裡說話的人"


def paragraph(size: int, forms: list[str]) -> Paragraph:
    pieces: list[str] = []
    bounds, at, i = [0], 0, 0
    while at < size:
        words = [forms[i % len(forms)]] + [FILLER[k : k + 2] for k in range(0, 2 * (i % 4 + 1), 2)]
        for word in words:
            pieces.append(word)
            at += len(word)
            bounds.append(at)
        i += 1
    text = "".join(pieces)
    return Paragraph(0, 0, len(text), text, tokens_from_bounds(text, 0, bounds), "traditional")


def main() -> None:
    args = bench_parser(__doc__, runs=3).parse_args()
    with tempfile.TemporaryDirectory(prefix="duben-bench-paragraph-") as folder:
        core_data.provide(Path(folder))
        glossary = load_glossary().glossary
        forms = sorted({t.text for c in glossary for t in c.terms})[:50]
        seconds: dict[int, float] = {}
        for size in (200_000, 1_000_000):
            item = paragraph(size, forms)
            runs = []
            for _ in range(args.runs):
                start = time.perf_counter()
                [annotated] = annotate([item], glossary)
                annotated.concepts()
                runs.append(time.perf_counter() - start)
            seconds[size] = statistics.median(runs)
            print(f"{size:>9,} characters, {len(item.tokens):,} tokens, {len(annotated.terms):,} terms")
            figure("annotate", f"one paragraph of {size:,} characters: terms and concepts", seconds[size], "s")
        figure(
            "annotate",
            # 5 for linear, 25 for quadratic; memory no longer in the processor's caches adds some.
            "1,000,000 against 200,000 characters",
            seconds[1_000_000] / seconds[200_000],
            "x",
            target=10,
        )


if __name__ == "__main__":
    main()
