"""The student's tools in the window: statuses with keys 1-3, tinting, figures, corrections at the cursor."""

import pytest
from PySide6.QtCore import Qt

from tests.helpers import open_window, select_word


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir)


def texts(window, index):
    return [t.text for t in window.view.paragraphs[index].tokens]


select = select_word


def test_key_3_marks_a_word_known_and_unknown_mode_hides_its_reading(qtbot, window):
    select(window, "戰爭")
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert window.context.store.word_statuses()["戰爭"] == "known"
    window.set_option(reading="unknown")
    boxes = [b for r in window.view.rows_on_screen() for b in r.boxes]
    assert all(b.reading == "" for b in boxes if b.text == "戰爭")
    assert "known" in window.status.text()


def test_splitting_and_merging_at_the_cursor(qtbot, window):
    index, start = select(window, "烏克蘭")
    assert window.words.split_word(start + 1)
    # The paragraph is worked out again in the background.
    qtbot.waitUntil(lambda: "烏" in texts(window, index), timeout=60_000)
    assert "烏" in texts(window, index) and "克蘭" in texts(window, index)
    window.view.select_word(index, start)
    assert window.words.merge_with_next()
    qtbot.waitUntil(lambda: "烏" not in texts(window, index), timeout=60_000)
    assert "烏克蘭" in texts(window, index)


def test_a_reading_correction_is_kept_and_resettable(qtbot, window):
    index, start = select(window, "戰爭")
    assert window.words.correct_reading(start, "zhan3")
    qtbot.waitUntil(lambda: window.view.token_at(index, start).readings[0] != "zhan4", timeout=60_000)
    token = next(t for t in window.view.paragraphs[index].tokens if t.start == start)
    assert token.readings[0] == "zhan3"
    window.words.reset_corrections()
    qtbot.waitUntil(lambda: window.document.ready, timeout=60_000)
    token = next(t for t in window.view.paragraphs[index].tokens if t.start == start)
    assert token.readings[0] == "zhan4"
