"""Bringing texts into the library from the window: Ctrl+O, dropped files, pasted text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app.services.context import AppContext
from app.ui.controllers import ShowMessage
from app.ui.file_dialogs import FileDialogs

# The readers of every format (and the library service over them) are imported by the first
# import: a start pays for none of them.
if TYPE_CHECKING:
    from app.io.articles.importers import ImportedText

FILTER = "Texts (*.txt *.md *.html *.htm *.docx *.epub);;All files (*)"


def ask_to_copy(parent: QWidget, name: str, title: str, article_id: str) -> bool:
    """Whether to import a text the library already holds as another article."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Already in the library")
    box.setText(f"{name} is already in the library as “{title}” ({article_id}).")
    box.setInformativeText("Open that article, or import this text again as a separate copy?")
    copy = box.addButton("Import a copy", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Open it", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is copy


# (dialog parent, what was imported, the article's title, its id) -> import a copy?
AskToCopy = Callable[[QWidget, str, str, str], bool]


class ImportController(QObject):
    """Every failure is one line in the status bar; a stored article is announced by `article_imported`.

    A text the library already holds (core.text.content_fingerprint) is not stored again unless
    the user asks for a copy; otherwise the article it already is opens."""

    article_imported = Signal(str)  # the new article's id, or the one the text already was

    def __init__(
        self,
        context: AppContext,
        show_message: ShowMessage,
        parent: QWidget,
        ask_copy: AskToCopy = ask_to_copy,
        files: FileDialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self._files = files or FileDialogs()
        self._context = context
        self._show_message = show_message
        self._dialog_parent = parent
        self._ask_copy = ask_copy

    def import_dialog(self) -> None:
        for name in self._files.open_names(self._dialog_parent, "Import texts", FILTER):
            self.import_file(name)

    def import_file(self, name: str) -> str | None:
        """Import a file as a new article; returns the error line, if any."""
        from app.io.articles.importers import read_article_file

        return self._import(lambda: read_article_file(name))

    def import_clipboard(self) -> str | None:
        text = QGuiApplication.clipboard().text()
        title, accepted = QInputDialog.getText(
            self._dialog_parent, "Paste as article", "Title (empty: the first line):"
        )
        if not accepted:
            return None
        from app.io.articles.importers import read_pasted

        return self._import(lambda: read_pasted(text, title or None))

    def _import(self, read: Callable[[], ImportedText]) -> str | None:
        from app.io.articles.importers import ArticleImportError
        from app.services.library import import_text, same_text_in_library

        try:
            imported = read()
        except ArticleImportError as error:
            self._show_message(str(error), 10_000)
            return str(error)
        found = same_text_in_library(self._context, imported.text)
        name = "The pasted text" if imported.format == "pasted" else imported.source
        if found is not None and not self._ask_copy(self._dialog_parent, name, found[1], found[0]):
            self.article_imported.emit(found[0])
            self._show_message(f"{name} is already in the library as {found[1]} ({found[0]})", 10_000)
            return None
        self.article_imported.emit(import_text(self._context, imported))
        self._show_message(f"Imported {imported.title}" + (" (a copy)" if found else ""), 5000)
        return None
