"""The reader: paragraphs as rows of word boxes with readings, notes beside them; only visible rows are laid out."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea

from app.core.notes import Note
from app.core.text import SPACE, WORD, Paragraph
from app.ui.glossary.categories import CATEGORY_COLOURS
from app.ui.reader.layout import NOTE_GAP, Layouter, Options, RowLayout, WordBox

CJK_FAMILIES = ("Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK SC")
MARGIN = 24.0
HOVER_DELAY_MS = 300


def cjk_family() -> str | None:
    """The first CJK font this system has, or None when it has none."""
    families = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in families), None)


class ReaderView(QAbstractScrollArea):
    """Rows are laid out when they come into view; the rest have estimated heights."""

    word_hovered = Signal(int, int)  # paragraph index, token start: after the hover delay
    word_clicked = Signal(int, int)
    concept_clicked = Signal(str)  # a glossary link in a note
    note_edit_requested = Signal(int)  # paragraph index
    rows_needed = Signal(list, bool)  # paragraph indices without their words yet; True: only near the screen
    selection_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        family = cjk_family()
        self.font_family = family or QFont().family()
        self.options = Options()
        self.text = ""
        self.spans: list[tuple[int, int]] = []
        self.paragraphs: dict[int, Paragraph] = {}
        self.terms: dict[int, list[tuple[int, int, str, str]]] = {}
        self.notes: dict[int, list[Note]] = {}
        self.names: dict[str, str] = {}
        self.highlights: list[tuple[int, int]] = []
        self.statuses: dict[str, str] = {}  # word -> new / learning / known
        self.tint = True  # tint the words not yet known
        self.current: tuple[int, int] | None = None  # (paragraph, token start) of the selected word
        self.selection: tuple[int, int] | None = None  # article offsets
        self._rows: dict[int, RowLayout] = {}
        self._heights: list[float] = []
        self._tops: list[float] = [0.0]
        self._requested: set[int] = set()
        self._press: QPointF | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.timeout.connect(self._on_hover_timer_timeout)
        self._hover_target: tuple[int, int] | None = None
        self._in_relayout = False
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self._make_fonts()

    # -- state -----------------------------------------------------------------------------------
    def _make_fonts(self) -> None:
        text = QFont(self.font_family)
        text.setPointSizeF(self.options.font_size)
        ruby = QFont(text)
        ruby.setPointSizeF(max(self.options.font_size * 0.55, 7))
        note = QFont()
        note.setPointSizeF(max(self.options.font_size * 0.62, 8))
        self.layouter = Layouter(text, ruby, note)

    def set_document(
        self, text: str, spans: list[tuple[int, int]], notes: dict[int, list[Note]], names: dict[str, str]
    ) -> None:
        """A new article: its paragraphs' places; words arrive later through `add_paragraphs`."""
        self.text, self.spans, self.notes, self.names = text, spans, notes, names
        self.paragraphs, self.terms = {}, {}
        self.highlights, self.current, self.selection = [], None, None
        self._requested = set()
        self._invalidate(keep_anchor=False)
        self.verticalScrollBar().setValue(0)

    def add_paragraphs(self, paragraphs: list[Paragraph], terms: dict[int, list[tuple[int, int, str, str]]]) -> None:
        for paragraph in paragraphs:
            self.paragraphs[paragraph.index] = paragraph
            self.terms[paragraph.index] = terms.get(paragraph.index, [])
            self._rows.pop(paragraph.index, None)
            self._requested.discard(paragraph.index)
        self._relayout_visible()

    def set_notes(self, notes: dict[int, list[Note]]) -> None:
        self.notes = notes
        self._invalidate()

    def set_options(self, **changes) -> None:
        for key, value in changes.items():
            setattr(self.options, key, value)
        if "font_size" in changes:
            self._make_fonts()
        self._invalidate()

    def set_highlights(self, spans: list[tuple[int, int]]) -> None:
        self.highlights = spans
        self.viewport().update()

    # -- geometry ----------------------------------------------------------------------------------
    def _widths(self) -> tuple[float, float]:
        usable = max(self.viewport().width() - 2 * MARGIN, 200)
        if not self.options.notes:
            return usable, 0.0
        text_width = usable * 0.58
        return text_width, usable - text_width - NOTE_GAP

    def _invalidate(self, keep_anchor: bool = True) -> None:
        anchor = self._anchor() if keep_anchor else None
        self._rows = {}
        text_width, _ = self._widths()
        self._heights = [self.layouter.estimate(b - a, text_width, self.options) for a, b in self.spans]
        self._retop()
        if anchor:
            self.scroll_to_paragraph(*anchor)
        self._relayout_visible()

    def _retop(self) -> None:
        self._tops = [MARGIN, *accumulate(self._heights, initial=MARGIN)][1:]
        total = self._tops[-1] + MARGIN if self._tops else 0
        bar = self.verticalScrollBar()
        bar.setRange(0, max(int(total - self.viewport().height()), 0))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(40)

    def row_top(self, index: int) -> float:
        return self._tops[index]

    def _anchor(self) -> tuple[int, float] | None:
        """The first paragraph on screen and how far into it the view is scrolled."""
        if not self.spans:
            return None
        y = self.verticalScrollBar().value()
        index = max(bisect_right(self._tops, y) - 1, 0)
        index = min(index, len(self.spans) - 1)
        height = self._heights[index] or 1
        return index, (y - self._tops[index]) / height

    def scroll_to_paragraph(self, index: int, fraction: float = 0.0) -> None:
        if 0 <= index < len(self.spans):
            self._ensure_rows(index, index)
            self.verticalScrollBar().setValue(int(self._tops[index] + fraction * self._heights[index]))

    def visible_range(self) -> tuple[int, int]:
        if not self.spans:
            return 0, -1
        top = self.verticalScrollBar().value()
        first = max(bisect_right(self._tops, top) - 1, 0)
        last = max(bisect_right(self._tops, top + self.viewport().height()) - 1, first)
        return min(first, len(self.spans) - 1), min(last, len(self.spans) - 1)

    def _ensure_rows(self, first: int, last: int) -> None:
        text_width, note_width = self._widths()
        changed = False
        for index in range(first, last + 1):
            if index in self._rows:
                continue
            paragraph = self.paragraphs.get(index)
            if paragraph is None:
                start, end = self.spans[index]
                row = self.layouter.pending_row(index, start, self.text[start:end], text_width, self.options)
            else:
                row = self.layouter.row(
                    paragraph,
                    text_width,
                    note_width,
                    self.options,
                    self.terms.get(index, []),
                    self.notes.get(index, []),
                    self.names,
                )
            self._rows[index] = row
            if abs(row.height - self._heights[index]) > 0.5:
                self._heights[index] = row.height
                changed = True
        if changed:
            self._retop()

    def _relayout_visible(self) -> None:
        """Lay out what is on screen (heights may change, so repeat until the range is stable)."""
        if not self.spans:
            self.viewport().update()
            return
        if self._in_relayout:  # setValue below scrolls, which calls us again
            return
        self._in_relayout = True
        try:
            self._relayout_visible_now()
        finally:
            self._in_relayout = False

    def _relayout_visible_now(self) -> None:
        anchor = self._anchor()
        for _ in range(4):
            first, last = self.visible_range()
            self._ensure_rows(first, last)
            if anchor:
                self.verticalScrollBar().setValue(int(self._tops[anchor[0]] + anchor[1] * self._heights[anchor[0]]))
            if self.visible_range() == (first, last):
                break
        first, last = self.visible_range()
        # What is on screen first; its neighbours only once the screen is complete, so that
        # a novel's huge chapter on screen is not kept waiting by the next one.
        on_screen = [i for i in range(first, last + 1) if i not in self.paragraphs and i not in self._requested]
        if on_screen:
            self._requested.update(on_screen)
            self.rows_needed.emit(on_screen, False)
        elif all(i in self.paragraphs for i in range(first, last + 1)):
            nearby = [
                i
                for i in range(max(first - 2, 0), min(last + 3, len(self.spans)))
                if i not in self.paragraphs and i not in self._requested
            ]
            if nearby:
                self._requested.update(nearby)
                self.rows_needed.emit(nearby, True)
        self.viewport().update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._invalidate()
        else:
            self._retop()
            self._relayout_visible()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._relayout_visible()

    # -- hit testing -------------------------------------------------------------------------------
    def rows_on_screen(self) -> list[RowLayout]:
        first, last = self.visible_range()
        return [self._rows[i] for i in range(first, last + 1) if i in self._rows]

    def _to_row(self, point: QPointF) -> tuple[RowLayout, QPointF, bool] | None:
        """The row under a viewport point, the point in row coordinates, and whether it is in the notes."""
        y = point.y() + self.verticalScrollBar().value()
        index = bisect_right(self._tops, y) - 1
        row = self._rows.get(index)
        if row is None:
            return None
        text_width, _ = self._widths()
        in_notes = point.x() > MARGIN + text_width + NOTE_GAP / 2
        x0 = MARGIN + text_width + NOTE_GAP if in_notes else MARGIN
        return row, QPointF(point.x() - x0, y - self._tops[index]), in_notes

    def box_at(self, point: QPointF) -> tuple[RowLayout, WordBox] | None:
        hit = self._to_row(point)
        if hit is None or hit[2]:
            return None
        box = hit[0].box_at(hit[1])
        return (hit[0], box) if box is not None and box.kind != "pending" else None

    def box_center(self, index: int, token_start: int) -> QPointF | None:
        """Where a word is drawn, in viewport coordinates (for tests and for placing the card)."""
        row = self._rows.get(index)
        box = next((b for b in row.boxes if b.start == token_start), None) if row else None
        if box is None:
            return None
        return QPointF(
            MARGIN + box.rect.center().x(), self._tops[index] + box.rect.center().y() - self.verticalScrollBar().value()
        )

    def word_rect(self, index: int, token_start: int) -> QRectF | None:
        center = self.box_center(index, token_start)
        row = self._rows.get(index)
        box = next((b for b in row.boxes if b.start == token_start), None) if row else None
        if center is None or box is None:
            return None
        return QRectF(
            center.x() - box.rect.width() / 2, center.y() - box.rect.height() / 2, box.rect.width(), box.rect.height()
        )

    # -- mouse and keys ----------------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:
        point = event.position()
        if self._press is not None and (point - self._press).manhattanLength() > 6:
            self._select_between(self._press, point)
            return
        hit = self.box_at(point)
        target = (hit[0].index, hit[1].start) if hit and hit[1].kind == WORD else None
        if target != self._hover_target:
            self._hover_target = target
            if target:
                self._hover_timer.start(HOVER_DELAY_MS)
            else:
                self._hover_timer.stop()
        over_link = self._link_at(point) is not None
        self.viewport().setCursor(Qt.PointingHandCursor if over_link else Qt.IBeamCursor)

    def _on_hover_timer_timeout(self) -> None:
        if self._hover_target:
            self.word_hovered.emit(*self._hover_target)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.LeftButton:
            self._press = event.position()
            self.selection = None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        press, self._press = self._press, None
        if press is None or (event.position() - press).manhattanLength() > 6:
            return
        link = self._link_at(event.position())
        if link:
            self.concept_clicked.emit(link)
            return
        hit = self.box_at(event.position())
        if hit and hit[1].kind != SPACE:
            self.select_word(hit[0].index, hit[1].start)
            self.word_clicked.emit(hit[0].index, hit[1].start)
        else:
            self.viewport().update()

    def mouseDoubleClickEvent(self, event) -> None:
        hit = self._to_row(event.position())
        if hit and hit[2]:
            self.note_edit_requested.emit(hit[0].index)

    def _link_at(self, point: QPointF) -> str | None:
        hit = self._to_row(point)
        if not hit or not hit[2]:
            return None
        for note in hit[0].notes:
            for area, concept in note.links:
                if area.contains(hit[1]):
                    return concept
        return None

    def _select_between(self, a: QPointF, b: QPointF) -> None:
        first, last = self.box_at(a), self.box_at(b)
        if first and last:
            start, end = sorted((first[1].start, last[1].start))
            end_box = last[1] if last[1].start >= first[1].start else first[1]
            self.selection = (start, max(end, end_box.end))
            self.selection_changed.emit()
            self.viewport().update()

    def selected_text(self) -> str:
        """The original characters of the selection (or of the current word)."""
        if self.selection:
            return self.text[self.selection[0] : self.selection[1]]
        if self.current:
            paragraph = self.paragraphs.get(self.current[0])
            token = next((t for t in paragraph.tokens if t.start == self.current[1]), None) if paragraph else None
            return token.text if token else ""
        return ""

    def select_word(self, index: int, token_start: int) -> None:
        self.current = (index, token_start)
        self.viewport().update()

    def move_word(self, step: int) -> tuple[int, int] | None:
        """Select the next (or previous) word, across paragraphs; returns it."""
        words = [(i, t.start) for i in sorted(self.paragraphs) for t in self.paragraphs[i].tokens if t.kind == WORD]
        if not words:
            return None
        if self.current in words:
            position = words.index(self.current) + step
        else:
            first, _ = self.visible_range()
            position = next((n for n, w in enumerate(words) if w[0] >= first), 0)
        self.current = words[max(0, min(position, len(words) - 1))]
        self.ensure_visible(*self.current)
        self.viewport().update()
        return self.current

    def ensure_visible(self, index: int, token_start: int) -> None:
        self._ensure_rows(index, index)
        row = self._rows.get(index)
        box = next((b for b in row.boxes if b.start == token_start), None) if row else None
        if box is None:
            return
        top = self._tops[index] + box.rect.top()
        bar = self.verticalScrollBar()
        if top < bar.value() or top + box.rect.height() > bar.value() + self.viewport().height():
            bar.setValue(int(top - self.viewport().height() / 3))

    # -- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.TextAntialiasing)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.Base))
        scroll = self.verticalScrollBar().value()
        exposed = QRectF(event.rect())
        text_width, note_width = self._widths()
        colours = _Colours(palette)
        for row in self.rows_on_screen():
            top = self._tops[row.index] - scroll
            painter.save()
            painter.translate(MARGIN, top)
            self._paint_words(painter, row, exposed.translated(-MARGIN, -top), colours)
            painter.restore()
            if row.notes:
                painter.save()
                painter.translate(MARGIN + text_width + NOTE_GAP, top)
                self._paint_notes(painter, row, colours)
                painter.restore()
        painter.end()

    def _paint_words(self, painter: QPainter, row: RowLayout, area: QRectF, colours: _Colours) -> None:
        ruby_height = self.layouter.ruby_height(self.options)
        text_height = self.layouter.text_metrics.height()
        for box in row.boxes_between(area.top(), area.bottom()):
            rect = box.rect
            if box.kind == "pending":
                painter.setFont(self.layouter.text_font)
                painter.setPen(colours.pen_muted)
                painter.drawText(
                    QRectF(rect.left(), rect.top() + ruby_height, rect.width(), text_height),
                    Qt.AlignLeft | Qt.AlignTop,
                    box.text,
                )
                continue
            if self._highlighted(box):
                painter.fillRect(rect, colours.find)
            elif self.tint and box.kind == WORD and not box.category:
                status = self.statuses.get(box.text)
                if status != "known":
                    painter.fillRect(rect, colours.learning if status == "learning" else colours.unknown)
            if (self.selection and box.start < self.selection[1] and self.selection[0] < box.end) or (
                self.current == (row.index, box.start)
            ):
                painter.fillRect(rect, colours.selection)
            if box.reading:
                painter.setFont(self.layouter.ruby_font)
                painter.setPen(colours.pen_ruby)
                painter.drawText(
                    QRectF(rect.left(), rect.top(), rect.width(), ruby_height),
                    Qt.AlignHCenter | Qt.AlignBottom,
                    box.reading,
                )
            painter.setFont(self.layouter.text_font)
            painter.setPen(colours.pen_text)
            painter.drawText(
                QRectF(rect.left(), rect.top() + ruby_height, rect.width(), text_height),
                Qt.AlignHCenter | Qt.AlignTop,
                box.text,
            )
            baseline = rect.top() + ruby_height + text_height + 1
            if box.category:
                painter.setPen(QPen(CATEGORY_COLOURS.get(box.category, CATEGORY_COLOURS["other"]), 2.5))
                painter.drawLine(QPointF(rect.left(), baseline + 1), QPointF(rect.right(), baseline + 1))
            elif box.kind == WORD:
                # Word boundaries: visible but quiet.
                painter.setPen(colours.pen_rule)
                painter.drawLine(QPointF(rect.left() + 2, baseline), QPointF(rect.right() - 3, baseline))

    def _paint_notes(self, painter: QPainter, row: RowLayout, colours: _Colours) -> None:
        for note in row.notes:
            if note.kind == "user":
                size = note.layout.boundingRect()
                painter.fillRect(QRectF(-4, note.top - 2, size.width() + 8, size.height() + 4), colours.user_note)
            painter.setPen(colours.pen_annotation if note.kind == "annotation" else colours.pen_text)
            note.layout.draw(painter, QPointF(0, note.top))
            for area, _ in note.links:
                painter.setPen(QPen(colours.link, 1))
                painter.drawLine(area.bottomLeft() + QPointF(0, -2), area.bottomRight() + QPointF(0, -2))

    def _highlighted(self, box: WordBox) -> bool:
        return any(a < box.end and box.start < b for a, b in self.highlights) if self.highlights else False


class _Colours:
    """The view's colours for the current palette (light or dark)."""

    def __init__(self, palette: QPalette):
        self.text = palette.color(QPalette.Text)
        self.ruby = QColor(self.text)
        self.ruby.setAlphaF(0.62)
        self.muted = QColor(self.text)
        self.muted.setAlphaF(0.45)
        self.rule = QColor(self.text)
        self.rule.setAlphaF(0.16)
        self.annotation = QColor(self.text)
        self.annotation.setAlphaF(0.72)
        self.selection = QColor(palette.color(QPalette.Highlight))
        self.selection.setAlphaF(0.25)
        self.unknown = QColor("#5b8def")
        self.unknown.setAlphaF(0.07)
        self.learning = QColor("#f2994a")
        self.learning.setAlphaF(0.22)
        self.find = QColor("#f2c94c")
        self.find.setAlphaF(0.45)
        self.link = palette.color(QPalette.Link)
        dark = palette.color(QPalette.Base).lightness() < 128
        self.user_note = QColor("#4a4420" if dark else "#fff6cc")
        # Pens made once per palette, not once per word box.
        for name in ("muted", "ruby", "text", "rule", "annotation"):
            setattr(self, f"pen_{name}", QPen(getattr(self, name)))


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
