"""Whole-process cost of `python -m app segment` / `pinyin` on 400,000 characters, against plain jieba.cut.

Run: python -m tests.benchmarks.bench_cli [--runs N] [--quick]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks._data import PROJECT_ROOT, bench_parser, require
from tests.benchmarks.report import figure

CHARS = 400_000

PLAIN_JIEBA = (
    "import sys, jieba\n"
    "out = sys.stdout\n"
    "for line in open(sys.argv[1], encoding='utf-8'):\n"
    "    out.write(' '.join(w for w in jieba.cut(line.rstrip('\\n')) if not w.isspace()) + '\\n')\n"
)


def _time(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=PROJECT_ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    args = bench_parser(__doc__, runs=5).parse_args()
    text = require("longtext/sanguo-yanyi.txt").read_text(encoding="utf-8")[:CHARS]
    work = Path(tempfile.mkdtemp(prefix="duben-bench-"))
    try:
        sample = work / "sample.txt"
        sample.write_text(text, encoding="utf-8")
        home = work / "home"
        ours = [sys.executable, "-m", "app", "--data-dir", str(home)]
        # Warm every cache once (jieba's own in the temp folder, ours in the data folder).
        subprocess.run(
            [sys.executable, "-c", PLAIN_JIEBA, str(sample)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        start = time.perf_counter()
        subprocess.run(ours + ["segment", str(sample)], check=True, stdout=subprocess.DEVNULL)
        cold = time.perf_counter() - start

        plain = _time([sys.executable, "-c", PLAIN_JIEBA, str(sample)], args.runs)
        segment = _time(ours + ["segment", str(sample)], args.runs)
        pinyin = _time(ours + ["pinyin", str(sample)], max(1, args.runs // 2))
        print(
            f"input: {len(text):,} characters of sanguo-yanyi.txt, {text.count(chr(10)) + 1} lines; "
            f"median of {args.runs} runs (pinyin {max(1, args.runs // 2)})"
        )
        print(f"{'plain jieba.cut, whole process':42s} {plain:7.2f} s  {len(text) / plain:10,.0f} chars/s  1.00x")
        for name, seconds, target in (
            ("python -m app segment, warm cache", segment, 2.0),
            ("python -m app segment, first run (cold)", cold, None),
            ("python -m app pinyin, warm cache", pinyin, None),
        ):
            figure(
                "cli",
                name,
                seconds,
                "s",
                baseline=plain,
                baseline_name="plain jieba.cut script",
                target=target,
                target_kind="ratio",
                detail=f"{len(text) / seconds:,.0f} chars/s",
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
