"""Writing files from the window: the glossary, learning words, notes, the check report, HTML and PDF handouts.

The dialogs run on the GUI thread; the writing (and the annotating a handout needs) on the
background helper, so a long export never stops the window painting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from app.io.atomic import OutputError, write_bytes_atomic
from app.services.context import AppContext
from app.ui.controllers import ShowMessage
from app.ui.controllers.document import DocumentController
from app.ui.controllers.words import WordsController
from app.ui.file_dialogs import FileDialogs
from app.ui.reader.view import ReaderView, default_family
from app.ui.tasks import TaskRunner

# What each export writes with is imported when it first runs: a start pays for none of them.
if TYPE_CHECKING:
    from app.core.consistency import Finding
    from app.io.articles.handout_layout import Choices

SHORT_MS, LONG_MS = 5000, 10_000


class ExportController(QObject):
    """Each export asks where, then writes in the background and reports one line."""

    export_finished = Signal(str)  # the line shown once an export has ended (written, or why not)

    def __init__(
        self,
        context: AppContext,
        document: DocumentController,
        words: WordsController,
        view: ReaderView,
        tasks: TaskRunner,
        show_message: ShowMessage,
        parent: QWidget,
        files: FileDialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self._files = files or FileDialogs()
        self._context = context
        self._document = document
        self._words = words
        self._view = view
        self._tasks = tasks
        self._show_message = show_message
        self._dialog_parent = parent

    def export_glossary(self) -> None:
        """The glossary for a CAT tool or Anki: all of it, the open article's concepts, or the user's own."""
        from app.io.articles.bundled import bundled_articles
        from app.ui.glossary.export_dialog import GlossaryExportDialog, concepts_in_scope

        article = self._document.article
        choice = GlossaryExportDialog.ask(self._dialog_parent, article is not None, self._files)
        if choice is None:
            return
        fmt, path = choice.format, choice.path
        concepts = concepts_in_scope(self._context.glossary, choice.scope, article.text if article else None)
        # Anki cards take their example sentences from the open article first, then the bundled ones.
        texts = ([article.text] if article else []) + [a.text for a in bundled_articles()]

        def work() -> str:
            try:
                count = fmt.write(concepts, path, texts, derive=True, stamps=self._context.anki_stamps())
            except (OSError, ValueError) as error:
                return f"Export failed: {error}"
            return f"Wrote {count} entries to {path}"

        self._submit(path, work, SHORT_MS)

    def export_words(self, fmt: str) -> None:
        """The words being learnt, for Anki (`anki`) or a spreadsheet (`csv`)."""
        suffix = "apkg" if fmt == "anki" else "csv"
        path = self._save_name("Export learning words", f"learning.{suffix}", f"*.{suffix}")
        if not path:
            return
        context = self._context

        def work() -> str:
            from app.services.study import export_words

            count = export_words(context, path, fmt)
            return f"Wrote {count} words to {path}"

        self._submit(path, work, SHORT_MS)

    def export_notes(self) -> None:
        """The user's notes on the open article (or those over the bundled ones) to a notes file."""
        from app.io.articles.notes_files import write_notes
        from app.services.notes import counted, export_heading, notes_to_export
        from app.ui.reader.note_editing import ALL, NOTES_FILTER, YOURS

        article = self._document.article
        if article is None:
            return
        documents = self._document.documents
        everything = False
        if documents.bundled_notes(article):
            choice, accepted = QInputDialog.getItem(
                self._dialog_parent, "Export notes", "Notes:", [YOURS, ALL], 0, False
            )
            if not accepted:
                return
            everything = choice == ALL
        notes = notes_to_export(documents, article, everything)
        if not notes:
            self._show_message("You have no notes on this article to export", LONG_MS)
            return
        path = self._save_name("Export notes", f"{article.id}.notes.en.toml", NOTES_FILTER)
        if not path:
            return
        heading = export_heading(article, everything)

        def work() -> str:
            try:
                write_notes(path, notes, heading)
            except OutputError as error:
                return str(error)
            return f"Wrote {counted(len(notes), 'note')} to {path}"

        self._submit(path, work, LONG_MS)

    def export_findings(self, findings: Sequence[Finding]) -> None:
        """The consistency report as CSV."""
        path = self._save_name("Export the report", "check.csv", "CSV (*.csv)")
        if path:
            from app.io.glossary.check_report import write_findings_csv

            rows = list(findings)
            self._submit(path, lambda: f"Wrote {write_findings_csv(rows, path)} findings to {path}", SHORT_MS)

    def export_html(self) -> None:
        """The open article as a handout: ruby readings over the words, notes beside them."""
        article = self._document.article
        if article is None:
            return
        path = self._save_name("Export handout", f"{article.id}.html", "HTML (*.html)")
        if not path:
            return
        documents, glossary, tones = self._document.documents, self._context.glossary, self._view.options.tones

        def work() -> str:
            from app.io.articles.handouts import annotated_html

            html = annotated_html(article.title, article.meta, documents.annotated(article), glossary, tones=tones)
            write_bytes_atomic(path, html.encode("utf-8"))
            return f"Wrote {path}"

        self._submit(path, work, SHORT_MS)

    def export_pdf(self) -> None:
        """The open article as a PDF handout, as the HTML one looks, in the reader's script and readings."""
        article = self._document.article
        if article is None:
            return
        path = self._save_name("Export handout", f"{article.id}.pdf", "PDF (*.pdf)")
        if not path:
            return
        documents, choices, family = self._document.documents, self.handout_choices(), default_family()

        def work() -> str:
            # The command line's `annotate --format pdf` writes with the same function.
            from app.io.articles.handout_pdf import write_handout_pdf
            from app.io.fonts import FontMissing, handout_fonts

            try:
                fonts = handout_fonts(family)
            except FontMissing as error:
                return f"{path}: {error}; nothing was written"
            pages = write_handout_pdf(path, article.title, article.meta, documents.annotated(article), choices, fonts)
            return f"Wrote {pages} pages to {path}"

        self._submit(path, work, SHORT_MS)

    def handout_choices(self) -> Choices:
        """The reader's current choices as a handout takes them (read here, on the GUI thread)."""
        from app.io.articles.handout_layout import Choices

        options = self._view.options
        return Choices(
            reading=options.reading,
            script=options.script,
            statuses=dict(self._words.statuses),
            capitals=options.capitals,
            above_level=options.above_level,
            tones=options.tones,
        )

    def _save_name(self, caption: str, suggested: str, filters: str) -> str:
        return self._files.save_name(self._dialog_parent, caption, suggested, filters)

    def _submit(self, path: str, work: Callable[[], str], timeout: int) -> None:
        self._tasks.submit(f"export:{path}", work, lambda line: self._on_export_done(line, timeout))

    def _on_export_done(self, line: str, timeout: int) -> None:
        self._show_message(line, timeout)
        self.export_finished.emit(line)
