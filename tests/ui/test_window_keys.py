"""The keyboard and the menus: Home/End, places kept per text, the note editor, Undo, Help, a word's menu."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPlainTextEdit, QToolBar

from app.ui.glossary.model import COL_CHINESE, COL_ENGLISH
from app.ui.menus import shortcut_lines
from app.ui.reader.note_editing import NoteDialog
from tests.helpers import open_window

NOVEL = "newtalk-alaska-concert"  # 43 paragraphs: far more than a screen
SHORT = "prospect-alaska-northeast-asia"


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, NOVEL, size=(1000, 700))


def menu_actions(win, *path):
    """The actions of a menu reached by its (ampersand-free) titles."""
    actions = win.menuBar().actions()
    for title in path:
        menu = next(a.menu() for a in actions if a.text().replace("&", "") == title)
        actions = menu.actions()
    return {a.text().replace("&", ""): a for a in actions if a.text()}


def test_end_goes_to_the_end_and_stays_there_as_the_words_arrive_home_goes_back(qtbot, window):
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0
    last = len(view.spans) - 1
    qtbot.waitUntil(lambda: last in view.paragraphs and window.document.ready, timeout=60_000)
    qtbot.wait(100)
    assert view.at_end() and view.visible_range()[1] == last
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert bar.value() == 0
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.at_end()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0


def test_every_text_reopens_where_it_was_left(qtbot, window, private_data_dir):
    window.view.scroll_to_paragraph(20, 0.5)
    qtbot.waitUntil(lambda: window.document.ready, timeout=60_000)
    left = window.view.anchor()[0]
    assert left >= 19
    window.library.article_activated.emit(SHORT)
    assert window.article.id == SHORT and window.view.anchor()[0] == 0
    window.library.article_activated.emit(NOVEL)
    assert window.view.anchor()[0] == left
    window.close()
    again = open_window(qtbot, private_data_dir, size=(1000, 700))
    assert again.article.id == NOVEL and again.view.anchor()[0] == left


def test_the_note_editor_wraps_saves_with_ctrl_return_and_tab_leaves_it(qtbot):
    dialog = NoteDialog(None, 2, "")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.editor.hasFocus)
    assert dialog.windowTitle() == "Your note on paragraph 3"
    assert dialog.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    qtbot.keyClicks(dialog.editor, "first line")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.editor, "second")
    assert dialog.text() == "first line\nsecond" and dialog.isVisible()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Tab)
    assert "\t" not in dialog.text() and not dialog.editor.hasFocus()
    dialog.editor.setFocus()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.text() == "first line\nsecond"


def test_ctrl_z_in_the_glossary_undoes_the_glossary_change(qtbot, window):
    window.panels.show_panel("glossary")
    panel = window.glossary_panel
    model = panel.model
    row = next(r for r in model.rows_of("vladimir-putin") if model.index(r, COL_CHINESE).data() == "普丁")
    assert model.setData(model.index(row, COL_ENGLISH), "Vladimir Putin | V. V. Putin")
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.context.glossary.get("vladimir-putin").english == ("Vladimir Putin", "Putin")
    assert panel.undo_stack.canRedo()


def test_the_menus_zoom_once_reset_the_zoom_mark_the_theme_and_offer_help(qtbot, window):
    view_menu = menu_actions(window, "View")
    assert [t for t in view_menu if t.startswith("Zoom in")] == ["Zoom in"]
    view_menu["Zoom in"].trigger()
    assert window.view.options.font_size > 17.0
    view_menu["Reset zoom"].trigger()
    assert window.view.options.font_size == 17.0
    window.set_theme("dark", save=False)
    themes = menu_actions(window, "View", "Theme")
    assert themes["Dark"].isChecked() and not themes["Light"].isChecked()
    help_menu = menu_actions(window, "Help")
    assert "About Duben" in help_menu
    lines = dict(shortcut_lines(window))
    assert lines["Edit → Undo"] and lines["Go → End of the text"]
    assert "F1" in lines["Help → Keyboard shortcuts"]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()))
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert box.windowTitle() == "Keyboard shortcuts" and "Ctrl+Shift+G" in box.text()
    box.close()


def test_toolbar_tooltips_give_the_shortcut(qtbot, window):
    toolbar = next(t for t in window.findChildren(QToolBar) if t.objectName() == "main-toolbar")
    tips = {a.text().replace("&", ""): a.toolTip() for a in toolbar.actions() if a.text()}
    assert "Ctrl+O" in tips["Import…"]
    assert "F6" in tips["Pinyin"] and "F7" in tips["Original script"]
    assert all(tip != label for label, tip in tips.items())


def test_a_word_has_a_context_menu_that_acts_on_it(qtbot, window):
    view = window.view
    row = view.rows_on_screen()[0]
    box = next(b for b in row.boxes if b.kind == "word")
    point = view.box_center(row.index, box.start).toPoint()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    menu = window.word_menu
    assert menu is not None and menu.isVisible()
    labels = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    for wanted in ("Look up", "Add the selection to the glossary…", "Mark as known", "Split word…", "Copy"):
        assert wanted in labels
    assert view.current == (row.index, box.start)
    next(a for a in menu.actions() if a.text() == "Mark as known").trigger()
    assert window.words.statuses[box.text] == "known"
    next(a for a in menu.actions() if a.text() == "&Copy").trigger()
    assert QApplication.clipboard().text() == box.text
    menu.close()
