"""Bringing texts into the library from the window: Ctrl+O, dropped files, pasted text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from app.io.articles.importers import ArticleImportError, ImportedText, read_article_file, read_pasted
from app.services.context import AppContext
from app.services.library import import_text
from app.ui.controllers import ShowMessage

FILTER = "Texts (*.txt *.md *.html *.htm *.docx *.epub);;All files (*)"


class ImportController(QObject):
    """Every failure is one line in the status bar; a stored article is announced by `article_imported`."""

    article_imported = Signal(str)  # the new article's id

    def __init__(self, context: AppContext, show_message: ShowMessage, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._show_message = show_message
        self._dialog_parent = parent

    def import_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self._dialog_parent, "Import texts", "", FILTER)
        for name in names:
            self.import_file(name)

    def import_file(self, name: str) -> str | None:
        """Import a file as a new article; returns the error line, if any."""
        return self._import(lambda: read_article_file(name))

    def import_clipboard(self) -> str | None:
        text = QGuiApplication.clipboard().text()
        title, accepted = QInputDialog.getText(
            self._dialog_parent, "Paste as article", "Title (empty: the first line):"
        )
        if not accepted:
            return None
        return self._import(lambda: read_pasted(text, title or None))

    def _import(self, read: Callable[[], ImportedText]) -> str | None:
        try:
            imported = read()
        except ArticleImportError as error:
            self._show_message(str(error), 10_000)
            return str(error)
        article_id = import_text(self._context, imported)
        self.article_imported.emit(article_id)
        self._show_message(f"Imported {imported.title}", 5000)
        return None
