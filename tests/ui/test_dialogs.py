"""The window's dialogs: titles that fit, and file dialogs that open in the folder last used for their kind."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from app.ui.dialog_titles import fit_title, title_width
from app.ui.file_dialogs import Kind
from tests.helpers import open_window


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, size=(900, 700))


def shown_dialog(qtbot, trigger) -> tuple[str, int, int]:
    """(title, width, what the title takes with the title bar's buttons) of the dialog `trigger`
    opens; the dialog is then closed."""
    seen: list[tuple[str, int, int]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        seen.append((dialog.windowTitle(), dialog.width(), title_width(dialog)))
        dialog.reject()

    QTimer.singleShot(0, look)
    trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    return seen[0]


def menu_action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == menu_title)
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_every_dialog_of_the_window_is_wider_than_its_title(qtbot, window, tmp_path):
    ids = []
    for name in ("mine.txt", "other.txt"):
        (tmp_path / name).write_text(f"普丁與川普在阿拉斯加會晤。{name}\n", encoding="utf-8")
        window.import_file(str(tmp_path / name))
        ids.append(window.article.id)
    window.entries.delete(ids[0], confirm=lambda *a: True)  # so the trash has one to restore
    window.open_article("prospect-alaska-northeast-asia")
    qtbot.waitUntil(lambda: window.document.ready, timeout=60_000)
    word = next((r.index, b.start) for r in window.view.rows_on_screen() for b in r.boxes if len(b.text) >= 2)
    window.view.select_word(*word)
    triggers = {
        "Export glossary": menu_action(window, "File", "Export glossary…").trigger,
        "Export notes": window.exports.export_notes,  # the bundled notes or yours: a choice
        "Paste as article": menu_action(window, "File", "Paste as article").trigger,
        "Restore a deleted article": menu_action(window, "File", "Restore a deleted article…").trigger,
        "Rename article": lambda: window.entries.rename(ids[1]),
        "Split word": menu_action(window, "Words", "Split word…").trigger,
        "Reading": menu_action(window, "Words", "Correct a reading…").trigger,
        "Your note on paragraph": menu_action(window, "Edit", "Your note on this paragraph…").trigger,
        "Add glossary term": menu_action(window, "Tools", "Add the selection to the glossary…").trigger,
        "Keyboard shortcuts": menu_action(window, "Help", "Keyboard shortcuts").trigger,
        "About Duben": menu_action(window, "Help", "About Duben").trigger,
    }
    for expected, trigger in triggers.items():
        title, width, text = shown_dialog(qtbot, trigger)
        assert title.startswith(expected)
        assert width >= text, f"{title!r}: {width} px wide, its title takes {text} px"


def test_a_delete_question_is_wide_enough_for_its_title(qtbot, window, tmp_path):
    (tmp_path / "mine.txt").write_text("普丁。\n", encoding="utf-8")
    window.import_file(str(tmp_path / "mine.txt"))
    mine = window.article.id
    title, width, text = shown_dialog(qtbot, lambda: window.entries.delete(mine))
    assert title == "Delete article" and width >= text
    assert window.library.model.row_of(mine) >= 0  # closed without a yes: nothing deleted


def test_a_small_message_box_with_a_long_title_is_widened(qtbot):
    box = QMessageBox(QMessageBox.Icon.NoIcon, "A rather long title for so small a box", "OK?")
    qtbot.addWidget(box)
    fit_title(box)
    box.show()
    assert box.width() >= title_width(box)


def test_file_dialogs_open_in_the_last_folder_of_their_kind_also_after_a_restart(
    qtbot, window, tmp_path, monkeypatch, private_data_dir
):
    texts, exports = tmp_path / "texts", tmp_path / "exports"
    texts.mkdir()
    exports.mkdir()
    (texts / "one.txt").write_text("第一篇。\n", encoding="utf-8")
    (texts / "two.txt").write_text("第二篇。\n", encoding="utf-8")
    opened: list[str] = []
    saved: list[str] = []

    def get_open_file_names(parent, caption, directory, filters):
        opened.append(directory)
        return [str(texts / ("one.txt" if len(opened) == 1 else "two.txt"))], ""

    def get_save_file_name(parent, caption, directory, filters):
        saved.append(directory)
        return str(exports / "handout.html"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", get_open_file_names)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    import_action = menu_action(window, "File", "Import…")
    import_action.trigger()
    import_action.trigger()
    with qtbot.waitSignal(window.exports.export_finished, timeout=60_000):
        window.exports.export_html()
    with qtbot.waitSignal(window.exports.export_finished, timeout=60_000):
        window.exports.export_html()
    assert opened == ["", str(texts)]
    assert saved[1] == str(exports / f"{window.article.id}.html") and saved[0] != saved[1]
    window.save_settings()
    window.close()

    again = open_window(qtbot, private_data_dir, size=(900, 700))
    import_file_names = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda p, c, d, f: (import_file_names.append(d), ("", ""))[1])
    again.notes.import_notes()  # notes are imports too: the texts' folder
    assert import_file_names == [str(texts)]
    assert again.files.start(Kind.EXPORT) == str(exports)


def test_every_toolbar_tooltip_names_a_key(qtbot, window):
    from PySide6.QtWidgets import QToolBar

    toolbar = next(t for t in window.findChildren(QToolBar) if t.objectName() == "main-toolbar")
    for act in (a for a in toolbar.actions() if a.text()):
        keys = [k.toString() for k in act.shortcuts()] or ["F6", "F7"]  # a reading or script: the key to cycle
        label = act.text().replace("&", "").rstrip("…")
        assert act.toolTip() != label and any(f"({key}" in act.toolTip() for key in keys), act.toolTip()
