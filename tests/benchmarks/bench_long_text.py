"""A text of 1,000,000 characters on one line without punctuation: the window's first screen
and `annotate` of it, each against its baseline measured in the same run.

Run: python -m tests.benchmarks.bench_long_text [--runs N] [--quick]

The line is 西遊記's Chinese characters (punctuation and line ends taken out, repeated to the
length). Baselines: a bundled article's first open for the window (both in a data folder whose
dictionaries are built and whose paragraph cache is empty: a first open), and `annotate` of as
many characters of the novel as written (its own lines and punctuation) for `annotate`.
--quick uses 200,000 characters.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from tests.benchmarks._data import bench_parser, require, run_measured
from tests.benchmarks.report import figure

WINDOW_RATIO, WINDOW_MB, ANNOTATE_RATIO = 2.0, 400, 3.0
SIZE = "1200x800"


def main() -> None:
    args = bench_parser(__doc__, runs=3).parse_args()
    length = 200_000 if args.quick else 1_000_000
    novel = require("longtext/xiyouji.txt").read_text(encoding="utf-8")
    han = "".join(re.findall(r"[\u4e00-\u9fff]", novel))
    work = Path(tempfile.mkdtemp(prefix="duben-bench-long-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        line = work / "line.txt"
        line.write_text((han * (length // len(han) + 1))[:length] + "\n", encoding="utf-8")
        written = work / "novel.txt"
        written.write_text((novel * (length // len(novel) + 1))[:length], encoding="utf-8")
        home = work / "home"

        def app(folder: Path, *arguments: object):
            return run_measured([sys.executable, "-m", "app", "--data-dir", str(folder), *map(str, arguments)], env)

        line_id = app(home, "import", line).out.strip()
        app(home, "--screenshot", work / "warm.png", "--size", SIZE)  # dictionaries and models built

        def cold(name: str) -> Path:
            """A copy of the set-up data folder whose paragraph cache is empty: a first open."""
            folder = work / name
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(home, folder)
            for stale in (folder / "cache").glob("paragraphs.sqlite3*"):
                stale.unlink()
            return folder

        def first_open(article: str) -> tuple[float, float]:
            done = app(cold("cold"), "--screenshot", work / "shot.png", "--size", SIZE, "--article", article)
            return done.seconds, done.peak_mb

        article_runs, line_runs = [], []
        for _ in range(args.runs):  # interleaved: the machine's load weighs on both alike
            article_runs.append(first_open("prospect-alaska-northeast-asia"))
            line_runs.append(first_open(line_id))
        article_s = statistics.median(s for s, _ in article_runs)
        line_s = statistics.median(s for s, _ in line_runs)
        figure(
            "long text",
            f"window, first screen of one line of {length:,} characters without punctuation",
            line_s,
            "s",
            baseline=article_s,
            baseline_name="a bundled article's first open",
            target=WINDOW_RATIO,
            target_kind="ratio",
        )
        figure(
            "long text",
            "window, peak memory on that line's first screen",
            statistics.median(mb for _, mb in line_runs),
            "MB",
            target=WINDOW_MB,
            detail=f"a bundled article's first open: {statistics.median(mb for _, mb in article_runs):.0f} MB",
        )

        def annotate(text: Path) -> tuple[float, float]:
            done = app(cold("annotate"), "annotate", text, "-o", work / "out.json")
            return done.seconds, done.peak_mb

        novel_runs, flat_runs = [], []
        for _ in range(max(1, args.runs - 2)):  # minutes a run at full length
            novel_runs.append(annotate(written))
            flat_runs.append(annotate(line))
        figure(
            "long text",
            f"annotate, one line of {length:,} characters without punctuation",
            statistics.median(s for s, _ in flat_runs),
            "s",
            baseline=statistics.median(s for s, _ in novel_runs),
            baseline_name=f"annotate, {length:,} characters of 西遊記 as written",
            target=ANNOTATE_RATIO,
            target_kind="ratio",
            detail=f"peak {statistics.median(mb for _, mb in flat_runs):.0f} MB against "
            f"{statistics.median(mb for _, mb in novel_runs):.0f} MB",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
