"""The handout as PDF, laid out as the HTML handout is: readings over the words, notes beside them.

Written with fpdf2, which keeps the characters it is given: the text layer says 大 where the
article says 大. (Qt's PDF writer maps each glyph back to the lowest code point the font gives
it, and CJK fonts give 大's glyph to the Kangxi radical ⼤ U+2F24 as well, so its PDFs could not
be searched.) Every box is measured with the font and size it is drawn in, in the page's own
unit, so no word runs into another and nothing leaves its column. Callers import this module
when they write a PDF: fpdf takes half a second to import.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fpdf import FPDF
from fpdf.fonts import TTFFont

from app.core.annotated import AnnotatedParagraph
from app.core.notes import Note, sources_line
from app.core.script_detection import SIMPLIFIED, TRADITIONAL
from app.core.tones import TONE_PALETTES, ToneRun
from app.io.articles.handout_layout import (
    RUBY,
    TEXT,
    Box,
    Choices,
    Run,
    note_lines,
    paragraph_lines,
    shown_script,
)
from app.io.articles.handouts import SCRIPT_LANG, article_script, subtitle
from app.io.atomic import write_bytes_atomic
from app.io.fonts import HandoutFonts, handout_fonts

# A4 in points, and the HTML handout's proportions: a 3 : 2 grid with a 2 em gap.
PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89
MARGIN = 42.5  # 15 mm
FOOTER = 24.0  # room for the page number below the last row
COLUMN_GAP = 24.0
TEXT_WIDTH = (PAGE_WIDTH - 2 * MARGIN - COLUMN_GAP) * 3 / 5
NOTES_LEFT = MARGIN + TEXT_WIDTH + COLUMN_GAP
NOTES_WIDTH = PAGE_WIDTH - MARGIN - NOTES_LEFT
TEXT_SIZE, RUBY_SIZE = 14.0, 7.0
NOTE_SIZE, ANNOTATION_SIZE, SOURCE_SIZE = 9.5, 8.5, 7.5
TITLE_SIZE, META_SIZE = 20.0, 10.0
WORD_GAP = 3.5  # between two words' readings, which are wider than their characters
RUBY_HEIGHT, TEXT_HEIGHT = RUBY_SIZE * 1.35, TEXT_SIZE * 1.5
LINE_HEIGHT = RUBY_HEIGHT + TEXT_HEIGHT
ROW_PAD = 8.0
INK, RUBY_INK, TERM_INK = (34, 34, 34), (85, 85, 85), (58, 111, 196)
ANNOTATION_INK, SOURCE_INK, RULE_INK, USER_FILL = (68, 68, 68), (102, 102, 102), (225, 225, 225), (255, 248, 214)
# Paper is light: the light theme's tone colours.
TONE_INKS = {tone: tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for tone, c in TONE_PALETTES["light"].items()}
_FONT = {TRADITIONAL: "cjk-tc", SIMPLIFIED: "cjk-sc"}
_BOTTOM = PAGE_HEIGHT - MARGIN - FOOTER


@dataclass(frozen=True)
class _NoteBlock:
    text: str
    font: str
    size: float
    ink: tuple[int, int, int]
    fill: bool = False

    @property
    def padding(self) -> int:
        return 3 if self.fill else 0  # a user's note sits on its colour, its text a little inside


def write_handout_pdf(
    path: str | os.PathLike[str],
    title: str,
    meta: Mapping[str, Any],
    paragraphs: Iterable[AnnotatedParagraph],
    choices: Choices = Choices(),
    fonts: HandoutFonts | None = None,
) -> int:
    """Write the handout to `path` (replaced in one step); returns the number of pages.

    FontMissing when no Chinese font is installed; OutputError when `path` cannot be written."""
    items = list(paragraphs)
    writer = _Writer(fonts or handout_fonts(), article_script(items))
    writer.heading(title, subtitle(meta))
    for item in items:
        writer.row(item, choices)
    data = writer.pdf.output()
    write_bytes_atomic(path, bytes(data))
    return writer.pdf.pages_count


class _Writer:
    def __init__(self, fonts: HandoutFonts, script: str) -> None:
        self.script = script
        pdf = self.pdf = _Pages(unit="pt", format="A4")
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, PAGE_HEIGHT - _BOTTOM)
        pdf.c_margin = 0  # a cell's text starts at its column's edge
        self.fonts = fonts
        self._added: set[str] = set()
        self._face(script)
        pdf.add_font("cjk-bold", "", fonts.bold[script].path, collection_font_number=fonts.bold[script].index)
        pdf.add_font("latin", "", fonts.latin.path, collection_font_number=fonts.latin.index)
        # Chinese inside an English note (or a title) is written in the article's CJK face.
        self.note_cjk = _FONT[script]
        pdf.set_fallback_fonts([self.note_cjk])
        latin = pdf.fonts["latin"]
        assert isinstance(latin, TTFFont)  # added from a file above
        self._latin_glyphs: Mapping[int, str] = latin.cmap
        self._notes: dict[tuple[_NoteBlock, float], list[list[Run]]] = {}
        pdf.set_lang(SCRIPT_LANG[script])
        pdf.set_creator("Duben")
        pdf.add_page()
        self._widths: dict[tuple[str, int, str], float] = {}

    def heading(self, title: str, meta: str) -> None:
        pdf = self.pdf
        pdf.set_title(title)
        pdf.set_text_color(*INK)
        pdf.set_font("cjk-bold", size=TITLE_SIZE)
        pdf.multi_cell(0, TITLE_SIZE * 1.4, title, align="L", new_x="LMARGIN", new_y="NEXT")
        if meta:
            pdf.set_text_color(*SOURCE_INK)
            pdf.set_font("latin", size=META_SIZE)
            pdf.multi_cell(0, META_SIZE * 1.4, meta, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(pdf.get_y() + 18)

    def row(self, item: AnnotatedParagraph, choices: Choices) -> None:
        """One paragraph: on the page it begins on when it fits there, else on a new page; a
        paragraph taller than a page flows from page to page, its notes below it."""
        pdf = self.pdf
        font = self._face(shown_script(item, choices.script, self.script))
        lines = paragraph_lines(item, TEXT_WIDTH, lambda which, s: self._width(font, which, s), choices, WORD_GAP)
        blocks = _note_blocks(item.notes)
        text_height = len(lines) * LINE_HEIGHT
        notes_height = sum(self._block_height(b, NOTES_WIDTH) for b in blocks)
        height = max(text_height, notes_height) + 2 * ROW_PAD
        if pdf.get_y() + height > _BOTTOM and height <= _BOTTOM - MARGIN:
            pdf.add_page()
        top = pdf.get_y()
        if height <= _BOTTOM - top:
            self._rule(top)
            for n, line in enumerate(lines):
                self._line(font, line, top + ROW_PAD + n * LINE_HEIGHT)
            y = top + ROW_PAD
            for block in blocks:
                y = self._block(block, NOTES_LEFT, NOTES_WIDTH, y)
            pdf.set_y(top + height)
            return
        self._rule(top)
        y = top + ROW_PAD
        for line in lines:
            if y + LINE_HEIGHT > _BOTTOM:
                pdf.add_page()
                y = pdf.get_y()
            self._line(font, line, y)
            y += LINE_HEIGHT
        y += ROW_PAD / 2
        for block in blocks:
            y = self._block(block, MARGIN, PAGE_WIDTH - 2 * MARGIN, y)
        pdf.set_y(y + ROW_PAD)

    def _line(self, font: str, line: Sequence[Box], top: float) -> None:
        pdf = self.pdf
        baseline = top + RUBY_HEIGHT + TEXT_SIZE * 1.08
        for box in line:
            x = MARGIN + box.x
            inner = box.width - (WORD_GAP if box.reading else 0.0)
            if box.reading:
                pdf.set_font(font, size=RUBY_SIZE)
                runs = box.reading_tones or ((box.reading, None),)
                self._runs(font, RUBY, runs, x, inner, top + RUBY_SIZE * 1.05, RUBY_INK)
            if box.text.strip():
                pdf.set_font(font, size=TEXT_SIZE)
                runs = tuple(zip(box.text, box.text_tones)) if any(box.text_tones) else ((box.text, None),)
                self._runs(font, TEXT, runs, x, inner, baseline, INK)
            if box.concept:
                pdf.set_draw_color(*TERM_INK)
                pdf.set_line_width(1.5)
                under = baseline + TEXT_SIZE * 0.22
                pdf.line(x, under, x + inner, under)

    def _runs(
        self,
        font: str,
        which: int,
        runs: Sequence[ToneRun],
        left: float,
        width: float,
        baseline: float,
        ink: tuple[int, int, int],
    ) -> None:
        """Text centred in `width` from `left`, run by run in its tone's ink (`ink` for none)."""
        x = left + (width - sum(self._width(font, which, text) for text, _ in runs)) / 2
        for text, tone in runs:
            self.pdf.set_text_color(*(TONE_INKS.get(tone, ink) if tone is not None else ink))
            self.pdf.text(x, baseline, text)
            x += self._width(font, which, text)

    def _block(self, block: _NoteBlock, left: float, width: float, y: float) -> float:
        """Draw a note's lines from `y` (a new page when the next line does not fit); returns the y below."""
        pdf = self.pdf
        pad, step = block.padding, block.size * 1.35
        lines = self._note_lines(block, width)
        for n, line in enumerate(lines):
            if y + step + 2 * pad > _BOTTOM:
                pdf.add_page()
                y = pdf.get_y()
            if block.fill:  # the user's note on its colour, line by line so a page break splits it
                pdf.set_fill_color(*USER_FILL)
                first, last = n == 0, n == len(lines) - 1
                pdf.rect(left, y, width, step + (pad if first else 0) + (pad if last else 0), style="F")
                y += pad if first else 0
            pdf.set_text_color(*block.ink)
            for run in line:
                pdf.set_font("latin" if run.latin else self.note_cjk, size=block.size)
                pdf.text(left + pad + run.x, y + block.size * 1.05, run.text)
            y += step + (pad if block.fill and n == len(lines) - 1 else 0)
        return y + block.size * 0.45

    def _block_height(self, block: _NoteBlock, width: float) -> float:
        lines = self._note_lines(block, width)
        return len(lines) * block.size * 1.35 + 2 * block.padding + block.size * 0.45

    def _note_lines(self, block: _NoteBlock, width: float) -> list[list[Run]]:
        key = (block, width)
        found = self._notes.get(key)
        if found is None:
            pdf, cjk = self.pdf, self.note_cjk

            def measure(text: str, latin: bool) -> float:
                pdf.set_font("latin" if latin else cjk, size=block.size)
                return float(pdf.get_string_width(text))

            found = note_lines(block.text, width - 2 * block.padding, measure, self._latin_has)
            self._notes[key] = found
        return found

    def _latin_has(self, char: str) -> bool:
        return ord(char) in self._latin_glyphs

    def _face(self, script: str) -> str:
        """The font name of a script's face, added when first needed (each face added is embedded)."""
        name = _FONT[script]
        if name not in self._added:
            face = self.fonts.cjk[script]
            self.pdf.add_font(name, "", face.path, collection_font_number=face.index)
            self._added.add(name)
        return name

    def _rule(self, y: float) -> None:
        self.pdf.set_draw_color(*RULE_INK)
        self.pdf.set_line_width(0.75)
        self.pdf.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)

    def _width(self, font: str, which: int, text: str) -> float:
        key = (font, which, text)
        found = self._widths.get(key)
        if found is None:
            self.pdf.set_font(font, size=TEXT_SIZE if which == TEXT else RUBY_SIZE)
            found = self._widths[key] = float(self.pdf.get_string_width(text))
        return found


def _note_blocks(notes: Sequence[Note]) -> list[_NoteBlock]:
    blocks = []
    for note in notes:
        blocks.append(_NoteBlock(note.text, "latin", NOTE_SIZE, INK, fill=note.source == "user"))
        for annotation in note.annotations:
            blocks.append(_NoteBlock(annotation.text, "latin", ANNOTATION_SIZE, ANNOTATION_INK))
            if annotation.sources:
                blocks.append(_NoteBlock(sources_line(annotation.sources), "latin", SOURCE_SIZE, SOURCE_INK))
    return blocks


class _Pages(FPDF):
    """Pages numbered at the foot, as a printed handout is."""

    def footer(self) -> None:
        self.set_y(PAGE_HEIGHT - MARGIN)
        self.set_font("latin", size=SOURCE_SIZE)
        self.set_text_color(*SOURCE_INK)
        self.cell(0, SOURCE_SIZE, f"{self.page_no()}", align="C")
