"""The pinned card's buttons: they act on the card's word (a word of the text, or one typed in the
look-up field) through the same controllers as the menus' keys act on the word in the text."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from app.ui.controllers import ShowMessage
from app.ui.controllers.lookup import CardWord, LookupController
from app.ui.controllers.panels import PanelsController
from app.ui.controllers.speech import SpeechController
from app.ui.controllers.words import WordsController
from app.ui.reader.card_buttons import CardButtons


class CardController(QObject):
    """Keeps the buttons on the card's word and its status; a button's click goes to the controller
    that owns what it changes (statuses, speech, the glossary)."""

    def __init__(
        self,
        lookup: LookupController,
        words: WordsController,
        speech: SpeechController,
        panels: PanelsController,
        buttons: CardButtons,
        show_message: ShowMessage,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._lookup, self._words, self._speech, self._panels = lookup, words, speech, panels
        self._buttons = buttons
        self._show_message = show_message
        lookup.card_word_changed.connect(self._on_lookup_card_word_changed)
        # The first card shown is the moment to make the speech engine, before a first Listen.
        lookup.card_shown.connect(speech.warm_up)
        words.statuses_changed.connect(self._on_words_statuses_changed)
        buttons.status_clicked.connect(self._on_buttons_status_clicked)
        buttons.action_clicked.connect(self._on_buttons_action_clicked)

    @property
    def word(self) -> CardWord | None:
        return self._lookup.card_word

    def mark(self, status: str | None) -> None:
        word = self.word
        if word is not None:
            self._words.mark(word.text, status, word.span)

    def listen(self) -> None:
        word = self.word
        if word is not None:
            self._speech.speak_text(word.text, word.place)

    def add_to_glossary(self) -> None:
        word = self.word
        if word is not None:
            self._panels.add_term(word.text, word.reading, word.script)

    def copy(self) -> None:
        word = self.word
        if word is not None:
            QGuiApplication.clipboard().setText(word.text)
            self._show_message(f"Copied {word.text}", 3000)

    def _on_lookup_card_word_changed(self, word: CardWord | None) -> None:
        text = word.text if word is not None else ""
        self._buttons.set_word(text, self._words.statuses.get(text))

    def _on_words_statuses_changed(self) -> None:
        word = self.word
        self._buttons.set_status(self._words.statuses.get(word.text) if word is not None else None)

    def _on_buttons_status_clicked(self, status: str | None) -> None:
        self.mark(status)

    def _on_buttons_action_clicked(self, name: str) -> None:
        {"listen": self.listen, "add": self.add_to_glossary, "copy": self.copy}[name]()
