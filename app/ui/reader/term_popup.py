"""The hover card: a word's reading, glossary concept and dictionary entries, below or above its line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

GAP = 4  # between the word's line and the card
EDGE = 6  # between the card and the viewport's edges
MARGIN = 1  # around the card's scrolling content


def place_card(word: QRectF, area: QRect, width: int, wanted_height: int) -> QRect:
    """Where a card goes: below the word's line when it fits there, else above, else on the roomier
    side cut to the room there (its content then scrolls); never over the line, always inside `area`.
    """
    width = max(min(width, area.width() - 2 * EDGE), 1)
    below = area.bottom() - EDGE - (int(word.bottom()) + GAP)
    above = int(word.top()) - GAP - (area.top() + EDGE)
    if wanted_height <= below or below >= above:
        height = max(min(wanted_height, below), 1)
        y = int(word.bottom()) + GAP
    else:
        height = max(min(wanted_height, above), 1)
        y = int(word.top()) - GAP - height
    x = min(max(int(word.left()), area.left() + EDGE), area.right() - EDGE - width)
    return QRect(max(x, area.left()), y, width, height)


class TermPopup(QFrame):
    """A card floating over the reader (a child of its viewport, so it needs no window manager).

    It says when the pointer comes onto it and leaves it, so the card can stay while the reader
    moves from the word onto the card, and go once the pointer is on neither.
    """

    WIDTH = 360
    entered = Signal()
    left = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._area = parent  # where the card may go: the reader's viewport
        self.setObjectName("term-popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.ToolTipBase)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setForegroundRole(self.palette().ColorRole.ToolTipText)
        self.label.setContentsMargins(10, 8, 10, 8)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.label)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.viewport().setBackgroundRole(self.palette().ColorRole.ToolTipBase)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.scroller)
        self.hide()

    def show_card(self, html: str, word: QRectF) -> None:
        """Show the card for `word` (viewport coordinates) below or above its line, inside the viewport."""
        self.label.setText(html)
        area = self._area.rect()
        width = max(min(self.WIDTH, area.width() - 2 * EDGE), 1)
        # The height the whole card needs at that width; what does not fit scrolls.
        frame = 2 * (MARGIN + self.frameWidth())
        scrollbar = self.scroller.verticalScrollBar().sizeHint().width()
        wanted = self.label.heightForWidth(width - frame - scrollbar) + frame + 2
        self.setGeometry(place_card(word, area, width, wanted))
        self.scroller.verticalScrollBar().setValue(0)
        self.show()
        self.raise_()

    def text(self) -> str:
        return self.label.text()

    def enterEvent(self, event: QEnterEvent) -> None:
        self.entered.emit()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.left.emit()
        super().leaveEvent(event)
