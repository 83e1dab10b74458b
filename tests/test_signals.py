"""Ctrl+C and SIGTERM end the program cleanly: the window closes as File > Quit does, a command
stops with 128 + the signal's number, and no traceback or temporary file is left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = "普丁與川普在阿拉斯加會面，西安的讀者讀得很慢，北京的記者寫得很快。" * 40


def _start(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(home), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _wait_for_window(process: subprocess.Popen[str], home: Path) -> None:
    # The window has opened the store once the data folder holds it; give the event loop a
    # moment more to be running.
    deadline = time.monotonic() + 120
    while not (home / "duben.sqlite3").exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    time.sleep(2)
    assert process.poll() is None, process.communicate()


def _big_text(path: Path, paragraphs: int) -> Path:
    path.write_text("\n\n".join([PARAGRAPH] * paragraphs), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_closes_the_window_cleanly(tmp_path, number):
    home = tmp_path / "home"
    process = _start(home)
    _wait_for_window(process, home)
    process.send_signal(number)
    _, err = process.communicate(timeout=120)
    assert process.returncode >= 0, f"died of signal {-process.returncode}: {err}"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err


@pytest.mark.slow
def test_ctrl_c_while_a_large_article_loads_in_the_window_does_not_crash(tmp_path):
    home = tmp_path / "home"
    article = _big_text(tmp_path / "long.txt", 600)
    process = _start(home, "--article", str(article))
    _wait_for_window(process, home)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=180)
    assert process.returncode >= 0, f"died of signal {-process.returncode}: {err}"
    assert "Traceback" not in err, err


@pytest.fixture
def big_library(tmp_path):
    home = tmp_path / "home"
    made = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(home), "import", str(_big_text(tmp_path / "long.txt", 800))],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    return home, made.stdout.strip()


@pytest.mark.slow
@pytest.mark.parametrize("wait", [1.5, 3.0, "part"], ids=["early", "midway", "while-writing"])
def test_sigterm_during_a_large_export_leaves_no_temporary_file(big_library, tmp_path, wait):
    home, article = big_library
    out = tmp_path / "out"
    out.mkdir()
    target = out / "annotated.json"
    target.write_text("the old file")
    process = _start(home, "annotate", article, "-o", str(target))
    if wait == "part":
        # As soon as the temporary file beside the target appears, while it is being written.
        deadline = time.monotonic() + 300
        while process.poll() is None and time.monotonic() < deadline:
            if any(name.endswith(".part") for name in os.listdir(out)):
                break
    else:
        time.sleep(float(wait))
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err, err
    if process.returncode == 0:
        # It finished before the signal arrived: then the export is whole.
        assert target.read_text(encoding="utf-8").startswith("{")
    else:
        assert process.returncode == 128 + signal.SIGTERM, err
        assert target.read_text() == "the old file"
    assert [p.name for p in out.iterdir()] == ["annotated.json"]
