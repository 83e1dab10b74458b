"""The pinned card's buttons act on the card's word (a word of the text, or one typed in the look-up
field): its status in the store, listening, the add-term dialog, the clipboard; Ctrl+L goes to the
field; a card shown loads Qt's speech module before the first Listen."""

from __future__ import annotations

import re
import sys

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication

from app.ui.controllers.speech import ENGINE_KEY, VOICE_KEY
from app.ui.menus import shortcut_lines
from tests.helpers import open_window, run_python, select_word

TYPED = "熊貓"  # not in the article the window opens


@pytest.fixture
def window(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir, dictionary=True)
    win.settings.setValue(ENGINE_KEY, "mock")
    win.settings.setValue(VOICE_KEY, "Anne")  # the mock engine has no Chinese voice
    return win


def pin(window, text):
    place = select_word(window, text)
    window.lookup.pin(*place)
    return place


def search(qtbot, window, query):
    window.lookup_field.setText(query)  # setText: QTest cannot type characters outside Latin-1
    qtbot.keyClick(window.lookup_field, Qt.Key.Key_Return)


def checked(window):
    return [status for status, button in window.card_buttons.statuses.items() if button.isChecked()]


def test_before_any_card_the_buttons_are_off(window):
    assert all(not button.isEnabled() for button in window.card_buttons.buttons())


def test_status_buttons_set_the_words_status_and_follow_the_keys(qtbot, window):
    pin(window, "戰爭")
    buttons = window.card_buttons
    assert buttons.word == "戰爭" and all(b.isEnabled() for b in buttons.buttons()) and checked(window) == []
    assert "(key 2 in the text)" in buttons.statuses["learning"].toolTip()
    buttons.statuses["learning"].click()
    assert window.context.store.word_statuses()["戰爭"] == "learning"
    assert checked(window) == ["learning"]
    assert window.view._statuses["戰爭"] == "learning"  # what tints the word in the text
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # Words ▸ Mark as known, on the same word in the text
    assert window.context.store.word_statuses()["戰爭"] == "known" and checked(window) == ["known"]
    buttons.statuses["known"].click()  # the checked one again: the status is forgotten
    assert "戰爭" not in window.context.store.word_statuses() and checked(window) == []


def test_a_word_typed_in_the_field_can_be_marked_copied_heard_and_added(qtbot, window):
    search(qtbot, window, TYPED)
    buttons = window.card_buttons
    assert buttons.word == TYPED and "panda" in window.card.toPlainText()
    buttons.statuses["known"].click()
    assert window.context.store.word_statuses()[TYPED] == "known" and checked(window) == ["known"]

    buttons.action_buttons["copy"].click()
    assert QGuiApplication.clipboard().text() == TYPED

    marked = []
    window.speech.word_spoken.connect(lambda start, end: marked.append((start, end)))
    with qtbot.waitSignal(window.speech.started, timeout=10_000) as said:
        buttons.action_buttons["listen"].click()
    assert said.args == [TYPED]
    qtbot.waitUntil(lambda: not window.speech.speaking, timeout=10_000)
    assert all(span == (-1, -1) for span in marked)  # no word of the article is marked for it

    seen = []

    def look_and_cancel():
        dialog = window.glossary_panel.add_dialog
        seen.append((dialog.text_edit.text(), dialog.english_edit.text()))
        dialog.reject()

    QTimer.singleShot(0, look_and_cancel)
    buttons.action_buttons["add"].click()
    assert seen and seen[0][0] == TYPED and "panda" in seen[0][1]


def test_listen_on_a_word_of_the_text_says_it_and_marks_it(qtbot, window):
    place = pin(window, "戰爭")
    window.view.clear_current()  # the buttons act on the card's word, not on a selection
    marked = []
    window.speech.word_spoken.connect(lambda start, end: marked.append((start, end)))
    with qtbot.waitSignal(window.speech.started, timeout=10_000) as said:
        window.card_buttons.action_buttons["listen"].click()
    assert said.args == ["戰爭"]
    token = window.view.token_at(*place)
    window.speech.engine().sayingWord.emit("戰爭", 0, 0, 2)
    assert window.view.spoken == (token.start, token.end)


def test_an_english_search_gives_separate_entries_and_a_headword_becomes_the_cards_word(qtbot, window):
    search(qtbot, window, "bank")
    html = window.card.toHtml()
    links = re.findall(r'href="(word:[^"]+)"', html)
    assert len(links) >= 3 and html.count("<table") >= len(links)  # each entry in a frame of its own
    assert window.card_buttons.word  # the first entry's headword, before any click
    target = next(link for link in links if "%E9%8A%80%E8%A1%8C" in link)  # 銀行
    window.card.anchorClicked.emit(QUrl(target))
    assert window.card_buttons.word in ("銀行", "银行")
    assert window.lookup_field.text() == "bank"  # Enter there goes back to the results
    window.card_buttons.statuses["new"].click()
    assert window.context.store.word_statuses()[window.card_buttons.word] == "new"


def test_ctrl_l_shows_the_card_and_selects_the_field(qtbot, window):
    window.lookup_field.setText("bank")
    window.card_dock.hide()
    window.view.setFocus()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.card_dock.isVisible()
    qtbot.waitUntil(window.lookup_field.hasFocus)
    assert window.lookup_field.selectedText() == "bank"
    assert dict(shortcut_lines(window))["Edit → Look up a word…"] == "Ctrl+L"


def test_a_card_shown_warms_the_speech_module_and_no_start_does(qtbot, window):
    # In this process other tests may have imported Qt's speech module: the window's own flag.
    assert not window.speech.warmed
    pin(window, "戰爭")
    qtbot.waitUntil(lambda: window.speech.warmed, timeout=10_000)


# A window in a fresh process: no speech module at start, loaded once a card is shown, and the first
# Listen then imports nothing more (the engine itself is made by that press).
PROBE = """
import sys, time
from PySide6.QtWidgets import QApplication
from app.io.paths import resolve
from app.ui.controllers.speech import ENGINE_KEY, VOICE_KEY
from app.ui.main_window import MainWindow
from pathlib import Path
app = QApplication([])
window = MainWindow(resolve(Path(sys.argv[1])))
window.show()
deadline = time.time() + 120
while not window.document.ready and time.time() < deadline:
    app.processEvents()
print("AT START", "PySide6.QtTextToSpeech" in sys.modules)
window.settings.setValue(ENGINE_KEY, "mock")
window.settings.setValue(VOICE_KEY, "Anne")
window.lookup.pin(*window.view.move_word(1))
while not window.speech.warmed and time.time() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("WARMED", "PySide6.QtTextToSpeech" in sys.modules, window.speech.warmed)
before = set(sys.modules)
said = []
window.speech.started.connect(said.append)
window.card_buttons.action_buttons["listen"].click()
print("SAID", bool(said), "IMPORTED", " ".join(sorted(set(sys.modules) - before)))
"""


def test_in_a_fresh_process_the_warm_up_loads_speech_before_the_first_listen(tmp_path):
    code, out, err = run_python("-c", PROBE, tmp_path / "home", timeout=300)
    assert code == 0, err
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.split()}
    assert lines["AT"] == ["START", "False"]
    assert lines["WARMED"] == ["True", "True"]
    assert lines["SAID"][0] == "True" and lines["SAID"][2:] == []  # nothing imported by the press


def test_the_buttons_fit_a_small_window(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir, size=(800, 600))
    place = select_word(win, "戰爭")
    win.lookup.pin(*place)
    qtbot.waitUntil(lambda: win.card_buttons.isVisible())
    holder = win.card_buttons.parentWidget().rect()
    for button in win.card_buttons.buttons():
        corner = button.mapTo(win.card_buttons.parentWidget(), button.rect().bottomRight())
        assert holder.contains(corner), button.text()
        assert button.width() >= button.sizeHint().width() - 1, button.text()  # its label whole


@pytest.mark.skipif(sys.platform == "darwin", reason="the native Copy key differs")
def test_the_tooltips_name_the_keys(window):
    pin(window, "戰爭")
    tips = {name: b.toolTip() for name, b in window.card_buttons.action_buttons.items()}
    assert "F8" in tips["listen"] and "Ctrl+Shift+G" in tips["add"] and "Ctrl+C" in tips["copy"]
    assert "戰爭" in tips["copy"]


def test_a_headword_clicked_on_the_hover_card_pins_its_card(qtbot, window):
    place = select_word(window, "戰爭")
    window.lookup.show_popup(*place)
    assert window.popup.isVisible()
    link = next(link for link in re.findall(r'href="(word:[^"]+)"', window.popup.text()) if "%E6%88%B0/" in link)
    window.popup.label.linkActivated.emit(link)  # what a click on the link sends
    assert not window.popup.isVisible()
    assert window.card_buttons.word == "戰" and window.card.toPlainText().startswith("戰")
