"""Find in the open article (Ctrl+F, F3): every hit marked, stepping from one to the next."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.core.find import find_all
from app.core.scripts import simplified_shadow
from app.services.context import AppContext
from app.ui.reader.find_bar import FindBar
from app.ui.reader.view import ReaderView


class FindController(QObject):
    """Owns the hits of the find bar's query in the view's text and which of them is current."""

    def __init__(self, context: AppContext, view: ReaderView, bar: FindBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._view = view
        self._bar = bar
        self._hits: list[tuple[int, int]] = []
        self._position = -1
        self._shadow_of = ""
        self._shadow = ""
        bar.query_changed.connect(self._on_bar_query_changed)
        bar.step_requested.connect(self._on_bar_step_requested)
        bar.closed.connect(self._on_bar_closed)

    @property
    def hits(self) -> list[tuple[int, int]]:
        """(start, end) article offsets of every match, in text order."""
        return list(self._hits)

    def clear(self) -> None:
        """A new article: no query, no hits."""
        self._hits, self._position = [], -1
        self._bar.clear()
        self._view.set_highlights([])

    def step(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) hit."""
        if not self._hits:
            return
        self._position = (self._position + step) % len(self._hits)
        start, _ = self._hits[self._position]
        self._view.set_highlights(self._hits, self._hits[self._position])
        self._view.scroll_to_paragraph(self._view.paragraph_index_at(start))
        self._bar.set_count(self._position + 1, len(self._hits))

    def _on_bar_query_changed(self, query: str) -> None:
        text = self._view.text
        if self._shadow_of is not text:
            # Made once per article: converting a novel takes a tenth of a second.
            self._shadow_of, self._shadow = text, simplified_shadow(text)
        self._hits = find_all(text, query, self._context.glossary, shadow=self._shadow) if query.strip() else []
        self._position = -1
        self._view.set_highlights(self._hits)
        self._bar.set_count(0, len(self._hits))
        if self._hits:
            self.step(1)

    def _on_bar_step_requested(self, step: int) -> None:
        self.step(step)

    def _on_bar_closed(self) -> None:
        # Esc (or the menu) closed the bar: the marks go with it; opening it again brings them back.
        self._hits, self._position = [], -1
        self._view.set_highlights([])
