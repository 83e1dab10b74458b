"""The open article: its paragraphs annotated in the background and handed to the view, and jumps to a place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from app.core.annotated import AnnotatedParagraph
from app.core.notes import Note
from app.io.articles.bundled import Article
from app.services.context import AppContext
from app.services.documents import Documents
from app.ui.reader.view import ReaderView
from app.ui.tasks import TaskRunner


class DocumentController(QObject):
    """Owns the open article and the `Documents` it comes from; the view only shows what it is given."""

    article_opened = Signal(object)  # the Article, once the view has its paragraphs' places
    paragraphs_arrived = Signal(list)  # indices of paragraphs the view just received
    # (done, total): paragraphs annotated of those asked for since none was outstanding
    progress_changed = Signal(int, int)

    def __init__(self, context: AppContext, view: ReaderView, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._view = view
        self._tasks = tasks
        self._documents = Documents(context)
        self._article: Article | None = None
        self._ready = False
        self._pending_jump: tuple[int, int] | None = None  # (paragraph, offset) to select once it arrives
        # Counts changes of the user's notes: paragraphs annotated before one get the notes as they are now.
        self._notes_version = 0
        self._outstanding: set[int] = set()  # paragraphs asked for and not arrived yet
        self._asked = 0  # how many were asked for since none was outstanding
        # What the column beside the text shows instead of the notes (the user's translation), if anything.
        self._column: Callable[[Article], dict[int, list[Note]]] | None = None
        view.rows_needed.connect(self._on_view_rows_needed)

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def documents(self) -> Documents:
        return self._documents

    @property
    def ready(self) -> bool:
        """Whether every paragraph on screen has arrived since the article was opened."""
        return self._ready

    def open(self, article_id: str, position: tuple[int, float] | None = None) -> bool:
        """Open an article by id (or a text file by path), at `position` (paragraph, fraction) if given."""
        try:
            article = self._documents.article(article_id)
        except Exception:  # an id that no longer names an article: nothing to open
            return False
        self._article = article
        self._ready = False
        self._pending_jump = None
        self._outstanding, self._asked = set(), 0
        self.progress_changed.emit(0, 0)
        names = {c.id: c.preferred_english for c in self._context.glossary}
        has_notes = bool(self._notes(article))
        self._view.set_document(article.text, self._documents.spans(article.text), names, has_notes)
        if position is not None:
            self._view.scroll_to_paragraph(*position)
        self.article_opened.emit(article)
        return True

    def reopen(self) -> None:
        """Work the open article out again (the glossary or the corrections changed), where it is read."""
        if self._article is not None:
            self.open(self._article.id, self._view.anchor())

    def forget_annotations(self) -> None:
        """The glossary changed: what decides segmentation and marking is different now."""
        self._documents = Documents(self._context)

    def request_rows(self, rows: list[int], nearby: bool = False) -> None:
        """Have these paragraphs annotated in the background; the view gets them when they are."""
        article = self._article
        if article is None or not rows:
            return
        documents, version = self._documents, self._notes_version
        self._ask(rows)
        self._tasks.submit(
            f"rows:{article.id}:{rows[0]}:{nearby}",
            lambda: documents.annotated(article, rows),
            lambda result: self._on_rows_done(article, version, result),
            lambda _line: self._arrived(article, rows),
            priority=0 if nearby else 1,
            disposable=True,
        )

    def reannotate(self, index: int) -> None:
        """One paragraph again, after a correction to it was stored."""
        article = self._article
        if article is None:
            return
        documents, version = self._documents, self._notes_version
        self._ask([index])
        self._tasks.submit(
            f"reannotate:{article.id}:{index}",
            lambda: documents.annotated(article, [index]),
            lambda result: self._on_rows_done(article, version, result),
            lambda _line: self._arrived(article, [index]),
            disposable=True,
        )

    def set_column(self, column: Callable[[Article], dict[int, list[Note]]] | None) -> None:
        """Show what `column` gives for each paragraph beside the text instead of the notes (None: the notes)."""
        self._column = column
        self.reload_notes()

    def _notes(self, article: Article) -> dict[int, list[Note]]:
        return self._column(article) if self._column is not None else self._documents.notes(article)

    def reload_notes(self) -> None:
        """The user's notes on the open article changed (or the column's content did): show them as stored."""
        self._notes_version += 1
        if self._article is not None:
            self._view.set_notes(self._notes(self._article))

    def jump_to(self, article_id: str, start: int) -> None:
        """Open the article (if needed) and select the word at offset `start`."""
        if (self._article is None or self._article.id != article_id) and not self.open(article_id):
            return
        index = self._view.paragraph_index_at(start)
        self._view.scroll_to_paragraph(index)
        self._pending_jump = (index, start)
        self._finish_jump()

    def _on_view_rows_needed(self, rows: list[int], nearby: bool) -> None:
        self.request_rows(rows, nearby)

    def _on_rows_done(self, article: Article, notes_version: int, paragraphs: list[AnnotatedParagraph]) -> None:
        if article is not self._article:
            return  # a late answer for an article that is no longer open
        if notes_version != self._notes_version or self._column is not None:
            notes = self._notes(article)
            paragraphs = [replace(p, notes=tuple(notes.get(p.index, ()))) for p in paragraphs]
        self._view.add_paragraphs(paragraphs)
        self._arrived(article, [p.index for p in paragraphs])
        self._finish_jump()
        if self._view.screen_complete():
            self._ready = True
        self.paragraphs_arrived.emit([p.index for p in paragraphs])

    # -- progress (the status bar's "Reading the text…") ------------------------------------------
    def _ask(self, rows: list[int]) -> None:
        fresh = set(rows) - self._outstanding
        self._outstanding |= fresh
        self._asked += len(fresh)
        self.progress_changed.emit(self._asked - len(self._outstanding), self._asked)

    def _arrived(self, article: Article, rows: list[int]) -> None:
        """Rows annotated (or failed: they are not waited for either)."""
        if article is not self._article or not self._outstanding:
            return
        self._outstanding -= set(rows)
        self.progress_changed.emit(self._asked - len(self._outstanding), self._asked)
        if not self._outstanding:
            self._asked = 0

    def _finish_jump(self) -> None:
        if self._pending_jump is None:
            return
        index, start = self._pending_jump
        paragraph = self._view.paragraphs.get(index)
        if paragraph is None:
            return  # selected once its words arrive (see _on_rows_done)
        token = next((t for t in paragraph.tokens if t.start <= start < t.end), None)
        if token is not None:
            self._view.select_word(index, token.start)
            self._view.ensure_visible(index, token.start)
        self._pending_jump = None
