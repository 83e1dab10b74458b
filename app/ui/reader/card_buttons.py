"""The row of buttons on the pinned card: the word's status (new / learning / known), listen, add to
the glossary, copy. They act on the card's word, which may be one typed in the look-up field."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QSizePolicy, QToolButton, QWidget

from app.ui.keys import ADD_TERM, LISTEN_WORD

STATUSES = ("new", "learning", "known")
ACTIONS: dict[str, tuple[str, str, str | QKeySequence.StandardKey]] = {
    # name: (label, what it does, the key that does it to the word in the text)
    "listen": ("Listen", "Say {word} aloud", LISTEN_WORD),
    "add": ("+ Glossary", "Add {word} to the glossary", ADD_TERM),
    "copy": ("Copy", "Copy {word} to the clipboard", QKeySequence.StandardKey.Copy),
}


class CardButtons(QWidget):
    """The buttons, on one row where the card is wide enough, else on two. A status button is
    checked while the word has that status; clicking the checked one forgets the status."""

    status_clicked = Signal(object)  # the status to give the word, None: forget it
    action_clicked = Signal(str)  # "listen", "add" or "copy"

    def __init__(self, status_keys: dict[str, str], parent: QWidget | None = None) -> None:
        """`status_keys`: status -> the key that marks the word in the text (Words ▸ Mark as ...)."""
        super().__init__(parent)
        self._keys = status_keys
        self.word = ""
        self.status: str | None = None
        self.label = QLabel()  # the word the buttons act on
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statuses: dict[str, QToolButton] = {}
        for status in STATUSES:
            button = self._button(status.capitalize())
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, s=status: self._on_status_clicked(s))
            self.statuses[status] = button
        self.action_buttons: dict[str, QToolButton] = {}
        for name, (label, _tip, _key) in ACTIONS.items():
            button = self._button(label)
            button.clicked.connect(lambda _checked=False, n=name: self.action_clicked.emit(n))
            self.action_buttons[name] = button
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        # Not the layout's minimum (the row it has now) but minimumSizeHint's: it re-flows instead.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._rows = 0
        self._lay_out(1)
        self.set_word("", None)

    def _button(self, text: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAutoRaise(False)
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return button

    def buttons(self) -> list[QToolButton]:
        return [*self.statuses.values(), *self.action_buttons.values()]

    def set_word(self, word: str, status: str | None) -> None:
        """The card's word ("" : none, the buttons are disabled) and its status."""
        self.word = word
        self.label.setText(f"<b>{word}</b>" if word else "")
        for name, button in self.statuses.items():
            tip = f"Mark {word or 'the word'} as {name}; click again to forget it (key {self._keys[name]} in the text)"
            button.setToolTip(tip)
        for name, (_label, tip, shortcut) in ACTIONS.items():
            keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            self.action_buttons[name].setToolTip(f"{tip.format(word=word or 'the word')} ({keys} in the text)")
        for button in self.buttons():
            button.setEnabled(bool(word))
        self.set_status(status)

    def set_status(self, status: str | None) -> None:
        self.status = status
        for name, button in self.statuses.items():
            button.setChecked(name == status)
            # A check mark as well as the style's sunken look, which a dark palette barely shows.
            button.setText(f"✓ {name.capitalize()}" if name == status else name.capitalize())

    def _on_status_clicked(self, status: str) -> None:
        wanted = None if status == self.status else status
        self.set_status(self.status)  # the check follows the store, once it has the change
        self.status_clicked.emit(wanted)

    def _lay_out(self, rows: int) -> None:
        """The word and the six buttons on one row; on two (the word and the statuses, then the
        actions); or, where the dock is narrow, on three (the word above)."""
        if rows == self._rows:
            return
        self._rows = rows
        for widget in (self.label, *self.buttons()):
            self._grid.removeWidget(widget)
        first = 0 if rows == 3 else 1  # the buttons' first column; 0: the word has its own row
        self._grid.addWidget(self.label, 0, 0, 1, 4 if rows == 3 else 1)
        top = 1 if rows == 3 else 0
        for column, button in enumerate(self.statuses.values(), start=first):
            self._grid.addWidget(button, top, column)
        for column, button in enumerate(self.action_buttons.values(), start=first + (3 if rows == 1 else 0)):
            self._grid.addWidget(button, top + (0 if rows == 1 else 1), column)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column == 0 and rows != 3 else 0)

    def _width(self, buttons: list[QToolButton], word: bool) -> int:
        spacing = self._grid.spacing()
        return sum(b.sizeHint().width() + spacing for b in buttons) + (40 if word else 0)  # 40: the word

    def minimumSizeHint(self) -> QSize:
        # The three-row layout's: the dock may be as narrow as three buttons (a status above an
        # action share a column, so each column is the wider of the two).
        pairs = zip(self.statuses.values(), self.action_buttons.values(), strict=True)
        widest = sum(max(a.sizeHint().width(), b.sizeHint().width()) + self._grid.spacing() for a, b in pairs)
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        width = event.size().width()
        if width >= self._width(self.buttons(), True):
            self._lay_out(1)
        elif width >= self.minimumSizeHint().width() + 40:  # 40: room for the word beside the buttons
            self._lay_out(2)
        else:
            self._lay_out(3)
        super().resizeEvent(event)
