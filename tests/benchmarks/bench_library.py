"""Library benchmark: importing a 2 MB novel, first paragraphs ready, peak memory, reopening from the cache.

Run: python -m tests.benchmarks.bench_library [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks._data import PROJECT_ROOT, require

# Runs in a fresh process: import (optionally), then annotate some paragraphs; prints seconds since start.
CHILD = """
import sys, time
start = time.perf_counter()
from app.context import AppContext
from app.documents import Documents
from app.io.paths import resolve
context = AppContext(resolve(sys.argv[1]))
documents = Documents(context)
spec = sys.argv[2]
if sys.argv[3] == "import":
    from app.cli_library import import_text
    from app.io.importers import read_article_file
    spec = import_text(context, read_article_file(spec))
article = documents.article(spec)
only = None if sys.argv[4] == "all" else range(int(sys.argv[4]))
documents.paragraphs(article, only)
print(time.perf_counter() - start, spec)
"""


def child(home: Path, spec: str, mode: str, paragraphs: str) -> tuple[float, str, float]:
    """(wall seconds, article id, peak RSS in MB) of one fresh process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", CHILD, str(home), spec, mode, paragraphs],
                                   cwd=PROJECT_ROOT, stdout=out, stderr=err, text=True)
        # wait4 (not wait) so the child's own peak resident memory comes back with it.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            lines = err.read().strip().splitlines()
            raise SystemExit(f"child failed: {lines[-1] if lines else process.returncode}")
        _, article_id = out.read().split()
    return wall, article_id, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    novel = require("longtext/xiyouji.txt")
    work = Path(tempfile.mkdtemp(prefix="duben-bench-lib-"))
    try:
        print(f"novel: {novel.name}, {novel.stat().st_size / 1e6:.2f} MB; medians of {args.runs} runs; "
              "wall-clock of whole processes")
        warm = work / "warm"
        child(warm, "prospect-alaska-northeast-asia", "open", "1")  # build the dictionary caches once
        firsts = []
        for run in range(args.runs):
            home = work / f"import-{run}"
            shutil.copytree(warm / "cache", home / "cache")
            wall, _, peak = child(home, str(novel), "import", "3")
            firsts.append((wall, peak))
        wall, peak = (statistics.median(x) for x in zip(*firsts))
        print(f"import {novel.name} and annotate its first 3 paragraphs: {wall:5.2f} s (target < 3 s), "
              f"peak RSS {peak:.0f} MB (target < 400 MB)")

        for spec in ("newtalk-alaska-concert", "prospect-alaska-northeast-asia"):
            cold, hot = [], []
            for run in range(args.runs):
                home = work / f"reopen-{spec}-{run}"
                shutil.copytree(warm / "cache", home / "cache")
                cold.append(child(home, spec, "open", "all")[0])
                hot.append(child(home, spec, "open", "all")[0])
            c, h = statistics.median(cold), statistics.median(hot)
            print(f"{spec:32s} first annotation {c:5.2f} s, reopen {h:5.2f} s, ratio {c / h:4.1f}x (target >= 5x)")

        home = work / "novel-all"
        shutil.copytree(warm / "cache", home / "cache")
        wall, article_id, peak = child(home, str(novel), "import", "all")
        reopen, _, reopen_peak = child(home, article_id, "open", "all")
        print(f"{novel.name}: import and annotate every paragraph {wall:6.1f} s (peak RSS {peak:.0f} MB), "
              f"reopen {reopen:5.2f} s (peak RSS {reopen_peak:.0f} MB), ratio {wall / reopen:4.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
