"""The popup card beside a word: its reading, glossary concept and dictionary entries."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class TermPopup(QFrame):
    """A card floating over the reader (a child widget, so it needs no window manager)."""

    WIDTH = 360

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.label)
        self.setFixedWidth(self.WIDTH)
        self.hide()

    def show_card(self, html: str, word: QRectF) -> None:
        """Show the card beside `word` (viewport coordinates), inside the parent's area."""
        self.label.setText(html)
        self.adjustSize()
        parent = self._area.rect()
        height = min(self.sizeHint().height(), max(parent.height() - 16, 120))
        self.resize(self.WIDTH, height)
        x = word.right() + 12
        if x + self.WIDTH > parent.width() - 8:
            x = max(word.left() - self.WIDTH - 12, 8)
        y = min(max(word.top() - 8, 8), max(parent.height() - height - 8, 8))
        self.move(int(x), int(y))
        self.show()
        self.raise_()

    def text(self) -> str:
        return self.label.text()
