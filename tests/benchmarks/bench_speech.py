"""Listening: from the key (F8) to the engine's say() call, and the WAV file of `speak -o`.

Run: python -m tests.benchmarks.bench_speech [--runs N] [--quick]   (offscreen)

The window figures are key press to the controller's `started` signal, which follows the engine's
say() at once; the engine's own latency (speech-dispatcher, SAPI...) is apart. They run on Qt's
`mock` engine, since the offscreen test machine has no sound device. The first press of a window
is measured in fresh windows taken in turn: after a card was shown (which loads Qt's speech module
in the next idle moment), against one where nothing was shown (the key loads it). Later presses
have another key handled in the same window as their baseline (Alt+Right, the next word), so the
ratio is what speaking adds.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks._data import PROJECT_ROOT, bench_parser
from tests.benchmarks.report import figure

KEY_MS = 150.0


def window_latency(runs: int, warm: bool) -> None:
    """One window: the first F8 (after the card's warm-up when `warm`, else with nothing loaded),
    then later presses and the baseline key; prints them as one JSON line."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.io.paths import resolve
    from app.ui.controllers.speech import ENGINE_KEY, VOICE_KEY
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(resolve(Path(tempfile.mkdtemp(prefix="duben-bench-speech-"))))
    window.resize(1200, 800)
    window.show()
    deadline = time.time() + 120
    while not window.document.ready and time.time() < deadline:
        app.processEvents()
    window.settings.setValue(ENGINE_KEY, "mock")
    window.settings.setValue(VOICE_KEY, "Anne")
    said: list[float] = []
    window.speech.started.connect(lambda _text: said.append(time.perf_counter()))
    if warm:
        window.lookup.move_word(1)  # a card is shown: the speech module is loaded in the next idle moment
        deadline = time.time() + 30
        while not window.speech.warmed and time.time() < deadline:
            app.processEvents()
            time.sleep(0.005)
    else:
        window.view.move_word(1)  # a word selected, no card shown: nothing warms the speech module

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> float:
        start = time.perf_counter()
        QTest.keyClick(window.view, key, modifier)
        app.processEvents()
        return start

    start = press(Qt.Key.Key_F8)
    first = (said[-1] - start) * 1000 if said else float("nan")
    speak, baseline = [], []
    for _ in range(max(runs * 4, 20)):
        window.speech.stop()
        start = press(Qt.Key.Key_F8)
        speak.append((said[-1] - start) * 1000)
        start = time.perf_counter()
        press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        baseline.append((time.perf_counter() - start) * 1000)
    print("RESULT", json.dumps({"first": first, "later": speak, "baseline": baseline}))
    sys.stdout.flush()
    os._exit(0)


def _window_run(runs: int, warm: bool) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    mode = "warm" if warm else "cold"
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_speech", "--in-process", mode, "--runs", str(runs)],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return result


def window_figures(runs: int) -> None:
    """Windows started in turn with and without the warm-up (interleaved, so the load is shared)."""
    cold_first: list[float] = []
    warm_first: list[float] = []
    later: list[float] = []
    baseline: list[float] = []
    for _ in range(runs):
        for warm in (False, True):
            result = _window_run(runs, warm)
            (warm_first if warm else cold_first).append(float(result["first"]))
            later += result["later"]
            baseline += result["baseline"]
    figure(
        "speech",
        "first F8 to the engine's say(), after the card's warm-up, median",
        statistics.median(warm_first),
        "ms",
        baseline=statistics.median(cold_first),
        baseline_name="first F8 with no warm-up (Qt's speech module loaded by the key)",
        target=KEY_MS,
        detail=f"{runs} windows each; warmed {_spread(warm_first)}, not warmed {_spread(cold_first)}",
    )
    figure(
        "speech",
        "key F8 to the engine's say(), later presses, median",
        statistics.median(later),
        "ms",
        baseline=statistics.median(baseline),
        baseline_name="Alt+Right (next word)",
        target=KEY_MS,
        detail=f"{len(later)} presses",
    )


def _spread(values: list[float]) -> str:
    return f"{min(values):.0f}-{max(values):.0f} ms"


def main() -> None:
    parser = bench_parser(__doc__, runs=5)
    parser.add_argument("--in-process", choices=("cold", "warm"), help="(internal) one window's part")
    args = parser.parse_args()
    if args.in_process:
        window_latency(args.runs, args.in_process == "warm")
        return
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    window_figures(args.runs)
    work = Path(tempfile.mkdtemp(prefix="duben-bench-speech-"))
    sentence = "俄國自2022年2月全面入侵烏克蘭以來，戰爭持續三年半依然陷入膠著。"
    wav, segment = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(work), "speak", sentence, "-o", str(work / "s.wav")],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        wav.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(work), "--help"],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        segment.append(time.perf_counter() - start)
    figure(
        "speech",
        "`speak -o` of a 30-character sentence, median",
        statistics.median(wav) * 1000,
        "ms",
        baseline=statistics.median(segment) * 1000,
        baseline_name="`python -m app --help`",
        detail=f"{args.runs} runs",
    )


if __name__ == "__main__":
    main()
