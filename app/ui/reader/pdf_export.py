"""The handout as PDF (Qt's PDF writer): the reader's own layout, words with readings, notes beside them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from app.ui.reader.layout import NOTE_GAP, paragraph_terms
from app.ui.reader.view import ReaderView, _Colours


def write_pdf(window, path: str) -> int:
    """Write the open article (all of it) to `path`; returns the number of pages."""
    article = window.article
    paragraphs = window.documents.paragraphs(article)
    glossary = window.context.glossary
    terms = paragraph_terms(glossary, paragraphs)
    notes = window.documents.notes(article)
    names = {c.id: c.preferred_english for c in glossary}

    target = Path(path)
    fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".pdf.part")
    os.close(fd)
    try:
        writer = QPdfWriter(temporary)
        writer.setTitle(article.title)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(15, 15, 15, 15)))
        writer.setResolution(144)
        # A reader that is never shown does the layout and painting, so print and screen agree.
        view = ReaderView()
        view.tint = False
        view.set_options(
            reading=window.view.options.reading if window.view.options.reading != "none" else "marks",
            script=window.view.options.script,
            font_size=11.0,
            notes=True,
            known=window.view.options.known,
        )
        palette = QApplication.style().standardPalette()
        view.setPalette(palette)
        colours = _Colours(palette)
        painter = QPainter(writer)
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        width, height = page.width(), page.height()
        text_width = width * 0.58
        note_width = width - text_width - NOTE_GAP
        pages, y = 1, 0.0
        painter.setFont(view.layouter.text_font)
        painter.drawText(QRectF(0, 0, width, 60), article.title)
        y = 70.0
        for paragraph in paragraphs:
            row = view.layouter.row(
                paragraph,
                text_width,
                note_width,
                view.options,
                terms.get(paragraph.index, []),
                notes.get(paragraph.index, []),
                names,
            )
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
                view._paint_words(painter, row, QRectF(0, offset, text_width, height - y), colours)
                painter.translate(text_width + NOTE_GAP, 0)
                view._paint_notes(painter, row, colours)
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
