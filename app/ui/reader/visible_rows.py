"""Which of the reader's rows are laid out: every paragraph has an estimated height, the ones on
screen are laid out, and those still without their words are asked for.

A laid-out row is rarely as tall as its estimate, so laying out what is on screen moves what is
on screen: it is repeated until the range stays put, keeping the view's place (its anchor, or the
end of the text) meanwhile. The view decides what a row is (`make_row`); this keeps the stack of
rows, the scroll range over it and which paragraphs were asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.ui.reader.layout import RowLayout
from app.ui.reader.row_stack import RowStack

if TYPE_CHECKING:
    from app.ui.reader.view import ReaderView


class VisibleRows:
    """The rows of one view; the view calls it when what it shows, its size or its place changes."""

    def __init__(self, view: ReaderView, margin: float, make_row: Callable[[int], RowLayout]) -> None:
        self._view = view
        self._make_row = make_row
        self.stack = RowStack(margin)
        self._requested: set[int] = set()  # paragraphs asked for whose words have not arrived
        # While a relayout runs: the scrolling it does is not the user's, and does not start another.
        self.relaying_out = False

    def forget_requests(self) -> None:
        """A new article: nothing of it was asked for yet."""
        self._requested = set()

    def arrived(self, index: int) -> None:
        """A paragraph's words arrived: its row is laid out afresh when next on screen."""
        self.stack.rows.pop(index, None)
        self._requested.discard(index)

    def reset(self, heights: list[float]) -> None:
        """Every row forgotten, the paragraphs' heights estimated afresh."""
        self.stack.reset(heights)
        self.retop()

    def retop(self) -> None:
        """The tops of the rows and the scroll range over them, after heights changed."""
        view = self._view
        self.stack.retop()
        bar = view.verticalScrollBar()
        bar.setRange(0, max(int(self.stack.total - view.viewport().height()), 0))
        bar.setPageStep(view.viewport().height())
        bar.setSingleStep(40)

    def ensure(self, first: int, last: int) -> None:
        """Rows for the paragraphs first to last, laid out where they have none."""
        changed = False
        for index in range(first, last + 1):
            if index not in self.stack.rows:
                changed = self.stack.place(self._make_row(index)) or changed
        if changed:
            self.retop()

    def relayout(self) -> None:
        """Lay out what is on screen (heights may change, so repeat until the range is stable)."""
        view = self._view
        if not view.spans:
            view.viewport().update()
            return
        if self.relaying_out:  # setValue below scrolls, which calls us again
            return
        self.relaying_out = True
        try:
            self._relayout_now()
        finally:
            self.relaying_out = False

    def _relayout_now(self) -> None:
        view = self._view
        at_end = view.at_end()
        anchor = view.anchor()
        bar = view.verticalScrollBar()
        for _ in range(4):
            first, last = view.visible_range()
            self.ensure(first, last)
            if at_end:
                bar.setValue(bar.maximum())
            elif anchor:
                bar.setValue(int(self.stack.at_anchor(*anchor)))
            if view.visible_range() == (first, last):
                break
        first, last = view.visible_range()
        have = view.paragraphs
        # What is on screen first; its neighbours only once the screen is complete, so that
        # a novel's huge chapter on screen is not kept waiting by the next one.
        on_screen = [i for i in range(first, last + 1) if i not in have and i not in self._requested]
        if on_screen:
            self._requested.update(on_screen)
            view.rows_needed.emit(on_screen, False)
        elif view.screen_complete():
            nearby = [
                i
                for i in range(max(first - 2, 0), min(last + 3, len(view.spans)))
                if i not in have and i not in self._requested
            ]
            if nearby:
                self._requested.update(nearby)
                view.rows_needed.emit(nearby, True)
        view.viewport().update()
