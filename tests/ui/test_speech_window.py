"""Listening in the window: F8 and its neighbours hand the engine the right text, and the word the
engine reports is the one marked in the view, which follows it.

Qt's speech-dispatcher engine reports no word boundaries (and on a machine without a sound
device does not finish), so these tests drive Qt's own `mock` engine plugin: a real
QTextToSpeech whose `sayingWord(word, id, start, length)` signals are what the controller
receives from any engine. It finds word boundaries only in Latin text, so the Chinese words'
boundaries are sent in that same signal's shape."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.speech import NO_VOICE
from app.ui.controllers.speech import ENGINE_KEY, VOICE_KEY
from tests.helpers import open_window, select_word


@pytest.fixture
def window(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir)
    win.settings.setValue(ENGINE_KEY, "mock")
    win.settings.setValue(VOICE_KEY, "Anne")  # the mock engine has no Chinese voice
    return win


def test_f8_says_the_word_at_the_cursor_and_shift_f8_its_sentence(qtbot, window):
    select_word(window, "戰爭")
    with qtbot.waitSignal(window.speech.started, timeout=10_000) as said:
        qtbot.keyClick(window.view, Qt.Key.Key_F8)
    assert said.args == ["戰爭"]
    qtbot.waitUntil(lambda: not window.speech.speaking, timeout=10_000)
    # A word in the second sentence of a paragraph of several: only that sentence is said.
    paragraph = next(p for p in window.view.paragraphs.values() if p.text.count("。") >= 2)
    first_end = paragraph.start + paragraph.text.index("。") + 1
    word = next(t for t in paragraph.tokens if t.kind == "word" and t.start > first_end)
    window.view.select_word(paragraph.index, word.start)
    with qtbot.waitSignal(window.speech.started, timeout=10_000) as said:
        qtbot.keyClick(window.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    sentence = said.args[0]
    assert sentence.startswith(word.text) or word.text in sentence
    assert sentence[-1] in "。；;！？" and "。" not in sentence[:-1]
    assert window.view.text[paragraph.start : first_end] not in sentence


def test_the_word_being_said_is_marked_and_kept_in_view(qtbot, window):
    window.view.verticalScrollBar().setValue(0)
    paragraph = window.view.paragraphs[max(window.view.paragraphs)]
    last_word = [t for t in paragraph.tokens if t.kind == "word"][-1]
    window.view.select_word(paragraph.index, last_word.start)
    window.view.verticalScrollBar().setValue(0)
    with qtbot.waitSignal(window.speech.started, timeout=10_000) as said:
        qtbot.keyClick(window.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ControlModifier)
    text = said.args[0]
    assert text.replace(" ", "") == "".join(paragraph.text.split())
    engine = window.speech.engine()
    at = text.rindex(last_word.text)
    engine.sayingWord.emit(last_word.text, 0, at + 1, 1)  # one character of it: the whole word is marked
    assert window.view.spoken == (last_word.start, last_word.end)
    assert any(b.start == last_word.start for r in window.view.rows_on_screen() for b in r.boxes)
    qtbot.waitUntil(lambda: window.view.spoken is None, timeout=10_000)  # the engine finished


def test_the_engines_own_word_boundaries_mark_the_words(qtbot, window, tmp_path):
    source = tmp_path / "mixed.txt"
    source.write_text("We read 學校 aloud today.\n", encoding="utf-8")
    assert window.import_file(str(source)) is None
    qtbot.waitUntil(lambda: window.document.ready and 0 in window.view.paragraphs, timeout=60_000)
    marked = []
    window.speech.word_spoken.connect(
        lambda start, end: marked.append(window.view.text[start:end] if start >= 0 else None)
    )
    window.view.clear_current()
    with qtbot.waitSignal(window.speech.started, timeout=10_000):
        window.speech.speak_paragraph()
    qtbot.waitUntil(lambda: bool(marked) and marked[-1] is None, timeout=20_000)
    assert {"We", "read", "aloud", "today"} <= set(marked)


def test_without_a_chinese_voice_one_line_says_how_to_get_one(qtbot, window):
    window.settings.setValue(VOICE_KEY, "")
    select_word(window, "戰爭")
    qtbot.keyClick(window.view, Qt.Key.Key_F8)
    assert window.statusBar().currentMessage() == NO_VOICE
    assert not window.speech.speaking


def test_rate_and_voice_are_kept_in_the_settings(qtbot, window):
    window.speech.set_rate(0.5)
    assert window.speech.rate == 0.5
    assert window.settings.value(VOICE_KEY) == "Anne"
    listen = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Listen")
    assert [a.text() for a in listen.actions()][:4] == [
        "Listen to the &word",
        "Listen to the &sentence",
        "Listen to the &paragraph",
        "S&top",
    ]
