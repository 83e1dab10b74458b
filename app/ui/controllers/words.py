"""A student's tools in the window: word statuses (keys 1-3), figures, and corrections at the cursor."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from app.core.text import Corrections
from app.core.vocabulary import sentence_around, stats
from app.io.articles.bundled import Article
from app.services.context import AppContext
from app.ui.controllers import ShowMessage
from app.ui.controllers.document import DocumentController
from app.ui.reader.view import ReaderView

STATUS_KEYS = {"1": "new", "2": "learning", "3": "known"}


class WordsController(QObject):
    """Owns the words' statuses (read from the store, handed to the view) and the corrections at the cursor."""

    figures_changed = Signal(str)  # the status line: the article's words and how many are known

    def __init__(
        self,
        context: AppContext,
        document: DocumentController,
        view: ReaderView,
        show_message: ShowMessage,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._document = document
        self._view = view
        self._show_message = show_message
        self._dialog_parent = parent
        self._statuses: dict[str, str] = {}
        document.paragraphs_arrived.connect(self._on_document_paragraphs_arrived)

    @property
    def statuses(self) -> Mapping[str, str]:
        """word -> new / learning / known, as stored."""
        return self._statuses

    # -- statuses ------------------------------------------------------------------------------
    def refresh_statuses(self) -> None:
        self._statuses = self._context.store.word_statuses()
        self._view.set_statuses(self._statuses)
        self.update_figures()

    def mark_word(self, status: str | None) -> str | None:
        """Give the selected (or hovered) word a status; returns the word."""
        article = self._document.article
        found = self._view.word_at_cursor()
        if found is None or article is None:
            return None
        _, token = found
        sentence = sentence_around(article.text, token.start, token.end)
        self._context.store.set_word_status(token.text, status, sentence, article.id)
        self.refresh_statuses()
        self._show_message(f"{token.text}: {status or 'forgotten'}", 3000)
        return token.text

    def update_figures(self) -> None:
        article = self._document.article
        if article is None:
            return
        shown = [self._view.paragraphs[i] for i in sorted(self._view.paragraphs)]
        figures = stats(shown, self._statuses)
        total = len(self._view.spans)
        scope = f" (in the {len(shown)} paragraphs read so far)" if len(shown) < total else ""
        self.figures_changed.emit(
            f"{article.title}: {total} paragraphs; {figures.words} words, "
            f"{figures.distinct} distinct, {figures.share_known:.0%} known{scope}"
        )

    # -- corrections ---------------------------------------------------------------------------
    def split_word(self, at: int | None = None) -> bool:
        """Split the selected word at a character offset inside it (asks where when not given)."""
        article, found = self._document.article, self._view.word_at_cursor()
        if article is None or found is None or len(found[1].text) < 2:
            return False
        paragraph, token = found
        if at is None:
            choices = [f"{token.text[:i]}|{token.text[i:]}" for i in range(1, len(token.text))]
            choice, accepted = QInputDialog.getItem(self._dialog_parent, "Split word", "Where:", choices, 0, False)
            if not accepted:
                return False
            at = token.start + choices.index(choice) + 1
        if not token.start < at < token.end:
            return False
        self._apply(article, self._corrections(article).split_at(at), paragraph.index)
        return True

    def merge_with_next(self) -> bool:
        article, found = self._document.article, self._view.word_at_cursor()
        if article is None or found is None:
            return False
        paragraph, token = found
        self._apply(article, self._corrections(article).merge_at(token.end), paragraph.index)
        return True

    def correct_reading(self, position: int | None = None, reading: str | None = None) -> bool:
        """Choose the reading of one character of the selected word among its readings."""
        article, found = self._document.article, self._view.word_at_cursor()
        if article is None or found is None:
            return False
        paragraph, token = found
        if position is None or reading is None:
            from app.core.reading_styles import character_readings

            options = []
            for offset, char in enumerate(token.text):
                for candidate in character_readings(char):
                    options.append((token.start + offset, char, candidate))
            if not options:
                return False
            labels = [f"{char}  {candidate}" for _, char, candidate in options]
            choice, accepted = QInputDialog.getItem(self._dialog_parent, "Reading", "Reading of:", labels, 0, False)
            if not accepted:
                return False
            position, _, reading = options[labels.index(choice)]
        self._apply(article, self._corrections(article).with_reading(position, reading), paragraph.index)
        return True

    def reset_corrections(self) -> None:
        article = self._document.article
        if article is None:
            return
        self._context.store.set_corrections(article.id, Corrections())
        self._document.reopen()

    def _corrections(self, article: Article) -> Corrections:
        return self._document.documents.corrections(article)

    def _apply(self, article: Article, fixes: Corrections, paragraph_index: int) -> None:
        self._context.store.set_corrections(article.id, fixes)
        self._view.clear_current()
        # The paragraph is worked out again in the background; the view shows it when it is.
        self._document.reannotate(paragraph_index)

    def _on_document_paragraphs_arrived(self, _indices: list[int]) -> None:
        self.update_figures()
