"""Importing in the window a text the library already holds: it asks, and opens that article or imports a copy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.helpers import open_window

TEXT = "普丁與川普在阿拉斯加會晤。\n\n歐洲協調的當代版本。\n"


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir)


def answer_the_question(qtbot, button_text: str, seen: list[str]) -> None:
    """Click `button_text` in the question box once it is up (it runs its own event loop)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)


def imported(qtbot, window, path) -> str:
    with qtbot.waitSignal(window.imports.article_imported, timeout=60_000) as signal:
        assert window.import_file(str(path)) is None
    return str(signal.args[0])


def imported_ids(window) -> list[str]:
    return [a.id for a in window.context.store.articles()]


def test_a_text_already_in_the_library_opens_the_article_it_is(qtbot, window, tmp_path):
    (tmp_path / "mine.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "again.txt").write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8-sig"))
    first = imported(qtbot, window, tmp_path / "mine.txt")
    window.open_article("prospect-alaska-northeast-asia")
    seen: list[str] = []
    answer_the_question(qtbot, "Open it", seen)
    assert imported(qtbot, window, tmp_path / "again.txt") == first
    assert seen == [f"again.txt is already in the library as “mine” ({first})."]
    qtbot.waitUntil(lambda: window.article.id == first, timeout=60_000)
    assert imported_ids(window) == [first]
    assert window.statusBar().currentMessage() == f"again.txt is already in the library as mine ({first})"


def test_asked_for_a_copy_the_window_imports_it_again(qtbot, window, tmp_path):
    (tmp_path / "mine.txt").write_text(TEXT, encoding="utf-8")
    first = imported(qtbot, window, tmp_path / "mine.txt")
    answer_the_question(qtbot, "Import a copy", [])
    copy = imported(qtbot, window, tmp_path / "mine.txt")
    assert copy != first and imported_ids(window) == [first, copy]
    qtbot.waitUntil(lambda: window.article.id == copy, timeout=60_000)
    assert window.statusBar().currentMessage() == "Imported mine (a copy)"


def test_a_new_text_is_imported_without_a_question(qtbot, window, tmp_path):
    (tmp_path / "mine.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "other.txt").write_text(TEXT.replace("川普", "特朗普"), encoding="utf-8")
    first = imported(qtbot, window, tmp_path / "mine.txt")
    other = imported(qtbot, window, tmp_path / "other.txt")  # a question here would block the test
    assert imported_ids(window) == [first, other]
