"""The reader's paragraphs stacked top to bottom: their heights, their tops, their laid-out rows.

The view scrolls over this stack and lays out only the rows on screen; the rest keep estimated
heights. Everything here is in content coordinates (y from the top of the text, not the screen),
so it needs no widget: the view turns viewport points into content points and back.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from PySide6.QtCore import QPointF, QRectF

from app.ui.reader.layout import NOTE_GAP, RowLayout, WordBox


class RowStack:
    """Rows by paragraph index; a paragraph without a row has only its estimated height."""

    def __init__(self, margin: float) -> None:
        self.margin = margin  # above the first row, below the last, and left of every one
        self.rows: dict[int, RowLayout] = {}
        self.heights: list[float] = []
        self.tops: list[float] = [0.0]

    def reset(self, heights: list[float]) -> None:
        """Every row forgotten, the paragraphs' heights estimated afresh."""
        self.rows = {}
        self.heights = heights
        self.retop()

    def retop(self) -> None:
        self.tops = [self.margin, *accumulate(self.heights, initial=self.margin)][1:]

    @property
    def total(self) -> float:
        """The height of the whole text with its margins."""
        return self.tops[-1] + self.margin if self.tops else 0

    def place(self, row: RowLayout) -> bool:
        """Keep a laid-out row; whether its height differs from the one the stack had (retop then)."""
        self.rows[row.index] = row
        if abs(row.height - self.heights[row.index]) > 0.5:
            self.heights[row.index] = row.height
            return True
        return False

    def index_at(self, y: float) -> int:
        """The paragraph at height `y` (-1 above the first)."""
        return bisect_right(self.tops, y) - 1

    def anchor(self, y: float) -> tuple[int, float] | None:
        """The paragraph at height `y` and how far into it `y` is (a fraction)."""
        if not self.heights:
            return None
        index = min(max(self.index_at(y), 0), len(self.heights) - 1)
        return index, (y - self.tops[index]) / (self.heights[index] or 1)

    def at_anchor(self, index: int, fraction: float) -> float:
        """The height an anchor stands for."""
        return self.tops[index] + fraction * self.heights[index]

    def range_between(self, top: float, bottom: float) -> tuple[int, int]:
        """The first and last paragraphs between two heights ((0, -1): none)."""
        if not self.heights:
            return 0, -1
        first = max(self.index_at(top), 0)
        last = max(self.index_at(bottom), first)
        return min(first, len(self.heights) - 1), min(last, len(self.heights) - 1)

    def box(self, index: int, token_start: int) -> WordBox | None:
        row = self.rows.get(index)
        return next((b for b in row.boxes if b.start == token_start), None) if row else None

    def box_rect(self, index: int, token_start: int) -> QRectF | None:
        """Where a word is drawn, in content coordinates."""
        box = self.box(index, token_start)
        return box.rect.translated(self.margin, self.tops[index]) if box is not None else None

    def to_row(self, point: QPointF, text_width: float, note_width: float) -> tuple[RowLayout, QPointF, bool] | None:
        """The row under a content point, the point in row coordinates, and whether it is in the notes."""
        index = self.index_at(point.y())
        row = self.rows.get(index)
        if row is None:
            return None
        local = QPointF(point.x() - self.margin, point.y() - self.tops[index])
        if row.notes and row.notes_rect().contains(local):
            return row, local - row.notes_origin, True
        # Beside the text, an empty notes column too (a double click there writes a note).
        if note_width and point.x() > self.margin + text_width + NOTE_GAP / 2:
            return row, QPointF(point.x() - self.margin - text_width - NOTE_GAP, local.y()), True
        return row, local, False
