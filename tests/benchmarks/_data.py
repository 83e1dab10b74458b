"""Shared by the benchmarks: where the data lives (../shared/data or $DUBEN_BENCH_DATA), common
options, medians of timed calls, and child processes measured for time and peak memory."""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("DUBEN_BENCH_DATA", PROJECT_ROOT.parent / "shared" / "data"))

# The baseline for the window benchmarks: a bare PySide6 window, shown and grabbed to the PNG named
# by its argument, the least any Qt reader has to pay.
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
window = QLabel("讀本")
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, lambda: (window.grab().save(sys.argv[1]), app.quit()))
app.exec()
"""


def require(relative: str) -> Path:
    """The path of a benchmark data file, or exit with a clear line when it is missing."""
    path = DATA / relative
    if not path.exists():
        raise SystemExit(f"benchmark data missing: {path} (set DUBEN_BENCH_DATA)")
    return path


class _Quick(argparse.Action):
    """--quick: one run each (a later --runs still wins), and whatever lighter settings a benchmark has."""

    def __call__(self, parser, namespace, values, option_string=None):
        namespace.quick = True
        namespace.runs = 1


def bench_parser(description: str | None, runs: int) -> argparse.ArgumentParser:
    """The options every benchmark takes, so `python -m tests.benchmarks --quick` can pass them to all."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=runs, help=f"report the median of N runs (default {runs})")
    parser.add_argument(
        "--quick",
        action=_Quick,
        nargs=0,
        default=False,
        help="one run and lighter settings: checks the report works, figures are rougher",
    )
    return parser


def median_time(fn, runs: int = 5) -> float:
    """Median wall-clock seconds of `runs` calls of fn()."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass(frozen=True)
class Finished:
    seconds: float  # wall clock, start to exit
    out: str  # standard output
    peak_mb: float  # the child's own peak resident set size


# Linux keeps a process's peak RSS across fork and exec: a child started straight from this
# process would report at least this process's own peak (a benchmark that has loaded models is
# 200 MB and more). So a small Python process is started first; the command is forked from it,
# and its peak starts from that small one's. The measurer writes "seconds peak_kb status".
_MEASURER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - start} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_measured(command: list[str], env: dict | None = None) -> Finished:
    """Run one child process from the project root to its end; exit with its last error line if it fails."""
    # Output goes to files, not pipes: the measurer waits for the child and cannot drain a pipe.
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
        tempfile.NamedTemporaryFile("r", suffix=".measure") as measured,
    ):
        subprocess.run(
            [sys.executable, "-c", _MEASURER, measured.name, *command],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=err,
            check=False,
        )
        seconds_text, peak_kb, code = measured.read().split()
        out.seek(0)
        err.seek(0)
        if int(code) != 0:
            lines = err.read().strip().splitlines()
            shown = " ".join(part for part in command[1:] if "\n" not in part)  # not a -c script's code
            raise SystemExit(f"child failed ({shown[:120]}): {lines[-1] if lines else code}")
        # Linux gives ru_maxrss in KB.
        return Finished(float(seconds_text), out.read(), int(peak_kb) / 1024)
