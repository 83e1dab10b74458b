"""Painting laid-out rows: word boxes with their readings and tints, and the notes beside them.

The view paints the screen with it and the PDF handout its pages; it needs a QPainter and the
layout's fonts, no widget, so a handout can be printed on a pool thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from app.core.text import WORD
from app.core.tones import ToneRun
from app.ui.reader.colours import Colours
from app.ui.reader.layout import Layouter, Options, RowLayout
from app.ui.reader.tints import Tint

_TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_TOP_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
_BOTTOM_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom


class RowPainter:
    """Paints rows made by `layouter` for `options`, coloured by `tints` (see app.ui.reader.tints)."""

    def __init__(self, layouter: Layouter, options: Options, colours: Colours, tints: Sequence[Tint]) -> None:
        self.layouter, self.options, self.colours, self.tints = layouter, options, colours, tints

    def paint_words(
        self,
        painter: QPainter,
        row: RowLayout,
        area: QRectF,
        selection: tuple[int, int] | None = None,
        current: int | None = None,
    ) -> None:
        """The row's word boxes inside `area` (row coordinates). `selection` is a span of article
        offsets, `current` the start of the selected word; both are drawn over the tints."""
        colours = self.colours
        layouter = self.layouter
        ruby_height = layouter.ruby_height(self.options)
        text_height = layouter.text_metrics.height()
        for box in row.boxes_between(area.top(), area.bottom()):
            rect = box.rect
            if box.kind == "pending":
                painter.setFont(layouter.text_font)
                painter.setPen(colours.pen_muted)
                painter.drawText(
                    QRectF(rect.left(), rect.top() + ruby_height, rect.width(), text_height), _TOP_LEFT, box.text
                )
                continue
            fill = underline = None
            apart = False
            for tint in self.tints:
                mark = tint.mark(box)
                if mark is not None:
                    fill = mark.fill if fill is None else fill
                    if underline is None and mark.underline is not None:
                        underline, apart = mark.underline, mark.apart
            if fill is not None:
                painter.fillRect(rect, fill)
            if (selection and box.start < selection[1] and selection[0] < box.end) or current == box.start:
                painter.fillRect(rect, colours.selection)
            if box.reading_tones:
                painter.setFont(layouter.ruby_font)
                self._paint_runs(painter, rect, rect.top() + layouter.ruby_metrics.ascent(), 1, box.reading_tones)
            elif box.reading:
                painter.setFont(layouter.ruby_font)
                painter.setPen(colours.pen_ruby)
                painter.drawText(
                    QRectF(rect.left(), rect.top(), rect.width(), ruby_height), _BOTTOM_CENTRE, box.reading
                )
            painter.setFont(layouter.text_font)
            if any(box.text_tones):
                baseline = rect.top() + ruby_height + layouter.text_metrics.ascent()
                self._paint_runs(painter, rect, baseline, 0, tuple(zip(box.text, box.text_tones)))
            else:
                painter.setPen(colours.pen_text)
                painter.drawText(
                    QRectF(rect.left(), rect.top() + ruby_height, rect.width(), text_height), _TOP_CENTRE, box.text
                )
            baseline = rect.top() + ruby_height + text_height + 1
            if underline is not None:
                painter.setPen(underline)
                left, right = (rect.left() + 2, rect.right() - 3) if apart else (rect.left(), rect.right())
                painter.drawLine(QPointF(left, baseline + 1), QPointF(right, baseline + 1))
            elif box.kind == WORD:
                # Word boundaries: visible but quiet.
                painter.setPen(colours.pen_rule)
                painter.drawLine(QPointF(rect.left() + 2, baseline), QPointF(rect.right() - 3, baseline))

    def _paint_runs(
        self, painter: QPainter, rect: QRectF, baseline: float, which: int, runs: Sequence[ToneRun]
    ) -> None:
        """Text in runs coloured by tone, centred in the box as one piece; `which` is the layouter's
        font (0 the words', 1 the readings'). A run without a tone is in the ordinary ink."""
        width = self.layouter.width
        x = rect.left() + (rect.width() - sum(width(which, text) for text, _ in runs)) / 2
        plain = self.colours.pen_ruby if which else self.colours.pen_text
        for text, tone in runs:
            painter.setPen(self.colours.pen_tones.get(tone, plain) if tone is not None else plain)
            painter.drawText(QPointF(x, baseline), text)
            x += width(which, text)

    def paint_notes(self, painter: QPainter, row: RowLayout) -> None:
        """The row's notes, in the notes column's coordinates."""
        colours = self.colours
        for note in row.notes:
            if note.kind == "user":
                size = note.layout.boundingRect()
                painter.fillRect(QRectF(-4, note.top - 2, size.width() + 8, size.height() + 4), colours.user_note)
            painter.setPen(colours.pen_annotation if note.kind in ("annotation", "source") else colours.pen_text)
            note.layout.draw(painter, QPointF(0, note.top))
            for area, _ in note.links:
                painter.setPen(QPen(colours.link, 1))
                painter.drawLine(area.bottomLeft() + QPointF(0, -2), area.bottomRight() + QPointF(0, -2))
