"""The performance report: every benchmark in turn, then one table of the key figures and their targets.

Run: python -m tests.benchmarks [--quick] [--only NAME[,NAME]] [--skip NAME[,NAME]] [--json OUT]

Each benchmark runs in its own process (as `python -m tests.benchmarks.bench_NAME`), its output
streamed as it comes; the figures it reports through report.figure() are gathered for the table.
Missed targets are reported, not failures: the exit status is non-zero only when a benchmark
itself failed (crashed, or its data was missing).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.benchmarks._data import PROJECT_ROOT
from tests.benchmarks.report import REPORT_ENV, ratio_text, status_text, target_text, value_text

HERE = Path(__file__).parent
BENCHMARKS = sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


@dataclass
class Outcome:
    name: str
    code: int
    seconds: float
    last_line: str
    figures: list[dict] = field(default_factory=list)


def names(text: str) -> list[str]:
    """Benchmark names from a comma-separated list: `ui`, `bench_ui` and `bench_ui.py` all name one."""
    chosen = [part.strip().removesuffix(".py").removeprefix("bench_") for part in text.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        raise argparse.ArgumentTypeError(f"no benchmark {', '.join(unknown)}; there are: {', '.join(BENCHMARKS)}")
    return chosen


def run(name: str, quick: bool, report: Path) -> Outcome:
    """One benchmark in its own process, its output passed through as it comes."""
    command = [sys.executable, "-m", f"tests.benchmarks.bench_{name}", *(["--quick"] if quick else [])]
    # Unbuffered, so the output streams; stderr joins stdout to keep the order of what was printed.
    env = dict(os.environ, PYTHONUNBUFFERED="1", **{REPORT_ENV: str(report)})
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"\n=== bench_{name}: {' '.join(command[1:])}", flush=True)
    last_line = ""
    start = time.perf_counter()
    with subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        for line in process.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            last_line = line.strip() or last_line
    outcome = Outcome(name, process.returncode, time.perf_counter() - start, last_line)
    if report.exists():
        outcome.figures = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines() if line]
    verdict = "done" if outcome.code == 0 else f"FAILED (exit {outcome.code})"
    print(f"=== bench_{name}: {verdict} in {outcome.seconds:.0f} s", flush=True)
    return outcome


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def summary(outcomes: list[Outcome]) -> str:
    figures = [f for outcome in outcomes for f in outcome.figures]
    rows = [[f["area"], f["name"], value_text(f), ratio_text(f), target_text(f), status_text(f)] for f in figures]
    targeted = [f for f in figures if f["met"] is not None]
    missed = [f for f in targeted if not f["met"]]
    lines = [
        table(rows, ["area", "figure", "value", "ratio", "target", "status"]),
        "",
        f"{len(figures)} figures, {len(targeted)} with a target: {len(targeted) - len(missed)} met, "
        f"{len(missed)} missed",
    ]
    for outcome in outcomes:
        if outcome.code != 0:
            lines.append(f"FAILED bench_{outcome.name} (exit {outcome.code}): {outcome.last_line}")
    lines.append("times: " + ", ".join(f"{o.name} {o.seconds:.0f} s" for o in outcomes))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="one run of each, lighter settings: rougher figures")
    parser.add_argument("--only", type=names, metavar="NAME[,NAME]", help=f"run only these: {', '.join(BENCHMARKS)}")
    parser.add_argument("--skip", type=names, default=[], metavar="NAME[,NAME]", help="run all but these")
    parser.add_argument("--json", metavar="OUT", help="also save the figures and each benchmark's outcome as JSON")
    args = parser.parse_args()
    chosen = [name for name in (args.only or BENCHMARKS) if name not in args.skip]
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="duben-bench-report-") as folder:
        for name in chosen:
            outcomes.append(run(name, args.quick, Path(folder) / f"{name}.jsonl"))
    print("\n" + summary(outcomes))
    if args.json:
        data = {"quick": args.quick, "benchmarks": [vars(outcome) for outcome in outcomes]}
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if any(outcome.code != 0 for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
