"""The handout as PDF (Qt's PDF writer): the reader's own layout, words with readings, notes beside them.

`write_pdf` needs no widget: it lays out and paints with the reader's layouter and row painter,
so the window runs it on a pool thread. Everything it reads is handed to it as plain values.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from app.core.annotated import AnnotatedParagraph
from app.ui.reader.colours import Colours
from app.ui.reader.layout import NOTE_GAP, Layouter, Options
from app.ui.reader.painting import RowPainter
from app.ui.reader.tints import PRINT_TINTS, TintInputs, make_tints

FONT_SIZE = 11.0
RESOLUTION = 144


@dataclass(frozen=True)
class PrintStyle:
    """How a handout looks: the reader's choices when the export started."""

    font_family: str
    colours: Colours  # print_colours(), made on the GUI thread
    reading: str = "marks"
    script: str = "original"
    statuses: Mapping[str, str] | None = None  # for the "unknown" reading mode
    names: Mapping[str, str] | None = None  # concept id -> English name, for links in notes


def write_pdf(
    path: str | os.PathLike[str], title: str, paragraphs: Sequence[AnnotatedParagraph], style: PrintStyle
) -> int:
    """Write the paragraphs to `path` (replaced in one step); returns the number of pages."""
    # No readings on screen still prints them: a handout is for reading away from the screen.
    reading = style.reading if style.reading != "none" else "marks"
    options = Options(reading=reading, script=style.script, font_size=FONT_SIZE, notes=True)
    statuses = style.statuses or {}
    names = style.names or {}
    layouter = Layouter.for_font(style.font_family, FONT_SIZE)
    rows = RowPainter(layouter, options, style.colours, make_tints(PRINT_TINTS, TintInputs(style.colours, statuses)))

    target = Path(path)
    fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".pdf.part")
    os.close(fd)
    try:
        writer = QPdfWriter(temporary)
        writer.setTitle(title)
        writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15))
        )
        writer.setResolution(RESOLUTION)
        painter = QPainter(writer)
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        width, height = page.width(), page.height()
        text_width = width * 0.58
        note_width = width - text_width - NOTE_GAP
        pages = 1
        painter.setFont(layouter.text_font)
        painter.drawText(QRectF(0, 0, width, 60), title)
        y = 70.0
        for paragraph in paragraphs:
            row = layouter.row(paragraph, text_width, note_width, options, names, statuses)
            if y + row.height > height and y > 0:
                writer.newPage()
                pages += 1
                y = 0.0
            # A row taller than a page is printed in page-sized slices.
            offset = 0.0
            while True:
                painter.save()
                painter.setClipRect(QRectF(0, 0, width, height))
                painter.translate(0, y - offset)
                rows.paint_words(painter, row, QRectF(0, offset, text_width, height - y))
                painter.translate(text_width + NOTE_GAP, 0)
                rows.paint_notes(painter, row)
                painter.restore()
                if row.height - offset <= height - y:
                    y += row.height - offset
                    break
                offset += height - y
                writer.newPage()
                pages += 1
                y = 0.0
        painter.end()
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return pages
