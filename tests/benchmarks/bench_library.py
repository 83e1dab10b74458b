"""Library benchmark: importing a 2 MB novel, first paragraphs ready, peak memory, reopening from the cache.

Run: python -m tests.benchmarks.bench_library [--runs N] [--quick]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from tests.benchmarks._data import bench_parser, require, run_measured
from tests.benchmarks.report import figure

TARGET_SECONDS, TARGET_MB, TARGET_REOPEN = 3.0, 400, 5.0

# Runs in a fresh process: import (optionally), then annotate some paragraphs; prints seconds since start.
CHILD = """
import sys, time
start = time.perf_counter()
from app.services.context import AppContext
from app.services.documents import Documents
from app.io.paths import resolve
context = AppContext(resolve(sys.argv[1]))
documents = Documents(context)
spec = sys.argv[2]
if sys.argv[3] == "import":
    from app.services.library import import_text
    from app.io.articles.importers import read_article_file
    spec = import_text(context, read_article_file(spec))
article = documents.article(spec)
only = None if sys.argv[4] == "all" else range(int(sys.argv[4]))
documents.paragraphs(article, only)
print(time.perf_counter() - start, spec)
"""


def child(home: Path, spec: str, mode: str, paragraphs: str) -> tuple[float, str, float]:
    """(wall seconds, article id, peak RSS in MB) of one fresh process."""
    done = run_measured([sys.executable, "-c", CHILD, str(home), spec, mode, paragraphs])
    _, article_id = done.out.split()
    return done.seconds, article_id, done.peak_mb


def main() -> None:
    args = bench_parser(__doc__, runs=3).parse_args()
    novel = require("longtext/xiyouji.txt")
    work = Path(tempfile.mkdtemp(prefix="duben-bench-lib-"))
    try:
        print(
            f"novel: {novel.name}, {novel.stat().st_size / 1e6:.2f} MB; medians of {args.runs} runs; "
            "wall-clock of whole processes"
        )
        warm = work / "warm"
        child(warm, "prospect-alaska-northeast-asia", "open", "1")  # build the dictionary caches once
        firsts = []
        for run in range(args.runs):
            home = work / f"import-{run}"
            shutil.copytree(warm / "cache", home / "cache")
            wall, _, peak = child(home, str(novel), "import", "3")
            firsts.append((wall, peak))
        wall, peak = (statistics.median(x) for x in zip(*firsts))
        figure("library", f"import {novel.name} + first 3 paragraphs", wall, "s", target=TARGET_SECONDS)
        figure("library", f"import {novel.name} + first 3 paragraphs, peak RSS", peak, "MB", target=TARGET_MB)

        for spec in ("newtalk-alaska-concert", "prospect-alaska-northeast-asia"):
            cold, hot = [], []
            for run in range(args.runs):
                home = work / f"reopen-{spec}-{run}"
                shutil.copytree(warm / "cache", home / "cache")
                cold.append(child(home, spec, "open", "all")[0])
                hot.append(child(home, spec, "open", "all")[0])
            # The ratio is the speed-up of a reopen: first annotation time over reopen time.
            figure(
                "library",
                f"{spec}: first annotation",
                statistics.median(cold),
                "s",
                baseline=statistics.median(hot),
                baseline_name="reopen",
                target=TARGET_REOPEN,
                target_kind="ratio",
                better="higher",
            )

        home = work / "novel-all"
        shutil.copytree(warm / "cache", home / "cache")
        wall, article_id, peak = child(home, str(novel), "import", "all")
        reopen, _, reopen_peak = child(home, article_id, "open", "all")
        figure(
            "library",
            f"{novel.name}: import + annotate every paragraph",
            wall,
            "s",
            baseline=reopen,
            baseline_name="reopen",
            detail=f"peak RSS {peak:.0f} MB, reopen peak RSS {reopen_peak:.0f} MB",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
