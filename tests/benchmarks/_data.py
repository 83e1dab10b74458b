"""Where the shared benchmark data lives: ../shared/data beside the project, or $DUBEN_BENCH_DATA."""

import os
import statistics
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("DUBEN_BENCH_DATA", PROJECT_ROOT.parent / "shared" / "data"))


def require(relative: str) -> Path:
    """The path of a benchmark data file, or exit with a clear line when it is missing."""
    path = DATA / relative
    if not path.exists():
        raise SystemExit(f"benchmark data missing: {path} (set DUBEN_BENCH_DATA)")
    return path


def median_time(fn, runs: int = 5) -> float:
    """Median wall-clock seconds of `runs` calls of fn()."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
