"""The find bar (Ctrl+F): a query, previous/next, and how many matches there are."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QToolBar, QToolButton, QWidget


class FindBar(QToolBar):
    query_changed = Signal(str)
    step_requested = Signal(int)  # +1 next, -1 previous
    closed = Signal()  # hidden (Esc, or the menu): the matches are no longer marked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Find", parent)
        self.setObjectName("find-bar")
        self.setMovable(False)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find (matches both scripts and every regional form of a glossary term)")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.query_changed)
        self.field.returnPressed.connect(lambda: self.step_requested.emit(1))
        self.addWidget(self.field)
        for text, step in (("▲", -1), ("▼", 1)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip("Previous match (Shift+F3)" if step < 0 else "Next match (F3)")
            button.clicked.connect(lambda _=False, s=step: self.step_requested.emit(s))
            self.addWidget(button)
        self.count = QLabel(" ")
        self.count.setMinimumWidth(90)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.count)

    def open(self) -> None:
        was_hidden = self.isHidden()
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        if was_hidden and self.field.text():
            self.query_changed.emit(self.field.text())  # the last query's matches, marked again

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # not the window being minimised
            self.closed.emit()

    def set_count(self, current: int, total: int) -> None:
        self.count.setText(f"{current} of {total}" if total else ("no matches" if self.field.text() else " "))

    def clear(self) -> None:
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        self.count.setText(" ")
