"""The term card's column, the content of its dock: the look-up field, the card's buttons, the
card itself and, below it, what the glossary's colours and the reader's fills mean."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.controllers.words import STATUS_KEYS
from app.ui.glossary.categories import legend_html
from app.ui.reader.card_buttons import CardButtons
from app.ui.reader.lookup_panel import LookupField, LookupPanel
from app.ui.reader.tint_legend import TintLegend


class CardColumn(QWidget):
    """The card's dock content; its parts are reached by the controllers that drive them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookup_field = LookupField()
        self.card_buttons = CardButtons({status: key for key, status in STATUS_KEYS.items()})
        self.card = LookupPanel()
        legend = QLabel(legend_html())
        legend.setWordWrap(True)
        self.tint_legend = TintLegend()  # what the reader's fills mean: word statuses, find marks
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.lookup_field)
        layout.addWidget(self.card_buttons)
        layout.addWidget(self.card, 1)
        layout.addWidget(legend)
        layout.addWidget(self.tint_legend)
