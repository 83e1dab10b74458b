"""`python -m app annotate ID` of each bundled article in a fresh process: cold and warm paragraph cache.

Run: python -m tests.benchmarks.bench_annotate [--runs N] [--quick]

Cold: a new data folder and a cache folder holding only the models and the dictionary index (no
annotated paragraphs); warm: the same command again on those folders. Also reports what the
runs left in the user's store, which derived data must never grow.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from tests.benchmarks._data import bench_parser, run_measured
from tests.benchmarks.report import figure

ARTICLES = ("newtalk-alaska-concert", "prospect-alaska-northeast-asia")


def _app(home: Path, cache: Path, *args: str) -> float:
    return run_measured(
        [sys.executable, "-m", "app", "--data-dir", str(home), "--cache-dir", str(cache), *args]
    ).seconds


def _store_bytes(home: Path) -> int:
    return sum(p.stat().st_size for p in home.glob("duben.sqlite3*"))


def main() -> None:
    args = bench_parser(__doc__, runs=5).parse_args()
    work = Path(tempfile.mkdtemp(prefix="duben-bench-annotate-"))
    try:
        models = work / "models"
        sample = work / "sample.txt"
        sample.write_text("普丁與川普在阿拉斯加會晤\n", encoding="utf-8")
        # Segmentation models, readings tables and the CC-CEDICT index, without annotating anything.
        _app(work / "warm-up", models, "pinyin", str(sample))
        _app(work / "warm-up", models, "glossary", "lookup", "普丁")
        print(f"medians of {args.runs} runs; wall clock of whole processes")
        for article in ARTICLES:
            cold, warm, stored = [], [], []
            for run in range(args.runs):
                home, cache = work / f"home-{article}-{run}", work / f"cache-{article}-{run}"
                shutil.copytree(models, cache, copy_function=os.link)  # hard links: no copy of 75 MB
                cold.append(_app(home, cache, "annotate", article))
                warm.append(_app(home, cache, "annotate", article))
                stored.append(_store_bytes(home))
            figure(
                "annotate",
                f"annotate {article}, cold paragraph cache",
                statistics.median(cold),
                "s",
                baseline=statistics.median(warm),
                baseline_name="warm",
                detail=f"warm {statistics.median(warm):.2f} s; user store after both: {max(stored):,} bytes",
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
