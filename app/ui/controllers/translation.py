"""The translator's work on the open article: the "My translation" column in place of the notes
(each paragraph's translation with the checks' findings below it), the editor (undoable, saved
at once), the target region, the term pane for the paragraph at the cursor, and bilingual files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.notes import Annotation, Note
from app.io.articles.bundled import Article
from app.io.atomic import OutputError
from app.io.store.translations import StoredTranslation
from app.io.textinput import InputError
from app.services.context import AppContext
from app.ui.controllers import ShowMessage
from app.ui.controllers.document import DocumentController
from app.ui.reader.view import ReaderView
from app.ui.tasks import TaskRunner

# The translation service (the checks, bilingual files) and the term pane are imported when the
# translator first uses them: a start pays for none of them.
if TYPE_CHECKING:
    from app.core.consistency import Finding
    from app.core.translation import TranslationFinding
    from app.services.translation import ArticleTranslation
    from app.ui.panels.terms import TermPane

EMPTY_CELL = "Not translated yet: double-click to write (Ctrl+T)."
FORMAT_FILTERS = {
    "tmx": "TMX translation memory (*.tmx)",
    "xliff": "XLIFF 1.2 (*.xlf *.xliff)",
    "docx": "Word table for reviewers (*.docx)",
}
IMPORT_FILTER = "Translated files (*.xlf *.xliff *.tmx);;All files (*)"


class TranslationController(QObject):
    """Owns whether the column shows the user's translation, and the findings on it."""

    findings_changed = Signal(list)  # the TranslationFindings of the open article
    active_changed = Signal(bool)

    def __init__(
        self,
        context: AppContext,
        document: DocumentController,
        view: ReaderView,
        tasks: TaskRunner,
        undo_stack: QUndoStack,
        show_message: ShowMessage,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._document = document
        self._view = view
        self._tasks = tasks
        self._undo_stack = undo_stack
        self._term_pane: TermPane | None = None  # made when its dock is first shown (`make_term_pane`)
        self._show_message = show_message
        self._parent = parent
        self._active = False
        self._work: ArticleTranslation | None = None
        self._findings: list[TranslationFinding] = []
        self._term_paragraph: int | None = None
        document.article_opened.connect(self._on_document_article_opened)
        document.paragraphs_arrived.connect(self._on_document_paragraphs_arrived)
        view.translation_edit_requested.connect(self._on_view_translation_edit_requested)
        view.current_changed.connect(self._on_view_current_changed)

    # -- state --------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._active

    @property
    def findings(self) -> list[TranslationFinding]:
        return list(self._findings)

    def work(self) -> ArticleTranslation | None:
        """The open article's translation (remade when another article opens)."""
        article = self._document.article
        if article is None:
            return None
        if self._work is None or self._work.article is not article:
            from app.services.translation import ArticleTranslation

            self._work = ArticleTranslation(self._document.documents, article)
        return self._work

    def set_active(self, active: bool) -> None:
        """Show the user's translation in the column beside the text (True) or the notes (False)."""
        if active == self._active:
            return
        self._active = active
        self._view.translating = active
        self._document.set_column(self._column if active else None)
        if active:
            self.recheck()
        self.active_changed.emit(active)

    def target(self) -> str:
        work = self.work()
        return work.target() if work is not None else ""

    def set_target(self, region: str | None) -> None:
        """The region the open article is translated for (None: follow the article's script)."""
        work = self.work()
        if work is None:
            return
        work.set_target(region)
        self._show_message(f"{work.article.id}: translated for {work.target()}", 5000)
        self.recheck()
        self._show_terms(self._term_paragraph)

    # -- the column ---------------------------------------------------------------------------
    def _column(self, article: Article) -> dict[int, list[Note]]:
        work = self.work()
        if work is None or work.article is not article:
            from app.services.translation import ArticleTranslation

            work = ArticleTranslation(self._document.documents, article)
        mine = work.mine()
        by_paragraph: dict[int, list[TranslationFinding]] = {}
        for finding in self._findings:
            by_paragraph.setdefault(finding.paragraph, []).append(finding)
        column = {}
        for index, mark in enumerate(work.fingerprints):
            marks = tuple(
                Annotation(f"⚠ {f.kind}: {f.detail}", (f.concept,) if f.concept else ())
                for f in by_paragraph.get(index, [])
            )
            column[index] = [Note(index, mark, mine.get(index, EMPTY_CELL), marks, source="user")]
        return column

    def recheck(self) -> None:
        """Check the open article's translation off the window's thread; the column and the
        findings follow when it is done."""
        work = self.work()
        if work is None:
            return
        article = work.article
        self._tasks.submit("translation-check", work.check, lambda found: self._on_checked(article, found))

    def check_into(self, show: Callable[[list[Finding]], None]) -> None:
        """Check the open article's translation in the background and hand the findings, as the
        consistency panel lists them, to `show`."""
        from app.services.translation import as_check_findings

        work = self.work()
        if work is None:
            return
        self._tasks.submit("translation-panel", lambda: as_check_findings(work, work.check()), show)

    def _on_checked(self, article: Article, findings: list[TranslationFinding]) -> None:
        if article is not self._document.article:
            return
        self._findings = findings
        if self._active:
            self._document.reload_notes()
        self.findings_changed.emit(findings)

    # -- editing ------------------------------------------------------------------------------
    def edit(self, index: int, text: str | None = None) -> None:
        """Write the user's translation of a paragraph (asks for it when `text` is None)."""
        from app.ui.reader.translation_editing import TranslationCommand, ask_translation

        work = self.work()
        if work is None or not 0 <= index < len(work.texts):
            return
        previous = work.mine().get(index, "")
        if text is None:
            text = ask_translation(self._parent, index, work.texts[index], previous, work.bundled().get(index, ""))
            if text is None:
                return
        mark = work.fingerprints[index]
        before = [StoredTranslation(index, mark, previous)]
        after = [StoredTranslation(index, mark, text.strip())]
        label = f"translation of paragraph {index + 1}"
        self._undo_stack.push(TranslationCommand(work, label, before, after, self._on_translation_written))

    def edit_current(self) -> None:
        """The translation of the selected word's paragraph, else of the first paragraph on screen."""
        current = self._view.current
        self.edit(current[0] if current else self._view.visible_range()[0])

    def _on_translation_written(self, article_id: str) -> None:
        article = self._document.article
        if article is not None and article.id == article_id:
            if self._active:
                self._document.reload_notes()  # the text at once; its findings when checked
            self.recheck()

    # -- bilingual files ----------------------------------------------------------------------
    def export(self, fmt: str, source: str = "mine", path: str | None = None) -> str | None:
        """Write the open article as a bilingual file (asks where when `path` is None)."""
        from app.io.bilingual import FORMATS, SUFFIXES

        work = self.work()
        if work is None or fmt not in FORMATS:
            return None
        if path is None:
            suggested = f"{work.article.id}{SUFFIXES[fmt]}"
            path, _ = QFileDialog.getSaveFileName(self._parent, "Export bilingual file", suggested, FORMAT_FILTERS[fmt])
            if not path:
                return None
        try:
            translated = work.export(fmt, Path(path), source)
        except OutputError as error:
            return self._status(str(error))
        return self._status(f"wrote {len(work.texts)} paragraphs ({translated} translated) to {path}")

    def import_file(self, path: str | None = None) -> str | None:
        """A translated XLIFF or TMX becomes the user's translation of the open article, in one
        undoable step; units whose paragraph changed are left out and reported."""
        from app.ui.reader.translation_editing import TranslationCommand

        work = self.work()
        if work is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self._parent, "Import translated file", "", IMPORT_FILTER)
            if not path:
                return None
        try:
            plan = work.plan_import(Path(path))
        except InputError as error:
            return self._status(str(error))
        if plan.rows:
            mine = work.mine()
            before = [StoredTranslation(r.paragraph, r.fingerprint, mine.get(r.paragraph, "")) for r in plan.rows]
            label = f"import of translations from {plan.name}"
            self._undo_stack.push(TranslationCommand(work, label, before, plan.rows, self._on_translation_written))
        lines = [*plan.skipped, plan.summary()]
        return self._status("; ".join(lines[-3:]))

    def _status(self, message: str) -> str:
        self._show_message(message, 10_000)
        return message

    # -- the term pane ------------------------------------------------------------------------
    def make_term_pane(self) -> TermPane:
        """The pane of the Terms dock, showing the terms of the paragraph at the cursor (its dock
        calls this once, when first shown); until then the cursor's paragraph is only noted."""
        from app.ui.panels.terms import TermPane

        self._term_pane = TermPane()
        self._term_pane.english_clicked.connect(self._on_term_pane_english_clicked)
        self._show_terms(self._term_paragraph)
        return self._term_pane

    def _show_terms(self, index: int | None) -> None:
        self._term_paragraph = index
        if self._term_pane is None:
            return
        paragraph = self._view.paragraphs.get(index) if index is not None else None
        if paragraph is None:
            self._term_pane.show_terms(None, [], self.target())
            return
        from app.core.paragraph_terms import paragraph_terms

        target = self.target()
        self._term_pane.show_terms(index, paragraph_terms(paragraph, self._context.glossary, target), target)

    def _on_view_current_changed(self, index: int) -> None:
        if index != self._term_paragraph:
            self._show_terms(index)

    def _on_term_pane_english_clicked(self, english: str) -> None:
        QGuiApplication.clipboard().setText(english)
        self._show_message(f"Copied “{english}”", 3000)

    def _on_document_article_opened(self, _article: Article) -> None:
        self._work = None
        self._findings = []
        self._term_paragraph = None
        if self._term_pane is not None:
            self._term_pane.show_terms(None, [], self.target())
        if self._active:
            self.recheck()

    def _on_document_paragraphs_arrived(self, indices: list[int]) -> None:
        if self._term_paragraph in indices:  # its words (and terms) arrived after the cursor did
            self._show_terms(self._term_paragraph)

    def _on_view_translation_edit_requested(self, index: int) -> None:
        self.edit(index)
