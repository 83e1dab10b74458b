"""Bringing texts into the library from the window: Ctrl+O, dropped files, pasted text."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog

FILTER = "Texts (*.txt *.md *.html *.htm *.docx *.epub);;All files (*)"


class ImportMixin:
    """Import actions of the main window; every failure is one line in the status bar."""

    def import_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Import texts", "", FILTER)
        for name in names:
            self.import_file(name)

    def import_file(self, name: str) -> str | None:
        """Import a file as a new article and open it; returns the error line, if any."""
        from app.io.articles.importers import read_article_file

        return self._import(lambda: read_article_file(name))

    def import_clipboard(self) -> str | None:
        from app.io.articles.importers import read_pasted

        text = QGuiApplication.clipboard().text()
        title, accepted = QInputDialog.getText(self, "Paste as article", "Title (empty: the first line):")
        if not accepted:
            return None
        return self._import(lambda: read_pasted(text, title or None))

    def _import(self, read) -> str | None:
        from app.io.articles.importers import ArticleImportError
        from app.services.library import import_text

        try:
            imported = read()
        except ArticleImportError as error:
            self.statusBar().showMessage(str(error), 10_000)
            return str(error)
        article_id = import_text(self.context, imported)
        self.refresh_library()
        self.open_article(article_id)
        self.statusBar().showMessage(f"Imported {imported.title}", 5000)
        return None

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.import_file(url.toLocalFile())
        event.acceptProposedAction()
