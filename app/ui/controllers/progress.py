"""Reading progress in the window: the place in the open text saved to the user store as the
student reads (a moment after the view stops moving, not on every scroll step), and the place to
reopen a text at."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.services import progress
from app.services.context import AppContext
from app.services.progress import Place
from app.ui.controllers.document import DocumentController
from app.ui.reader.view import ReaderView

# How long the view must stay still before its place is written: a flick of the wheel is a
# hundred scroll events, and one write a second at most is plenty for a bookmark.
SAVE_DELAY_MS = 1500


class ProgressController(QObject):
    """Owns the timer that saves the open text's place; `saved` says which text moved."""

    saved = Signal(str)  # the article id whose place (and share read) was just written

    def __init__(self, context: AppContext, document: DocumentController, view: ReaderView, parent: QObject) -> None:
        super().__init__(parent)
        self._context = context
        self._document = document
        self._view = view
        self._saving = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        view.verticalScrollBar().valueChanged.connect(self._on_view_scrolled)

    def set_saving(self, saving: bool) -> None:
        """Off for a screenshot, which keeps nothing of what it shows."""
        self._saving = saving
        if not saving:
            self._timer.stop()

    @property
    def pending(self) -> bool:
        """Whether a place is waiting to be written."""
        return self._timer.isActive()

    def place_of(self, article_id: str) -> Place | None:
        """Where a text was left: (paragraph, fraction), "end", or None (never read)."""
        documents = self._document.documents
        try:
            article = documents.article(article_id)
        except Exception:  # no such article (any more): the window says so when it opens it
            return None
        return progress.reading_place(self._context, article, documents.spans(article.text))

    def save_now(self) -> None:
        """Write the open text's place now (leaving it, closing the window)."""
        self._timer.stop()
        article, anchor = self._document.article, self._view.anchor()
        if not self._saving or article is None or anchor is None:
            return
        progress.save_reading_place(
            self._context, article, self._view.spans, anchor[0], anchor[1], self._view.at_end() or self._fits()
        )
        self.saved.emit(article.id)

    def _fits(self) -> bool:
        # A text that fits on the screen is all on screen: read once it has been open a moment.
        return self._view.verticalScrollBar().maximum() == 0 and self._document.ready

    def _on_view_scrolled(self, _value: int) -> None:
        if self._saving and self._document.article is not None:
            self._timer.start()
