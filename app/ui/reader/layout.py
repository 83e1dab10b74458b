"""Layout of one paragraph row: word boxes with readings above them, and its notes beside it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextLine, QTextOption

from app.core.annotated import AnnotatedParagraph
from app.core.levels import Levels
from app.core.notes import Note, sources_line
from app.core.orthography import Capitals, no_capitals, token_pinyin
from app.core.scripts import Converted, convert_for_display
from app.core.text import PUNCT, SPACE, WORD, Token
from app.core.tones import ToneRun, character_tones, reading_runs

READING_MODES = ("none", "marks", "numbers", "zhuyin", "unknown", "above-level")
# Modes that show pinyin on some words only: which is the reader's business, the style is pinyin.
SOME_WORDS = ("unknown", "above-level")
ROW_GAP = 18.0
NOTE_GAP = 24.0
# Narrower than this a notes column wraps a word or two a line: the notes go below their paragraph.
MIN_NOTE_WIDTH = 220.0
# The size of an annotation's sources against the notes' own.
SOURCE_SCALE = 0.85


@dataclass(frozen=True)
class Options:
    """What the user chose to see; every field changes the layout."""

    reading: str = "marks"  # one of READING_MODES; "unknown" = pinyin only on words not yet known,
    # "above-level" only on words above the student's HSK level
    script: str = "original"
    font_size: float = 17.0
    notes: bool = True
    # which words are proper names (capitalised pinyin); none until the dictionary is ready
    capitals: Capitals = no_capitals
    hsk_level: int | None = None  # the student's HSK level (1-9); None: not set, no level tint
    levels: Levels | None = None  # the words' levels; none until the dictionary is ready
    tones: str = "off"  # tone colours: off, readings, characters (readings and characters); see core.tones

    def above_level(self, word: str) -> bool:
        """Whether `word` is above the student's level (every word is while the levels are not read)."""
        return self.levels is None or self.levels.above(word, self.hsk_level)


@dataclass
class WordBox:
    """One token as drawn, relative to its row's top-left corner."""

    rect: QRectF
    text: str  # in the display script
    reading: str
    kind: str
    start: int  # article offsets of the original characters
    end: int
    category: str | None = None
    concept: str | None = None
    # With tone colours: the reading in runs by tone (joined, `reading`), and each shown
    # character's tone; empty: the ordinary ink.
    reading_tones: tuple[ToneRun, ...] = ()
    text_tones: tuple[int | None, ...] = ()


@dataclass
class NoteLine:
    layout: QTextLayout
    top: float
    kind: str  # user, bundled, annotation, source (the sources of the annotation above)
    links: list[tuple[QRectF, str]] = field(default_factory=list)  # (area, concept id) in row coordinates


@dataclass
class RowLayout:
    index: int
    height: float
    text_height: float
    boxes: list[WordBox]
    notes: list[NoteLine]
    pending: bool = False  # laid out from raw text while its words are being worked out
    box_tops: list[float] = field(default_factory=list)
    # Where the notes sit, relative to the row's words: beside them (x > 0) or below them (x = 0).
    notes_origin: QPointF = field(default_factory=QPointF)
    notes_size: tuple[float, float] = (0.0, 0.0)

    @property
    def notes_below(self) -> bool:
        return bool(self.notes) and self.notes_origin.x() == 0

    def notes_rect(self) -> QRectF:
        return QRectF(self.notes_origin, QPointF(self.notes_origin.x() + self.notes_size[0], self.height))

    def __post_init__(self) -> None:
        self.box_tops = [b.rect.top() for b in self.boxes]

    def boxes_between(self, top: float, bottom: float) -> list[WordBox]:
        """The boxes of this row whose line lies in [top, bottom] (row coordinates)."""
        first = max(bisect_left(self.box_tops, top - 100) - 1, 0)
        return self.boxes[first : bisect_right(self.box_tops, bottom)]

    def box_at(self, point: QPointF) -> WordBox | None:
        for box in self.boxes_between(point.y() - 1, point.y() + 1):
            if box.rect.contains(point) and box.kind != SPACE:
                return box
        return None


class Layouter:
    """Measures and flows rows for given fonts and column widths (widths are cached per text).

    It needs fonts only, no widget, so the PDF handout lays out its pages on a pool thread.
    """

    def __init__(self, text_font: QFont, ruby_font: QFont, note_font: QFont):
        self.text_font, self.ruby_font, self.note_font = text_font, ruby_font, note_font
        self.text_metrics = QFontMetricsF(text_font)
        self.ruby_metrics = QFontMetricsF(ruby_font)
        self.note_metrics = QFontMetricsF(note_font)
        # Sources back the annotation above them; smaller, so they do not outweigh it.
        self.source_font = QFont(note_font)
        if note_font.pointSizeF() > 0:
            self.source_font.setPointSizeF(note_font.pointSizeF() * SOURCE_SCALE)
        else:  # a font given in pixels
            self.source_font.setPixelSize(max(1, round(note_font.pixelSize() * SOURCE_SCALE)))
        self._widths: dict[tuple[int, str], float] = {}
        self.char_width = self.text_metrics.horizontalAdvance("中")

    @classmethod
    def for_font(cls, family: str, size: float) -> Layouter:
        """The reader's three fonts for a family and a point size: words, readings above them, notes."""
        text = QFont(family)
        text.setPointSizeF(size)
        ruby = QFont(text)
        ruby.setPointSizeF(max(size * 0.55, 7))
        note = QFont()
        note.setPointSizeF(max(size * 0.62, 8))
        return cls(text, ruby, note)

    def width(self, which: int, text: str) -> float:
        key = (which, text)
        value = self._widths.get(key)
        if value is None:
            metrics = self.text_metrics if which == 0 else self.ruby_metrics
            value = metrics.horizontalAdvance(text)
            self._widths[key] = value
        return value

    def ruby_height(self, options: Options) -> float:
        return 0.0 if options.reading == "none" else self.ruby_metrics.height()

    def line_height(self, options: Options) -> float:
        return self.ruby_height(options) + self.text_metrics.height() + 6

    def estimate(self, length: int, text_width: float, options: Options) -> float:
        """A row's height before it is laid out, from its length alone."""
        per_line = max(int(text_width / (self.char_width * 1.15)), 1)
        lines = -(-length // per_line)
        return lines * self.line_height(options) + ROW_GAP

    # -- rows ------------------------------------------------------------------------------------
    def row(
        self,
        paragraph: AnnotatedParagraph,
        text_width: float,
        note_width: float,
        options: Options,
        names: Mapping[str, str],
        statuses: Mapping[str, str],
    ) -> RowLayout:
        """A laid-out paragraph: its words with their glossary terms, and its notes beside it.

        The notes go below the paragraph instead, across the words' and the notes' widths, when
        `note_width` is too narrow to read or a word is wider than the text column (it would run
        into the notes). `names` are the concepts' English names (for links in notes);
        `statuses` the words' (new, learning, known), which decide readings in the "unknown" mode.
        """
        converted = convert_for_display(paragraph.text, options.script) if options.script != "original" else None
        line_height = self.line_height(options)
        boxes: list[WordBox] = []
        x, y = 0.0, 0.0
        terms = paragraph.terms
        term_index = 0
        for token in paragraph.tokens:
            shown = token.text if converted is None else _span(converted, paragraph.start, token.start, token.end)
            reading = self._reading(token, options, statuses) if token.kind == WORD else ""
            reading_tones, text_tones = _tones(token, shown, reading, options)
            if token.kind == SPACE:
                width = self.width(0, " ") * min(len(token.text), 4)
            else:
                gap = 6.0 if token.kind == WORD else 1.0
                width = max(self.width(0, shown), self.width(1, reading) if reading else 0.0) + gap
            # Punctuation never starts a line: a closing mark stays with its word.
            if x + width > text_width and x > 0 and token.kind != PUNCT:
                x, y = 0.0, y + line_height
            while term_index < len(terms) and terms[term_index].end <= token.start:
                term_index += 1
            category = concept = None
            if term_index < len(terms) and terms[term_index].start < token.end and token.kind != SPACE:
                category, concept = terms[term_index].category, terms[term_index].concept_id
            boxes.append(
                WordBox(
                    QRectF(x, y, width, line_height),
                    shown,
                    reading,
                    token.kind,
                    token.start,
                    token.end,
                    category,
                    concept,
                    reading_tones,
                    text_tones,
                )
            )
            x += width
        text_height = (y + line_height) if boxes else 0.0
        if not (options.notes and paragraph.notes):
            return RowLayout(paragraph.index, text_height + ROW_GAP, text_height, boxes, [])
        # A closing mark may hang past the line's end (into the gap); a word may not.
        beside = note_width >= MIN_NOTE_WIDTH and all(
            b.kind == PUNCT or b.rect.right() <= text_width + 0.5 for b in boxes
        )
        if beside:
            origin = QPointF(text_width + NOTE_GAP, 0.0)
        else:
            origin, note_width = (
                QPointF(0.0, text_height + 6),
                text_width + (NOTE_GAP + note_width if note_width else 0),
            )
        note_lines, note_height = self.notes(paragraph.notes, note_width, names)
        height = (max(text_height, note_height) if beside else origin.y() + note_height) + ROW_GAP
        row = RowLayout(paragraph.index, height, text_height, boxes, note_lines)
        row.notes_origin, row.notes_size = origin, (note_width, note_height)
        return row

    def pending_row(self, index: int, start: int, text: str, text_width: float, options: Options) -> RowLayout:
        """A paragraph whose words are not known yet: its characters in lines, no readings."""
        per_line = max(int(text_width / self.char_width), 1)
        line_height = self.line_height(options)
        boxes: list[WordBox] = []
        for n, first in enumerate(range(0, len(text), per_line)):
            piece = text[first : first + per_line]
            boxes.append(
                WordBox(
                    QRectF(0, n * line_height, text_width, line_height),
                    piece,
                    "",
                    "pending",
                    start + first,
                    start + first + len(piece),
                )
            )
        height = (len(boxes) * line_height if boxes else line_height) + ROW_GAP
        return RowLayout(index, height, height - ROW_GAP, boxes, [], pending=True)

    def _reading(self, token: Token, options: Options, statuses: Mapping[str, str]) -> str:
        if options.reading == "none" or not any(token.readings):
            return ""
        if options.reading == "unknown" and statuses.get(token.text) == "known":
            return ""
        if options.reading == "above-level" and not options.above_level(token.text):
            return ""
        return token_pinyin(token.text, token.readings, _style(options), options.capitals) or ""

    # -- notes -----------------------------------------------------------------------------------
    def notes(self, notes: Sequence[Note], width: float, names: Mapping[str, str]) -> tuple[list[NoteLine], float]:
        """Each note's text wrapped to the column; annotations get their concepts as links."""
        lines: list[NoteLine] = []
        y = 0.0
        for note in notes:
            kind = "user" if note.source == "user" else "bundled"
            y = self._add_text(lines, note.text, width, y, kind)
            for annotation in note.annotations:
                links = [c for c in annotation.concepts if c in names]
                label = ("→ " + ", ".join(names[c] for c in links) + ": ") if links else ""
                start_y = y
                y = self._add_text(lines, label + annotation.text, width, y, "annotation")
                if links:
                    self._link_areas(lines[-1], [names[c] for c in links], links, start_y)
                if annotation.sources:
                    y = self._add_text(lines, sources_line(annotation.sources), width, y, "source")
            y += 6
        return lines, y

    def _add_text(self, lines: list[NoteLine], text: str, width: float, y: float, kind: str) -> float:
        layout = QTextLayout(text, self.source_font if kind == "source" else self.note_font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        height = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 40))
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        lines.append(NoteLine(layout, y, kind))
        return y + height + 4

    def _link_areas(self, note: NoteLine, labels: list[str], ids: list[str], top: float) -> None:
        # The concept names open the label ("→ A, B: ..."); find where each sits in the layout.
        offset = 2
        for label, concept in zip(labels, ids):
            line = note.layout.lineForTextPosition(offset)
            if line.isValid():
                x1, x2 = _x_of(line, offset), _x_of(line, offset + len(label))
                note.links.append((QRectF(x1, top + line.y(), max(x2 - x1, 4), line.height()), concept))
            offset += len(label) + 2


def _x_of(line: QTextLine, position: int) -> float:
    # PySide6 returns (x, position) here, typed only as object.
    x, _ = cast(tuple[float, int], line.cursorToX(position))
    return x


def _style(options: Options) -> str:
    return "marks" if options.reading in SOME_WORDS else options.reading


def _tones(
    token: Token, shown: str, reading: str, options: Options
) -> tuple[tuple[ToneRun, ...], tuple[int | None, ...]]:
    """The box's tone colours: from the readings the box shows (the characters' even where the
    mode hides the word's reading, as for a known word)."""
    if options.tones == "off" or token.kind != WORD:
        return (), ()
    runs = reading_runs(token.text, token.readings, _style(options), options.capitals) if reading else ()
    return runs, character_tones(shown, token.readings) if options.tones == "characters" else ()


def _span(converted: Converted, paragraph_start: int, start: int, end: int) -> str:
    return converted.span(start - paragraph_start, end - paragraph_start)
