"""A library entry's context menu in the window: open, rename, delete (asked, undoable, restorable), export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.core.notes import fingerprint
from app.ui.controllers.library import BUNDLED_LINE
from app.ui.library.model import COL_TITLE
from tests.helpers import open_window

TEXT = "普丁與川普在阿拉斯加會晤。\n\n歐洲協調的當代版本。\n"


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir)


@pytest.fixture
def mine(qtbot, window, tmp_path) -> str:
    """An imported article, open, with one note of the user's."""
    (tmp_path / "mine.txt").write_text(TEXT, encoding="utf-8")
    with qtbot.waitSignal(window.imports.article_imported, timeout=60_000) as signal:
        assert window.import_file(str(tmp_path / "mine.txt")) is None
    article_id = str(signal.args[0])
    window.context.store.set_user_note(article_id, 0, fingerprint(TEXT.split("\n")[0]), "my note")
    return article_id


def entry_menu(window, article_id):
    """The context menu of an entry, as a right click on its row opens it."""
    row = window.library.proxy.mapFromSource(window.library.model.index(window.library.model.row_of(article_id), 0))
    where = window.library.view.visualRect(row).center()
    window.library.view.customContextMenuRequested.emit(where)
    menu = window.library_menu
    assert menu is not None and menu.isVisible()
    return menu


def action(menu, text):
    found = [a for a in menu.actions() if a.text().replace("&", "").split("\t")[0] == text]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def titles(window) -> list[str]:
    return [window.library.model.index(r, COL_TITLE).data() for r in range(window.library.model.rowCount())]


def test_an_entry_is_renamed_from_its_menu_and_the_rename_undone(qtbot, window, mine, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("我的新題", True))
    menu = entry_menu(window, mine)
    assert [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if a.text()][:3] == [
        "Open",
        "Rename…",
        "Delete…",
    ]
    action(menu, "Rename…").trigger()
    assert "我的新題" in titles(window) and window.context.store.article(mine).title == "我的新題"
    assert window.windowTitle().startswith("我的新題")
    window.undo_stack.undo()
    assert "mine" in titles(window) and window.context.store.article(mine).title == "mine"


def test_deleting_asks_then_goes_to_the_trash_and_ctrl_z_brings_it_back(qtbot, window, mine, monkeypatch):
    asked = []

    def question(parent, title, text, *args):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    action(entry_menu(window, mine), "Delete…").trigger()
    assert asked and asked[0][0] == "Delete article" and "your 1 note and 0 corrections go to the trash" in asked[0][1]
    assert window.library.model.row_of(mine) < 0 and window.article.id != mine
    assert [a.id for a in window.context.store.articles(trashed=True)] == [mine]
    assert "Ctrl+Z brings it back" in window.statusBar().currentMessage()
    undo = next(a for a in window.menuBar().actions()[1].menu().actions() if a.text().startswith("&Undo"))
    assert undo.text() == "&Undo delete of “mine”"
    undo.trigger()
    assert window.library.model.row_of(mine) >= 0 and window.article.id == mine
    assert [n.text for n in window.context.store.user_notes(mine)] == ["my note"]
    window.undo_stack.redo()
    assert window.library.model.row_of(mine) < 0


def test_cancelling_the_question_keeps_the_article(qtbot, window, mine, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    action(entry_menu(window, mine), "Delete…").trigger()
    assert window.library.model.row_of(mine) >= 0 and window.context.store.articles(trashed=True) == []
    assert not window.undo_stack.canUndo() or "delete" not in window.undo_stack.undoText()


def test_a_deleted_article_is_restored_from_the_file_menu_with_its_notes(qtbot, window, mine, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.library.view.setFocus()
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)  # Delete on the open (highlighted) entry
    assert window.library.model.row_of(mine) < 0
    offered = []

    def get_item(parent, title, label, items, *args):
        offered.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    file_menu = window.menuBar().actions()[0].menu()
    next(a for a in file_menu.actions() if a.text() == "&Restore a deleted article…").trigger()
    assert offered == [f"mine ({mine})"]
    assert window.library.model.row_of(mine) >= 0 and window.article.id == mine
    assert window.context.store.user_notes(mine)[0].text == "my note"
    assert window.statusBar().currentMessage() == "Restored “mine” with its notes and corrections"


def test_the_trash_is_emptied_from_the_file_menu_after_asking(qtbot, window, mine, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.entries.delete(mine)
    asked = []

    def warning(parent, title, text, *args):
        asked.append((title, text))
        return answers.pop(0)

    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "warning", warning)
    file_menu = window.menuBar().actions()[0].menu()
    empty = next(a for a in file_menu.actions() if a.text() == "&Empty the trash…")
    empty.trigger()  # cancelled: still in the trash
    assert [a.id for a in window.context.store.articles(trashed=True)] == [mine]
    assert "• mine" in asked[0][1] and "cannot be undone" in asked[0][1]
    empty.trigger()
    assert (
        window.context.store.articles(trashed=True) == [] and window.context.store.article(mine, trashed=True) is None
    )
    assert window.statusBar().currentMessage() == "Removed 1 article from the trash for good"
    window.undo_stack.undo()  # the delete's undo has nothing to bring back now: it says so
    assert window.library.model.row_of(mine) < 0
    assert window.statusBar().currentMessage() == f"{mine} was removed for good when the trash was emptied"
    empty.trigger()
    assert window.statusBar().currentMessage() == "The trash is empty" and len(asked) == 2


def test_a_bundled_entry_says_in_one_line_it_cannot_be_renamed_or_deleted(qtbot, window):
    menu = entry_menu(window, "newtalk-alaska-concert")
    assert not action(menu, "Rename…").isEnabled() and not action(menu, "Delete…").isEnabled()
    assert not action(menu, BUNDLED_LINE).isEnabled()
    assert not action(menu, "Restore a deleted article…").isEnabled()  # the trash is empty
    window.entries.delete("newtalk-alaska-concert", confirm=lambda *a: True)
    assert window.library.model.row_of("newtalk-alaska-concert") >= 0
    assert window.statusBar().currentMessage().endswith("bundled articles come with Duben and cannot be deleted")


def test_an_entry_exports_its_handout_from_its_menu(qtbot, window, mine, tmp_path, monkeypatch):
    target = tmp_path / "out" / "mine.html"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.open_article("prospect-alaska-northeast-asia")
    export = next(a.menu() for a in entry_menu(window, mine).actions() if a.menu() is not None)
    with qtbot.waitSignal(window.exports.export_finished, timeout=60_000):
        action(export, "Handout (HTML)…").trigger()
    assert window.article.id == mine and "歐洲協調" in target.read_text(encoding="utf-8")
    action(entry_menu(window, mine), "Open").trigger()
    assert window.article.id == mine
