"""The library's figures: how far each text is read (from the store) and its level profile,
worked out in the background one text at a time and kept in the cache folder, so a second start
reads them instead of annotating the library again. The known share follows the student's marks
from the counts kept here, without annotating anything."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

from app.services.context import AppContext
from app.services.documents import ArticleSummary
from app.services.profiles import profile_of, word_counts
from app.services.progress import library_progress
from app.ui.controllers.document import DocumentController
from app.ui.library.panel import LibraryPanel
from app.ui.tasks import TaskRunner

# Below the reader's rows (0, 1) and the open text's figures (-1): the library waits for them.
PRIORITY = -2


class LibraryFiguresController(QObject):
    """Fills the library panel's Read, HSK 1–4 and Known columns."""

    def __init__(
        self,
        context: AppContext,
        document: DocumentController,
        panel: LibraryPanel,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._document = document
        self._panel = panel
        self._tasks = tasks
        self._summaries: list[ArticleSummary] = []
        self._counts: dict[str, Mapping[str, int]] = {}
        self._profiles: dict[str, Mapping[str, float]] = {}
        self._queue: list[str] = []  # ids whose counts are still to be read or worked out
        self._running: str | None = None  # the id being read or worked out on the pool
        self._waiting = False  # for the open article's first screen before starting
        document.paragraphs_arrived.connect(self._on_document_paragraphs_arrived)

    @property
    def busy(self) -> bool:
        """Whether profiles are still being worked out."""
        return bool(self._queue) or self._waiting or self._running is not None

    def refresh(self, summaries: list[ArticleSummary]) -> None:
        """The library's list changed (or was shown first): show how far each text is read, and
        read or work out every text's counts again in the background (a text, its corrections
        or the glossary may have changed; one whose counts are kept costs a read of the cache)."""
        self._summaries = list(summaries)
        ids = {s.id for s in summaries}
        self._counts = {i: c for i, c in self._counts.items() if i in ids}
        self._profiles = {i: p for i, p in self._profiles.items() if i in ids}
        self._queue = [s.id for s in summaries]
        self._waiting = True
        self._show()
        # After the event loop's turn: the window opens its article first (at start-up the
        # library is listed before), and that article's first screen goes before these.
        QTimer.singleShot(0, self._start)

    def refresh_progress(self) -> None:
        """The open text's place was saved: its Read figure moves."""
        self._show()

    def statuses_changed(self) -> None:
        """The student marked words: the known shares follow, from the counts kept."""
        if not self._counts:
            return
        statuses = self._context.store.word_statuses()
        levels = self._context.levels  # read already: the counts came with it
        self._profiles = {i: profile_of(levels, c, statuses) for i, c in self._counts.items()}
        self._show()

    def _show(self) -> None:
        self._panel.set_figures(library_progress(self._context, self._summaries), self._profiles)

    def _start(self) -> None:
        # The open text's first screen goes first: its annotation builds the shared parts
        # (segmenter, models) once, not on two threads at a time.
        if not self._waiting:
            return  # started already (by the article's first screen)
        self._waiting = self._document.article is not None and not self._document.ready
        if not self._waiting:
            self._next()

    def _next(self) -> None:
        # One text at a time: a refresh meanwhile lets the one on the pool finish (its work is
        # kept), rather than start the same work again beside it.
        if not self._queue or self._running is not None:
            return
        article_id = self._running = self._queue.pop(0)
        documents, context = self._document.documents, self._context

        def work() -> tuple[dict[str, int], dict[str, float]]:
            counts = word_counts(documents, documents.article(article_id))
            return counts, profile_of(context.levels, counts, context.store.word_statuses())

        self._tasks.submit(
            f"library-figures:{article_id}",
            work,
            lambda result: self._on_counted(article_id, result),
            lambda _line: self._skip(article_id),
            priority=PRIORITY,
            disposable=True,  # derived data: made again next time
        )

    def _on_counted(self, article_id: str, result: tuple[dict[str, int], dict[str, float]]) -> None:
        if any(s.id == article_id for s in self._summaries):  # not deleted meanwhile
            self._counts[article_id], self._profiles[article_id] = result
            self._show()
        self._skip(article_id)

    def _skip(self, _article_id: str) -> None:
        self._running = None
        self._next()

    def _on_document_paragraphs_arrived(self, _indices: list[int]) -> None:
        if self._waiting and self._document.ready:
            self._waiting = False
            self._next()
