"""A painted view of words with their readings above them (Qt rich text has no ruby)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from app.core.readings import convert_reading
from app.core.scripts import Converted, convert_for_display
from app.core.text import PUNCT, SPACE, WORD, Paragraph
from app.ui.categories import CATEGORY_COLOURS

CJK_FAMILIES = ("Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK SC")
READING_STYLES = ("none", "marks", "numbers", "zhuyin")


def cjk_family() -> str | None:
    """The first CJK font this system has, or None when it has none."""
    families = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in families), None)


@dataclass(frozen=True)
class Box:
    """One token as drawn: where, what (display text) and the reading above it."""

    rect: QRectF
    text: str
    reading: str
    kind: str
    token_start: int
    paragraph: int  # position in the view's list of paragraphs
    category: str | None = None  # the glossary category when the token is (part of) a term


class RubyView(QWidget):
    """Paragraphs flowed into lines of word boxes; only the boxes in the exposed area are painted."""

    MARGIN = 24
    # (paragraph position, token start offset) of a word the user clicked
    word_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        family = cjk_family()
        self.text_font = QFont(family) if family else QFont()
        self.text_font.setPointSizeF(17)
        self.ruby_font = QFont(self.text_font)
        self.ruby_font.setPointSizeF(9.5)
        self.paragraphs: list[Paragraph] = []
        # per paragraph: (start, end, category) of glossary terms, article offsets
        self.term_spans: list[list[tuple[int, int, str]]] = []
        self.selected: int | None = None
        self.reading_style = "marks"
        self.script = "original"
        self.boxes: list[Box] = []
        self._box_tops: list[float] = []
        self._height = 0.0
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.Base)

    # -- state -----------------------------------------------------------------------------
    def set_paragraphs(self, paragraphs: list[Paragraph], term_spans: list[list[tuple[int, int, str]]] | None = None) -> None:
        self.paragraphs = paragraphs
        self.term_spans = term_spans or [[] for _ in paragraphs]
        self.selected = None
        self.relayout()

    def set_reading_style(self, style: str) -> None:
        self.reading_style = style
        self.relayout()

    def set_script(self, script: str) -> None:
        self.script = script
        self.relayout()

    # -- layout ----------------------------------------------------------------------------
    def _display(self, paragraph: Paragraph) -> Converted:
        return convert_for_display(paragraph.text, self.script)

    def _reading(self, readings: tuple[str | None, ...]) -> str:
        if self.reading_style == "none":
            return ""
        parts = [convert_reading(r, self.reading_style) for r in readings if r]
        return (" " if self.reading_style == "zhuyin" else "").join(parts)

    def relayout(self) -> None:
        text_metrics = QFontMetricsF(self.text_font)
        ruby_metrics = QFontMetricsF(self.ruby_font)
        ruby_height = ruby_metrics.height() if self.reading_style != "none" else 0.0
        line_height = ruby_height + text_metrics.height() + 6
        right = max(self.width() - self.MARGIN, self.MARGIN + 200)
        boxes: list[Box] = []
        y = float(self.MARGIN)
        for number, paragraph in enumerate(self.paragraphs):
            converted = self._display(paragraph)
            terms = self.term_spans[number] if number < len(self.term_spans) else []
            x = float(self.MARGIN)
            for token in paragraph.tokens:
                start = token.start - paragraph.start
                shown = converted.span(start, start + len(token.text))
                reading = self._reading(token.readings) if token.kind == WORD else ""
                gap = 6.0 if token.kind == WORD else 1.0
                width = max(text_metrics.horizontalAdvance(shown), ruby_metrics.horizontalAdvance(reading)) + gap
                if token.kind == SPACE:
                    width = text_metrics.horizontalAdvance(" ")
                # Punctuation never starts a line (closing marks stay with their word).
                if x + width > right and x > self.MARGIN and token.kind != PUNCT:
                    x = float(self.MARGIN)
                    y += line_height
                category = next((c for a, b, c in terms if a < token.end and token.start < b), None)
                boxes.append(Box(QRectF(x, y, width, line_height), shown, reading, token.kind, token.start, number,
                                 category if token.kind != SPACE else None))
                x += width
            y += line_height + text_metrics.height() * 0.6
        self.boxes = boxes
        self._box_tops = [b.rect.top() for b in boxes]
        self._ruby_height = ruby_height
        self._height = y + self.MARGIN
        self.updateGeometry()
        self.setMinimumHeight(int(self._height))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, int(self._height))

    def resizeEvent(self, event) -> None:
        if event.oldSize().width() != event.size().width():
            self.relayout()
        super().resizeEvent(event)

    # -- interaction -----------------------------------------------------------------------
    def box_at(self, point: QPointF) -> Box | None:
        for box in self.visible_boxes(point.y() - 1, point.y() + 1):
            if box.rect.contains(point) and box.kind != SPACE:
                return box
        return None

    def mousePressEvent(self, event) -> None:
        box = self.box_at(event.position())
        if box is not None:
            self.selected = box.token_start
            self.update()
            self.word_activated.emit(box.paragraph, box.token_start)
        super().mousePressEvent(event)

    # -- painting --------------------------------------------------------------------------
    def visible_boxes(self, top: float, bottom: float) -> list[Box]:
        """The boxes whose line lies within [top, bottom] (boxes are sorted by their top)."""
        first = max(bisect_left(self._box_tops, top - 200), 0)
        last = bisect_right(self._box_tops, bottom)
        return self.boxes[first:last]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.TextAntialiasing)
        exposed = event.rect()
        text_colour = self.palette().color(QPalette.Text)
        ruby_colour = QColor(text_colour)
        ruby_colour.setAlphaF(0.6)
        rule_colour = QColor(text_colour)
        rule_colour.setAlphaF(0.15)
        for box in self.visible_boxes(exposed.top(), exposed.bottom()):
            rect = box.rect
            text_rect = QRectF(rect.left(), rect.top() + self._ruby_height, rect.width(), rect.height() - self._ruby_height)
            if box.reading:
                painter.setFont(self.ruby_font)
                painter.setPen(ruby_colour)
                painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), self._ruby_height),
                                 Qt.AlignHCenter | Qt.AlignBottom, box.reading)
            painter.setFont(self.text_font)
            painter.setPen(text_colour)
            painter.drawText(text_rect, Qt.AlignHCenter | Qt.AlignTop, box.text)
            baseline = text_rect.top() + QFontMetricsF(self.text_font).height() + 1
            if box.category:
                # Glossary terms: a coloured rule in their category's colour (see the legend).
                painter.setPen(QPen(CATEGORY_COLOURS.get(box.category, CATEGORY_COLOURS["other"]), 2.5))
                painter.drawLine(QPointF(rect.left(), baseline + 1), QPointF(rect.right(), baseline + 1))
            elif box.kind == WORD:
                # A quiet underline marks each word's extent.
                painter.setPen(rule_colour)
                painter.drawLine(int(rect.left() + 2), int(baseline), int(rect.right() - 3), int(baseline))
            if self.selected is not None and box.token_start == self.selected:
                highlight = QColor(self.palette().color(QPalette.Highlight))
                highlight.setAlphaF(0.18)
                painter.fillRect(rect, highlight)
        painter.end()
