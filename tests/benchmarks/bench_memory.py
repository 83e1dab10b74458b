"""Peak memory of opening each text in the reader window, against a bare PySide6 window.

Run: python -m tests.benchmarks.bench_memory [--runs N] [--quick]

Each figure is one child process's own peak resident set (ru_maxrss from wait4), median of the
runs. Opening is what a user does: `--screenshot OUT.png --article ID` builds the window, opens
the article, paints its first screen, saves the PNG and exits. A novel is first imported into
its data folder with `import FILE`. "First open": in a set-up data folder (dictionary caches
built, the last article read cached) the article was never annotated; "reopened": the same
again, its paragraphs now cached. Annotating a whole novel to JSON (`annotate ID --format json
-o OUT`) is reported beside, without a target.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from tests.benchmarks._data import BARE, Finished, bench_parser, require, run_measured
from tests.benchmarks.report import figure

NOVELS = ("longtext/sanguo-yanyi.txt", "longtext/xiyouji.txt")
SIZE = "1200x800"  # the bare window's size too
TARGET_MB = 400  # the library's peak-memory target, for opening any text
# The fast-and-lean targets for opening a text: a bundled article, and each novel (by file name).
ARTICLE_TARGET_MB = 220
NOVEL_TARGET_MB = 300


def main() -> None:
    args = bench_parser(__doc__, runs=3).parse_args()
    novels = [require(name) for name in NOVELS]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    work = Path(tempfile.mkdtemp(prefix="duben-bench-mem-"))
    shot = str(work / "shot.png")

    def app(home: Path, *arguments: str) -> Finished:
        return run_measured([sys.executable, "-m", "app", "--data-dir", str(home), *arguments], env)

    def open_article(home: Path, article_id: str) -> float:
        return app(home, "--screenshot", shot, "--size", SIZE, "--article", article_id).peak_mb

    def report(name: str, peaks: list[float], target: float | None = TARGET_MB) -> None:
        figure(
            "memory",
            name,
            statistics.median(peaks),
            "MB",
            baseline=bare,
            baseline_name="bare PySide6 window",
            target=target,
            detail=f"runs: {', '.join(f'{p:.0f}' for p in peaks)} MB",
        )

    try:
        warm = work / "warm"
        bundled = [entry["id"] for entry in json.loads(app(warm, "list", "--json").out) if entry["bundled"]]
        # The very first start also builds the CC-CEDICT index and the dictionary caches, which
        # every later data folder gets as a copy: one run, since only one start is ever the first.
        # It leaves a set-up profile whose last article, bundled[0], is cached.
        first_start = open_article(warm, bundled[0])
        bare = statistics.median(
            run_measured([sys.executable, "-c", BARE, shot], env).peak_mb for _ in range(args.runs)
        )
        print(f"peak RSS of whole processes, offscreen, {SIZE}; medians of {args.runs} runs")
        print(f"bare PySide6 window (a QLabel shown and grabbed): {bare:.0f} MB")
        report(f"first start, empty data folder, open {bundled[0]}", [first_start])

        for source in [*bundled, *novels]:
            novel = isinstance(source, Path)
            name = source.name if novel else source
            first, reopened, annotated = [], [], []
            for run in range(args.runs):
                home = work / f"{name}-{run}"
                # The window first reopens the last article read (else the library's first), then
                # the one asked for: start from the set-up profile, so that only this one is new to
                # it, or, for the profile's own last article, from its dictionary caches alone.
                if source == bundled[0]:
                    shutil.copytree(warm / "cache", home / "cache")
                else:
                    shutil.copytree(warm, home)
                article_id = app(home, "import", str(source)).out.strip() if novel else source
                first.append(open_article(home, article_id))
                reopened.append(open_article(home, article_id))
                if novel:
                    output = str(work / "annotated.json")
                    annotated.append(app(home, "annotate", article_id, "--format", "json", "-o", output).peak_mb)
                shutil.rmtree(home)
            target = NOVEL_TARGET_MB if novel else ARTICLE_TARGET_MB
            report(f"open {name}, first open", first, target)
            report(f"open {name}, reopened", reopened, target)
            if annotated:
                report(f"annotate {name}, whole novel to JSON", annotated, target=None)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
