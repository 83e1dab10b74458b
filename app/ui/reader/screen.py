"""Painting the reader's screen: the tints of the moment, and each row on screen at its place.

The view says what is marked (find hits, the word being read aloud, the selection); this
assembles the tints for one paint and hands each row to the `RowPainter`, which the PDF
handout shares.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPalette

from app.ui.reader.colours import Colours
from app.ui.reader.layout import Layouter, Options, RowLayout
from app.ui.reader.painting import RowPainter
from app.ui.reader.row_stack import RowStack
from app.ui.reader.tints import SCREEN_TINTS, TintInputs, make_tints


@dataclass(frozen=True)
class Marks:
    """What the screen marks over the words, for one paint."""

    statuses: Mapping[str, str]  # word -> new / learning / known
    highlights: Sequence[tuple[int, int]]  # find hits, article offsets
    current_hit: tuple[int, int] | None  # the one the find bar is at
    spoken: tuple[int, int] | None  # the word being read aloud
    selection: tuple[int, int] | None  # article offsets
    current: tuple[int, int] | None  # (paragraph, token start) of the selected word


def paint_screen(
    painter: QPainter,
    exposed: QRectF,
    palette: QPalette,
    stack: RowStack,
    rows: Sequence[RowLayout],
    scroll: float,
    painting: tuple[Layouter, Options],
    marks: Marks,
) -> None:
    """The rows on screen (scrolled by `scroll`) inside `exposed`, viewport coordinates."""
    layouter, options = painting
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(exposed, palette.color(QPalette.ColorRole.Base))
    colours = Colours.of(palette)
    tints = make_tints(
        SCREEN_TINTS,
        TintInputs(
            colours,
            marks.statuses,
            with_spoken(marks.highlights, marks.spoken),
            marks.current_hit,
            options.above_level if options.levels is not None and options.hsk_level is not None else None,
        ),
    )
    row_painter = RowPainter(layouter, options, colours, tints)
    current = marks.current[1] if marks.current else None
    margin = stack.margin
    for row in rows:
        top = stack.tops[row.index] - scroll
        painter.save()
        painter.translate(margin, top)
        row_painter.paint_words(painter, row, exposed.translated(-margin, -top), marks.selection, current)
        painter.restore()
        if row.notes:
            painter.save()
            painter.translate(margin + row.notes_origin.x(), top + row.notes_origin.y())
            row_painter.paint_notes(painter, row)
            painter.restore()


def with_spoken(highlights: Sequence[tuple[int, int]], spoken: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The find hits with the word being read aloud among them (in text order, none overlapping it)."""
    if spoken is None:
        return list(highlights)
    kept = [span for span in highlights if span[1] <= spoken[0] or span[0] >= spoken[1]]
    return sorted([*kept, spoken])
