"""The window: a text opens in the background, readings and scripts change what is drawn."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from app.io.paths import resolve
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, private_data_dir):
    win = MainWindow(resolve(private_data_dir))
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitUntil(lambda: win.document_ready, timeout=60_000)
    return win


def _open(qtbot, window, path):
    window.document_ready = False
    assert window.open_file(str(path)) is None
    qtbot.waitUntil(lambda: window.document_ready, timeout=60_000)


def test_a_text_opens_with_words_and_readings(qtbot, window, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("普丁與川普在阿拉斯加會晤。\n\n銀行長期協調。\n", encoding="utf-8")
    _open(qtbot, window, path)
    words = [(b.text, b.reading) for b in window.view.boxes if b.kind == "word"]
    assert ("銀行", "yínháng") in words and ("協調", "xiétiáo") in words
    assert window.windowTitle().startswith("a.txt")


def test_reading_styles_change_the_layout(qtbot, window):
    window.readings_box.setCurrentIndex(window.readings_box.findData("marks"))
    with_readings = window.view.boxes[0].rect.height()
    window.readings_box.setCurrentIndex(window.readings_box.findData("zhuyin"))
    assert any("ㄜˊ" in b.reading for b in window.view.boxes)  # 俄 of 俄國
    window.readings_box.setCurrentIndex(window.readings_box.findData("none"))
    assert all(b.reading == "" for b in window.view.boxes)
    assert window.view.boxes[0].rect.height() < with_readings


def test_script_switch_redraws_in_simplified(qtbot, window):
    window.script_box.setCurrentIndex(window.script_box.findData("cn"))
    shown = "".join(b.text for b in window.view.boxes)
    assert "乌克兰" in shown and "烏克蘭" not in shown


def test_glossary_terms_are_marked_by_category(window):
    marked = {(b.text, b.category) for b in window.view.boxes if b.category}
    assert ("普京", "person") in marked and ("烏克蘭", "place") in marked


def test_clicking_putin_shows_the_card_with_the_other_regions_form(qtbot, window):
    window.open_article("prospect-alaska-northeast-asia")
    qtbot.waitUntil(lambda: window.document_ready and window.view.paragraphs[0].text.startswith("俄羅斯"),
                    timeout=60_000)
    qtbot.waitUntil(lambda: window.dictionary_ready, timeout=60_000)
    box = next(b for b in window.view.boxes if b.text == "普丁")
    window.view.ensurePolished()
    qtbot.mouseClick(window.view, Qt.LeftButton, pos=box.rect.center().toPoint())
    card = window.lookup.toPlainText()
    assert "Vladimir Putin" in card and "TW form; CN/HK form 普京" in card
    assert "CC-CEDICT" in card and "(TW)" in card


def test_a_bad_file_gets_one_line_and_keeps_the_open_text(qtbot, window, tmp_path):
    before = [b.text for b in window.view.boxes]
    bad = tmp_path / "big5.txt"
    bad.write_bytes("普丁與川普".encode("big5"))
    message = window.open_file(str(bad))
    assert "big5.txt:1: not valid UTF-8" in message and "\n" not in message
    assert [b.text for b in window.view.boxes] == before


def test_the_event_loop_keeps_turning_while_a_long_text_is_segmented(qtbot, window, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(("俄國自2022年2月全面入侵烏克蘭以來，戰爭持續三年半依然陷入膠著。" * 1000 + "\n") * 2, encoding="utf-8")
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    window.document_ready = False
    window.open_file(str(path))
    qtbot.waitUntil(lambda: window.document_ready, timeout=120_000)
    timer.stop()
    # Tens of thousands of characters take a while; the timer fired throughout.
    assert len(ticks) >= 5


def test_only_the_boxes_on_screen_are_painted(window):
    view = window.view
    visible = view.visible_boxes(0, 100)
    assert 0 < len(visible) < len(view.boxes)


def test_screenshot_mode_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "home"), "--screenshot", str(out), "--size", "900x600"],
        capture_output=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_screenshot_of_a_missing_file_fails_with_a_clear_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "home"), "--screenshot", str(tmp_path / "x.png"),
         "--file", str(tmp_path / "nope.txt")],
        capture_output=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 2
    assert "nope.txt: no such file" in result.stderr.decode()
