"""The reader: paragraphs as rows of word boxes with readings, notes beside them; only visible rows are laid out."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from app.core.annotated import AnnotatedParagraph, TermSpan
from app.core.notes import Note
from app.core.text import WORD, Token
from app.ui.reader.layout import MIN_NOTE_WIDTH, NOTE_GAP, Layouter, Options, RowLayout, WordBox
from app.ui.reader.pointer import Pointer
from app.ui.reader.screen import Marks, paint_screen
from app.ui.reader.visible_rows import VisibleRows

CJK_FAMILIES = ("Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK SC")
MARGIN = 24.0
HOVER_DELAY_MS = 300


def cjk_family() -> str | None:
    """The first CJK font this system has, or None when it has none."""
    families = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in families), None)


def default_family() -> str:
    """The family the reader starts with: a CJK font when there is one."""
    return cjk_family() or QFont().family()


class ReaderView(QAbstractScrollArea):
    """Rows are laid out when they come into view; the rest have estimated heights.

    The view reads annotated paragraphs and never changes them: `set_document` once per article,
    then `add_paragraphs` as their words are worked out (`rows_needed` asks for them).
    """

    word_hovered = Signal(int, int)  # paragraph index, token start: after the hover delay
    hover_left = Signal()  # the pointer is over no word any more (or a button went down)
    scrolled = Signal()  # the text moved under the pointer (not a relayout keeping its place)
    word_clicked = Signal(int, int)
    concept_clicked = Signal(str)  # a glossary link in a note
    note_edit_requested = Signal(int)  # paragraph index
    translation_edit_requested = Signal(int)  # paragraph index: a double click on the column while translating
    current_changed = Signal(int)  # the paragraph of the selected word, when a word is selected
    rows_needed = Signal(list, bool)  # paragraph indices without their words yet; True: only near the screen
    selection_changed = Signal()
    word_menu_requested = Signal(int, int, QPoint)  # paragraph index, token start, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._family = default_family()
        self._options = Options()
        self._text = ""
        self._spans: list[tuple[int, int]] = []
        self._names: Mapping[str, str] = {}
        self._has_notes = False  # whether the article has any note: without, no notes column
        # Whether the column beside the text holds the user's translation (a double click edits it).
        self.translating = False
        self._paragraphs: dict[int, AnnotatedParagraph] = {}
        self._statuses: Mapping[str, str] = {}  # word -> new / learning / known, from the words controller
        self._highlights: list[tuple[int, int]] = []
        self._current_hit: tuple[int, int] | None = None
        self._spoken: tuple[int, int] | None = None  # the word being read aloud, article offsets
        self._current: tuple[int, int] | None = None  # (paragraph, token start) of the selected word
        self._selection: tuple[int, int] | None = None  # article offsets
        self._rows = VisibleRows(self, MARGIN, self._row)
        self._pointer = Pointer(self, HOVER_DELAY_MS)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._layouter = Layouter.for_font(self._family, self._options.font_size)

    # -- what it shows -----------------------------------------------------------------------------
    def set_document(
        self, text: str, spans: Sequence[tuple[int, int]], names: Mapping[str, str], has_notes: bool = False
    ) -> None:
        """A new article: its paragraphs' places, the glossary's English names (for links in
        notes) and whether it has notes at all; the paragraphs themselves arrive later through
        `add_paragraphs`."""
        self._text, self._spans, self._names, self._has_notes = text, list(spans), names, has_notes
        self._paragraphs = {}
        self._highlights, self._current_hit, self._current, self._selection = [], None, None, None
        self._rows.forget_requests()
        self._invalidate(keep_anchor=False)
        self.verticalScrollBar().setValue(0)

    def add_paragraphs(self, paragraphs: Sequence[AnnotatedParagraph]) -> None:
        """Paragraphs with their words (new ones, or worked out again after a correction)."""
        for paragraph in paragraphs:
            self._paragraphs[paragraph.index] = paragraph
            self._rows.arrived(paragraph.index)
        self._rows.relayout()

    def set_notes(self, notes: Mapping[int, Sequence[Note]]) -> None:
        """The article's notes changed (the user wrote or imported some): show these instead."""
        self._has_notes = any(notes.values())
        self._paragraphs = {
            index: replace(paragraph, notes=tuple(notes.get(index, ())))
            for index, paragraph in self._paragraphs.items()
        }
        self._invalidate()

    def set_statuses(self, statuses: Mapping[str, str]) -> None:
        """The words' statuses: they tint words, and hide readings of known ones in the "unknown" mode."""
        self._statuses = statuses
        if self._options.reading == "unknown":
            self._invalidate()
        else:
            self.viewport().update()

    def set_options(self, **changes: Any) -> None:
        """Change some of the `Options` fields (reading, script, font_size, notes, capitals)."""
        self._options = replace(self._options, **changes)
        if "font_size" in changes:
            self._layouter = Layouter.for_font(self._family, self._options.font_size)
        self._invalidate()

    def set_font_family(self, family: str) -> None:
        self._family = family
        self._layouter = Layouter.for_font(family, self._options.font_size)
        self._invalidate()

    def set_highlights(self, spans: Sequence[tuple[int, int]], current: tuple[int, int] | None = None) -> None:
        """Find hits to mark: article offsets, in text order, not overlapping; `current` is
        the one the find bar is at, marked differently."""
        self._highlights, self._current_hit = list(spans), current
        self.viewport().update()

    def set_spoken(self, span: tuple[int, int] | None) -> None:
        """The word being read aloud (None: reading ended): marked as a find hit is, and kept in view."""
        self._spoken = span
        if span is not None:
            self.ensure_visible(self.paragraph_index_at(span[0]), span[0])
        self.viewport().update()

    @property
    def spoken(self) -> tuple[int, int] | None:
        return self._spoken

    @property
    def highlights(self) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
        """The find hits marked, and the current one."""
        return list(self._highlights), self._current_hit

    @property
    def options(self) -> Options:
        return self._options

    @property
    def font_family(self) -> str:
        return self._family

    @property
    def text(self) -> str:
        return self._text

    @property
    def spans(self) -> Sequence[tuple[int, int]]:
        return self._spans

    @property
    def paragraphs(self) -> Mapping[int, AnnotatedParagraph]:
        """The paragraphs whose words have arrived, by index."""
        return MappingProxyType(self._paragraphs)

    @property
    def current(self) -> tuple[int, int] | None:
        """(paragraph, token start) of the selected word."""
        return self._current

    def token_at(self, index: int, token_start: int) -> Token | None:
        paragraph = self._paragraphs.get(index)
        if paragraph is None:
            return None
        return next((t for t in paragraph.tokens if t.start == token_start), None)

    def term_at(self, index: int, token_start: int) -> TermSpan | None:
        """The glossary term the word starting at `token_start` belongs to (as the view marks it)."""
        paragraph = self._paragraphs.get(index)
        if paragraph is None:
            return None
        return next((t for t in paragraph.terms if t.start <= token_start < t.end), None)

    def word_at_cursor(self) -> tuple[AnnotatedParagraph, Token] | None:
        """The selected word, else the one under the pointer, with its paragraph."""
        target = self._current or self._pointer.hover.target
        if target is None:
            return None
        token = self.token_at(*target)
        return (self._paragraphs[target[0]], token) if token is not None else None

    def paragraph_index_at(self, offset: int) -> int:
        """The paragraph holding an article offset (the nearest one before it, between paragraphs)."""
        return max(bisect_right([start for start, _ in self._spans], offset) - 1, 0)

    def visible_script(self) -> str:
        """The script of the first paragraph on screen whose words are known ("" if none)."""
        first, last = self.visible_range()
        for index in range(first, last + 1):
            paragraph = self._paragraphs.get(index)
            if paragraph is not None and paragraph.script not in ("", "neither"):
                return paragraph.script
        return ""

    # -- geometry ----------------------------------------------------------------------------------
    @property
    def has_notes_column(self) -> bool:
        """Whether the notes sit in a column beside the text (else below each paragraph, or nowhere)."""
        return self._widths()[1] > 0

    def _widths(self) -> tuple[float, float]:
        """The text column's width and the notes column's; 0 for the notes: no column (the
        article has no notes, they are hidden, or they go below their paragraphs, too narrow)."""
        usable = max(self.viewport().width() - 2 * MARGIN, 200)
        if not (self._options.notes and self._has_notes):
            return usable, 0.0
        text_width = usable * 0.58
        note_width = usable - text_width - NOTE_GAP
        return (text_width, note_width) if note_width >= MIN_NOTE_WIDTH else (usable, 0.0)

    def at_end(self) -> bool:
        """Whether the view is scrolled to the very end (it stays there as rows grow)."""
        bar = self.verticalScrollBar()
        return bar.maximum() > 0 and bar.value() >= bar.maximum()

    def scroll_to_end(self) -> None:
        """The end of the text; it stays the end while the last rows get their words and grow."""
        if self._spans:
            self._rows.ensure(len(self._spans) - 1, len(self._spans) - 1)
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def _invalidate(self, keep_anchor: bool = True) -> None:
        at_end = keep_anchor and self.at_end()
        anchor = self.anchor() if keep_anchor else None
        text_width, _ = self._widths()
        self._rows.reset([self._layouter.estimate(b - a, text_width, self._options) for a, b in self._spans])
        if at_end:
            self.scroll_to_end()
        elif anchor:
            self.scroll_to_paragraph(*anchor)
        self._rows.relayout()

    def anchor(self) -> tuple[int, float] | None:
        """The first paragraph on screen and how far into it the view is scrolled (a fraction)."""
        return self._rows.stack.anchor(self.verticalScrollBar().value())

    def scroll_to_paragraph(self, index: int, fraction: float = 0.0) -> None:
        if 0 <= index < len(self._spans):
            self._rows.ensure(index, index)
            self.verticalScrollBar().setValue(int(self._rows.stack.at_anchor(index, fraction)))

    def visible_range(self) -> tuple[int, int]:
        top = self.verticalScrollBar().value()
        return self._rows.stack.range_between(top, top + self.viewport().height())

    def screen_complete(self) -> bool:
        """Whether every paragraph on screen has its words."""
        first, last = self.visible_range()
        return all(i in self._paragraphs for i in range(first, last + 1))

    def _row(self, index: int) -> RowLayout:
        """A paragraph's row as laid out now: its words, or its text while they are worked out."""
        text_width, note_width = self._widths()
        paragraph = self._paragraphs.get(index)
        if paragraph is None:
            start, end = self._spans[index]
            return self._layouter.pending_row(index, start, self._text[start:end], text_width, self._options)
        return self._layouter.row(paragraph, text_width, note_width, self._options, self._names, self._statuses)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._invalidate()
        else:
            # A change of height alone (the status line's text, a dock) moves the scroll range:
            # a view at the end stays there.
            at_end = self.at_end()
            self._rows.retop()
            if at_end:
                self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
            self._rows.relayout()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Home and End (with or without Ctrl) go to the start and the end of the text.
        if event.key() == Qt.Key.Key_Home:
            self.verticalScrollBar().setValue(0)
        elif event.key() == Qt.Key.Key_End:
            self.scroll_to_end()
        else:
            super().keyPressEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        moved = not self._rows.relaying_out
        self._rows.relayout()
        if moved:
            self.scrolled.emit()

    # -- hit testing -------------------------------------------------------------------------------
    def rows_on_screen(self) -> list[RowLayout]:
        first, last = self.visible_range()
        rows = self._rows.stack.rows
        return [rows[i] for i in range(first, last + 1) if i in rows]

    def _content(self, point: QPointF) -> QPointF:
        return QPointF(point.x(), point.y() + self.verticalScrollBar().value())

    def row_at(self, point: QPointF) -> tuple[RowLayout, QPointF, bool] | None:
        """The row under a viewport point, the point in row coordinates, and whether it is in the notes."""
        return self._rows.stack.to_row(self._content(point), *self._widths())

    def box_at(self, point: QPointF) -> tuple[RowLayout, WordBox] | None:
        hit = self.row_at(point)
        if hit is None or hit[2]:
            return None
        box = hit[0].box_at(hit[1])
        return (hit[0], box) if box is not None and box.kind != "pending" else None

    def word_rect(self, index: int, token_start: int) -> QRectF | None:
        """Where a word is drawn, in viewport coordinates (for tests and for placing the card)."""
        rect = self._rows.stack.box_rect(index, token_start)
        return rect.translated(0, -self.verticalScrollBar().value()) if rect is not None else None

    def box_center(self, index: int, token_start: int) -> QPointF | None:
        rect = self.word_rect(index, token_start)
        return rect.center() if rect is not None else None

    # -- mouse -------------------------------------------------------------------------------------
    def set_hover_delay(self, milliseconds: int | None) -> None:
        """How long the pointer rests on a word before `word_hovered`; None: never (cards on click only)."""
        self._pointer.hover.set_delay(milliseconds)

    @property
    def hover_delay(self) -> int | None:
        return self._pointer.hover.delay

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._pointer.hover.set_target(None)
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._pointer.moved(event.position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pointer.pressed(event.position())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._pointer.released(event.position())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._pointer.menu(QPointF(event.pos()), event.globalPos())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._pointer.double_clicked(event.position())

    # -- selection ---------------------------------------------------------------------------------
    def select_between(self, a: QPointF, b: QPointF) -> None:
        """Select the words from the one at viewport point `a` to the one at `b` (either order)."""
        first, last = self.box_at(a), self.box_at(b)
        if first and last:
            start, end = sorted((first[1].start, last[1].start))
            end_box = last[1] if last[1].start >= first[1].start else first[1]
            self._selection = (start, max(end, end_box.end))
            self.selection_changed.emit()
            self.viewport().update()

    def clear_selection(self) -> None:
        self._selection = None

    def selected_text(self) -> str:
        """The original characters of the selection (or of the current word)."""
        if self._selection:
            return self._text[self._selection[0] : self._selection[1]]
        if self._current:
            token = self.token_at(*self._current)
            return token.text if token else ""
        return ""

    def select_word(self, index: int, token_start: int) -> None:
        self._current = (index, token_start)
        self.viewport().update()
        self.current_changed.emit(index)

    def clear_current(self) -> None:
        self._current = None
        self.viewport().update()

    def move_word(self, step: int) -> tuple[int, int] | None:
        """Select the next (or previous) word, across paragraphs; returns it."""
        words = [(i, t.start) for i in sorted(self._paragraphs) for t in self._paragraphs[i].tokens if t.kind == WORD]
        if not words:
            return None
        if self._current in words:
            position = words.index(self._current) + step
        else:
            first, _ = self.visible_range()
            position = next((n for n, w in enumerate(words) if w[0] >= first), 0)
        current = words[max(0, min(position, len(words) - 1))]
        self._current = current
        self.ensure_visible(*current)
        self.viewport().update()
        self.current_changed.emit(current[0])
        return current

    def ensure_visible(self, index: int, token_start: int) -> None:
        self._rows.ensure(index, index)
        rect = self._rows.stack.box_rect(index, token_start)
        if rect is None:
            return
        top = rect.top()
        bar = self.verticalScrollBar()
        if top < bar.value() or top + rect.height() > bar.value() + self.viewport().height():
            bar.setValue(int(top - self.viewport().height() / 3))

    # -- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        marks = Marks(self._statuses, self._highlights, self._current_hit, self._spoken, self._selection, self._current)
        paint_screen(
            painter,
            QRectF(event.rect()),
            self.palette(),
            self._rows.stack,
            self.rows_on_screen(),
            self.verticalScrollBar().value(),
            (self._layouter, self._options),
            marks,
        )
        painter.end()
