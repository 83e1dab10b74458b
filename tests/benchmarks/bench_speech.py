"""Listening: from the key (F8) to the engine's say() call, and the WAV file of `speak -o`.

Run: python -m tests.benchmarks.bench_speech [--runs N] [--quick]   (offscreen)

The window figure is key press to the controller's `started` signal, which follows the engine's
say() at once; the engine's own latency (speech-dispatcher, SAPI...) is apart. It runs on Qt's
`mock` engine, since the offscreen test machine has no sound device. The baseline is another key
handled in the same window (Alt+Right, the next word), so the ratio is what speaking adds.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks._data import PROJECT_ROOT, bench_parser
from tests.benchmarks.report import figure

KEY_MS = 150.0


def window_latency(runs: int) -> None:
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
    deadline = time.time() + 60
    while not window.document.ready and time.time() < deadline:
        app.processEvents()
    window.settings.setValue(ENGINE_KEY, "mock")
    window.settings.setValue(VOICE_KEY, "Anne")
    said: list[float] = []
    window.speech.started.connect(lambda _text: said.append(time.perf_counter()))
    window.lookup.move_word(1)

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> float:
        start = time.perf_counter()
        QTest.keyClick(window.view, key, modifier)
        app.processEvents()
        return start

    speak, baseline = [], []
    start = press(Qt.Key.Key_F8)
    first = (said[-1] - start) * 1000 if said else float("nan")
    for _ in range(max(runs * 4, 20)):
        window.speech.stop()
        start = press(Qt.Key.Key_F8)
        speak.append((said[-1] - start) * 1000)
        start = time.perf_counter()
        press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        baseline.append((time.perf_counter() - start) * 1000)
    figure(
        "speech",
        "key F8 to the engine's say(), median",
        statistics.median(speak),
        "ms",
        baseline=statistics.median(baseline),
        baseline_name="Alt+Right (next word)",
        target=KEY_MS,
        detail=f"first press (engine loaded then) {first:.1f} ms; {len(speak)} presses",
    )
    sys.stdout.flush()
    os._exit(0)


def main() -> None:
    parser = bench_parser(__doc__, runs=5)
    parser.add_argument("--in-process", action="store_true", help="(internal) the window part")
    args = parser.parse_args()
    if args.in_process:
        window_latency(args.runs)
        return
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_speech", "--in-process", "--runs", str(args.runs)],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
    )
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
