"""A student's tools in the window: word statuses (keys 1-3), figures, and corrections at the cursor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QWidget

from app.core.annotated import AnnotatedParagraph
from app.core.levels import article_profile, profile_line
from app.core.text import Corrections
from app.core.vocabulary import VocabularyStats, running_tokens, sentence_around, stats
from app.io.articles.bundled import Article
from app.io.store.user_store import WordStatusRow
from app.services.context import AppContext
from app.ui.controllers import ShowMessage
from app.ui.controllers.document import DocumentController
from app.ui.controllers.undo import StoreCommand
from app.ui.reader.view import ReaderView
from app.ui.tasks import TaskRunner

STATUS_KEYS = {"1": "new", "2": "learning", "3": "known"}


class WordsController(QObject):
    """Owns the words' statuses (read from the store, handed to the view) and the corrections at the cursor."""

    figures_changed = Signal(str)  # the status line: the article's words and how many are known
    statuses_changed = Signal()  # the words' statuses were read again (a mark, or another process's)

    def __init__(
        self,
        context: AppContext,
        document: DocumentController,
        view: ReaderView,
        tasks: TaskRunner,
        show_message: ShowMessage,
        parent: QWidget,
        undo_stack: QUndoStack,
    ) -> None:
        """`undo_stack`: the window's, where marks go so Ctrl+Z takes them back."""
        super().__init__(parent)
        self._context = context
        self._undo_stack = undo_stack
        self._document = document
        self._view = view
        self._tasks = tasks
        self._show_message = show_message
        self._dialog_parent = parent
        self._statuses: dict[str, str] = {}
        # The whole open article annotated, for its figures (None while it is being worked out).
        self._whole: Sequence[AnnotatedParagraph] | None = None
        self._figures: VocabularyStats | None = None
        self._profile: dict[str, float] | None = None
        self._count_when_ready = False
        document.article_opened.connect(self._on_document_article_opened)
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
        self.statuses_changed.emit()

    def mark_word(self, status: str | None) -> str | None:
        """Give the selected (or hovered) word a status; returns the word."""
        found = self._view.word_at_cursor()
        if found is None or self._document.article is None:
            return None
        _, token = found
        return self.mark(token.text, status, (token.start, token.end))

    def mark(self, word: str, status: str | None, span: tuple[int, int] | None = None) -> str:
        """Give `word` a status, undoably (the card's word, which may be one typed in the look-up
        field); `span`: where the open article has it, so its sentence is kept with it."""
        article = self._document.article
        sentence = sentence_around(article.text, *span) if article is not None and span is not None else ""
        article_id = article.id if article is not None and span is not None else ""
        self._mark([(word, status, sentence, article_id)], f"{word}: {status or 'forgotten'}")
        return word

    def mark_rest_known(self) -> int:
        """Mark known every word of the current word's paragraph that has no status yet (glossary
        names are not vocabulary); returns how many were marked."""
        article = self._document.article
        found = self._view.word_at_cursor()
        if found is None or article is None:
            return 0
        paragraph, _ = found
        words: dict[str, str] = {}  # each word once, with the sentence it is first met in
        for token, is_name in running_tokens([paragraph]):
            if not is_name and token.text not in self._statuses and token.text not in words:
                words[token.text] = sentence_around(article.text, token.start, token.end)
        marks = [(word, "known", sentence, article.id) for word, sentence in words.items()]
        self._mark(marks, f"Marked {len(words)} words of the paragraph known")
        return len(words)

    def _mark(self, marks: Sequence[tuple[str, str | None, str, str]], said: str) -> None:
        """Write the marks at once, undoably: undo puts each word's row back as it was before."""
        if not marks:
            self._show_message(said, 3000)
            return
        store = self._context.store
        before = store.word_status_rows(word for word, *_ in marks)
        store.set_word_statuses(marks)
        after = store.word_status_rows(before)

        def put(rows: dict[str, WordStatusRow | None]) -> None:
            store.put_word_status_rows(rows)
            self.refresh_statuses()

        self._undo_stack.push(StoreCommand(said, lambda: put(after), lambda: put(before)))
        self.refresh_statuses()
        self._show_message(said, 3000)

    @property
    def figures(self) -> VocabularyStats | None:
        """The open article's figures, all of it (as `vocab stats`), once it has been worked out."""
        return self._figures

    def count_article(self) -> None:
        """Work the whole article out in the background (from the paragraph cache once seen), for
        its figures. Only once the screen's rows have arrived: they go first, and the first
        annotation builds the shared parts (segmenter, models), which is done once, not by two
        threads at a time."""
        article = self._document.article
        if article is None:
            return
        self._whole = None
        self._count_when_ready = not self._document.ready
        if self._count_when_ready:
            self.update_figures()
            return
        documents = self._document.documents
        self._tasks.submit(
            "figures",
            lambda: documents.annotated(article),
            lambda paragraphs: self._on_article_counted(article, paragraphs),
            priority=-1,
            disposable=True,  # figures on screen: made again next time
        )
        self.update_figures()

    def update_figures(self) -> None:
        article = self._document.article
        if article is None:
            return
        head = f"{article.title}: {len(self._view.spans)} paragraphs"
        if self._whole is None:
            self._figures = self._profile = None
            self.figures_changed.emit(f"{head}; counting words…")
            return
        figures = self._figures = stats(self._whole, self._statuses)
        # The count as well as the share: one word marked known out of 400 is still 0%.
        line = (
            f"{head}; {figures.words} words, {figures.distinct} distinct, "
            f"{figures.known} known ({figures.share_known:.0%}), {figures.learning} learning"
        )
        # The levels come with the dictionary (the view has them then): never read here, on a mark.
        levels = self._view.options.levels
        self._profile = article_profile(levels, self._whole, self._statuses) if levels is not None else None
        if self._profile is not None:
            line += f"  ·  {profile_line(self._profile)}"
        self.figures_changed.emit(line)

    @property
    def profile(self) -> dict[str, float] | None:
        """The open article's level profile (as `vocab stats --json`'s), once it and the levels are known."""
        return self._profile

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
        self.count_article()

    def _on_document_article_opened(self, _article: Article) -> None:
        self.count_article()

    def _on_document_paragraphs_arrived(self, _indices: list[int]) -> None:
        if self._count_when_ready and self._document.ready:
            self.count_article()

    def _on_article_counted(self, article: Article, paragraphs: Sequence[AnnotatedParagraph]) -> None:
        if article is self._document.article:
            self._whole = paragraphs
            self.update_figures()
