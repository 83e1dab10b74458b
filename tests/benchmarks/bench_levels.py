"""Word levels: HSK level and Zipf frequency of every running word of each bundled article, warm.

Run: python -m tests.benchmarks.bench_levels [--runs N] [--quick]

"Warm" is the issue's sense: the HSK list and wordfreq's table are read (that first read, done
once on the dictionary's pool-thread job in the window, is reported apart). Two figures per
article: every word's level and frequency with an empty per-word cache (a first pass over the
text), and the article's level profile as the status line makes it after a word is marked (the
per-word cache then full). The baseline is the article's plain figures (`vocabulary.stats`, word
counts and statuses) over the same annotated paragraphs in the same run: what the status line
costs without levels.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from app.core.levels import Levels, article_profile
from app.core.vocabulary import running_words, stats
from app.io.articles.bundled import bundled_articles
from app.io.paths import resolve
from app.io.word_levels import hsk_words, zipf_lookup
from app.services.context import AppContext
from app.services.documents import Documents
from tests.benchmarks._data import bench_parser, median_time
from tests.benchmarks.report import figure

TARGET_MS = 50.0


def main() -> None:
    args = bench_parser(__doc__, runs=7).parse_args()
    start = time.perf_counter()
    hsk, zipf = hsk_words(), zipf_lookup()
    load = time.perf_counter() - start
    print(f"reading the HSK list and wordfreq's table (once, cold): {load * 1000:.0f} ms")
    documents = Documents(AppContext(resolve(Path(tempfile.mkdtemp(prefix="duben-bench-levels-")))))
    statuses: dict[str, str] = {}
    for article in bundled_articles():
        paragraphs = documents.annotated(article)
        words = [word for word, _ in running_words(paragraphs)]
        print(f"{article.id}: {len(words)} running words, {len(set(words))} distinct")
        baseline = median_time(lambda: stats(paragraphs, statuses), args.runs) * 1000

        def first_pass() -> None:
            levels = Levels(hsk, zipf)  # an empty per-word cache
            for word in words:
                levels.of(word)

        figure(
            "levels",
            f"{article.id}: every word's level and frequency, fresh cache, median",
            median_time(first_pass, args.runs) * 1000,
            "ms",
            baseline=baseline,
            baseline_name="the article's plain figures (vocabulary.stats)",
            target=TARGET_MS,
        )
        levels = Levels(hsk, zipf)
        article_profile(levels, paragraphs, statuses)
        figure(
            "levels",
            f"{article.id}: the level profile (status line), warm, median",
            median_time(lambda: article_profile(levels, paragraphs, statuses), args.runs) * 1000,
            "ms",
            baseline=baseline,
            baseline_name="the article's plain figures (vocabulary.stats)",
            target=TARGET_MS,
        )


if __name__ == "__main__":
    main()
