"""The look-up card: the popup below a hovered word, the card pinned in its dock, and CC-CEDICT made ready."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QDockWidget

from app.core.annotated import AnnotatedParagraph, TermSpan
from app.core.glossary import Match
from app.core.lookup import LookupResult, look_up
from app.core.orthography import ProperNames
from app.core.reading_styles import style_reading
from app.core.script_detection import SIMPLIFIED, TRADITIONAL, script_of
from app.services.context import AppContext
from app.services.lookup import WordSearch, has_han, search_word
from app.ui.reader.colours import theme_of
from app.ui.reader.lookup_panel import LookupField, LookupPanel, card_html, headword_of, search_html
from app.ui.reader.term_popup import TermPopup
from app.ui.reader.view import HOVER_DELAY_MS, ReaderView
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.io.cedict.dictionary import Cedict
    from app.io.cedict.parse import Entry

# Time to move the pointer from a word onto its card before the card goes.
GRACE_MS = 350
# The choices offered for the hover delay; None: cards on click only.
HOVER_DELAYS: dict[int | None, str] = {
    150: "On hover, quickly (150 ms)",
    HOVER_DELAY_MS: f"On hover ({HOVER_DELAY_MS} ms)",
    700: "On hover, slowly (700 ms)",
    None: "Only on click",
}


@dataclass(frozen=True)
class CardWord:
    """The word the pinned card shows, which its buttons act on."""

    text: str
    place: tuple[int, int] | None = None  # (paragraph, token start) when it is a word of the open article
    span: tuple[int, int] | None = None  # its article offsets, then
    reading: str = ""  # pinyin with tone marks, when the article gives it
    script: str = ""  # the script of the text it is in ("" : none known)


class LookupController(QObject):
    """Cards from the terms the view already holds; the glossary only gives the concept's entry."""

    dictionary_loaded = Signal(object)  # ProperNames, once CC-CEDICT is indexed
    card_word_changed = Signal(object)  # CardWord | None: the pinned card's word
    card_shown = Signal()  # a card (pinned or below a word) was shown

    def __init__(
        self,
        context: AppContext,
        view: ReaderView,
        popup: TermPopup,
        card: LookupPanel,
        card_dock: QDockWidget,
        tasks: TaskRunner,
        settings: QSettings,
        field: LookupField | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._view = view
        self._popup = popup
        self._card = card
        self._card_dock = card_dock
        self._tasks = tasks
        self._settings = settings
        self._dictionary_ready = False
        self._field = field
        self.card_word: CardWord | None = None
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.timeout.connect(self.hide_popup)
        view.word_hovered.connect(self._on_view_word_hovered)
        view.hover_left.connect(self._on_view_hover_left)
        view.scrolled.connect(self.hide_popup)
        view.word_clicked.connect(self._on_view_word_clicked)
        view.concept_clicked.connect(self._on_view_concept_clicked)
        popup.entered.connect(self._grace.stop)
        popup.left.connect(self._on_view_hover_left)
        if field is not None:
            field.query_entered.connect(self._on_field_query_entered)
        card.headword_clicked.connect(self._on_card_headword_clicked)
        popup.label.linkActivated.connect(self._on_popup_link_activated)
        self.set_hover_delay(_saved_delay(settings.value("hover_delay", HOVER_DELAY_MS)), save=False)

    @property
    def hover_delay(self) -> int | None:
        """Milliseconds on a word before its card opens; None: only a click opens one."""
        return self._view.hover_delay

    def set_hover_delay(self, milliseconds: int | None, save: bool = True) -> None:
        self._view.set_hover_delay(milliseconds)
        if save:
            self._settings.setValue("hover_delay", "click" if milliseconds is None else milliseconds)

    @property
    def dictionary_ready(self) -> bool:
        return self._dictionary_ready

    def dictionary(self) -> Cedict | None:
        """CC-CEDICT once it is indexed, else None (the window never waits for it)."""
        return self._context.cedict if self._dictionary_ready else None

    def load_dictionary(self) -> None:
        # CC-CEDICT is indexed once (about 2 s) on a pool thread; its proper names (for
        # capitalised pinyin) are read there too, once it is, and the word levels (0.5 s) after them.
        context = self._context

        def load() -> ProperNames:
            names = context.proper_names
            _ = context.levels
            return names

        self._tasks.submit("dictionary", load, self._on_dictionary_done, disposable=True)

    def card_for(self, index: int, token_start: int) -> str | None:
        """The card of the word at (paragraph, token start), or None when there is no word there."""
        paragraph = self._view.paragraphs.get(index)
        token = self._view.token_at(index, token_start)
        if paragraph is None or token is None:
            return None
        offset = token.start - paragraph.start
        result = look_up(
            paragraph.text,
            offset,
            self._context.glossary,
            self.dictionary(),
            matches=self._matches(paragraph, self._view.term_at(index, token_start)),
            word_start=offset,
        )
        # The levels are read with the dictionary, on the pool thread: never on a hover.
        level = self._context.levels.of(token.text) if self._dictionary_ready else None
        return card_html(token.text, token.readings, result, self._dictionary_ready, level, self._tone_palette())

    def _tone_palette(self) -> str | None:
        """The palette of the card's tone colours: the reader's, when its tone colours are on."""
        if self._view.options.tones == "off":
            return None
        return theme_of(self._view.palette())

    def show_popup(self, index: int, token_start: int) -> None:
        html = self.card_for(index, token_start)
        rect = self._view.word_rect(index, token_start)
        if html and rect is not None:
            self._popup.show_card(html, rect)
            self.card_shown.emit()

    def hide_popup(self) -> None:
        self._grace.stop()
        self._popup.hide()

    def pin(self, index: int, token_start: int) -> None:
        html = self.card_for(index, token_start)
        paragraph, token = self._view.paragraphs.get(index), self._view.token_at(index, token_start)
        if html and paragraph is not None and token is not None:
            self._card.setHtml(html)
            self._card_dock.show()
            self._card_dock.raise_()  # it may be a tab behind the library in a narrow window
            reading = " ".join(style_reading(r, "marks") for r in token.readings if r)
            span = (token.start, token.end)
            self._set_card_word(CardWord(token.text, (index, token_start), span, reading, paragraph.script))

    def show_concept(self, concept_id: str) -> None:
        """A concept's card (a link in a note, a row of the glossary)."""
        concept = self._context.glossary.get(concept_id)
        if concept is None:
            return
        form = concept.terms_for("TW") or list(concept.terms)
        result: LookupResult[Entry] = look_up(form[0].text, 0, self._context.glossary, None)
        self._card.setHtml(card_html(form[0].text, (), result, True))
        self._card_dock.show()
        self._card_dock.raise_()
        self._set_card_word(CardWord(form[0].text))

    def search(self, query: str) -> WordSearch:
        """A typed word (Chinese, English, pinyin with or without tones) on the pinned card."""
        levels = self._context.levels if self._dictionary_ready else None  # read with the dictionary
        found = search_word(
            self._context.glossary, self.dictionary(), query, (lambda w: levels.of(w).zipf) if levels else None
        )
        self._card.setHtml(search_html(found, self._dictionary_ready))
        self._card_dock.show()
        self._card_dock.raise_()
        self._set_card_word(self._searched_word(found))
        return found

    def focus_field(self) -> None:
        """Ctrl+L: the card's dock shown, the look-up field focused with its text selected, to type over."""
        if self._field is None:
            return
        self._card_dock.show()
        self._card_dock.raise_()
        self._field.setFocus()
        self._field.selectAll()

    def _searched_word(self, found: WordSearch) -> CardWord | None:
        """The word the buttons act on after a search: a Chinese query itself (found or not),
        else the first entry found, in the script on screen; None when nothing was."""
        if has_han(found.query):
            return CardWord(found.query, script=script_of(found.query))
        if found.entries:
            return self._headword(found.entries[0].traditional, found.entries[0].simplified)
        if found.concepts:
            terms = found.concepts[0].terms_for("TW") or list(found.concepts[0].terms)
            return CardWord(terms[0].text) if terms else None
        return None

    def _headword(self, traditional: str, simplified: str) -> CardWord:
        if self._view.visible_script() == SIMPLIFIED:
            return CardWord(simplified, script=SIMPLIFIED)
        return CardWord(traditional, script=TRADITIONAL)

    def _set_card_word(self, word: CardWord | None) -> None:
        self.card_word = word
        self.card_word_changed.emit(word)
        self.card_shown.emit()

    def move_word(self, step: int) -> None:
        """Select the next (or previous) word and show its card: in the dock when it is open, else below the word."""
        moved = self._view.move_word(step)
        if not moved:
            return
        if self._card_dock.isVisible():
            self.hide_popup()
            self.pin(*moved)
        else:
            self.show_popup(*moved)

    def _matches(self, paragraph: AnnotatedParagraph, span: TermSpan | None) -> list[Match]:
        """The view's term at the word, as look-up takes it (offsets into the paragraph)."""
        concept = self._context.glossary.get(span.concept_id) if span is not None else None
        if span is None or concept is None:
            return []
        term = next((t for t in concept.terms if t.text == span.form), None)
        return [Match(span.start - paragraph.start, span.end - paragraph.start, concept, term)] if term else []

    def _on_dictionary_done(self, names: ProperNames) -> None:
        self._dictionary_ready = True
        self.dictionary_loaded.emit(names)

    def _on_view_word_hovered(self, index: int, token_start: int) -> None:
        self._grace.stop()
        self.show_popup(index, token_start)

    def _on_view_hover_left(self) -> None:
        # Not at once: the pointer may be on its way from the word onto the card.
        if self._popup.isVisible():
            self._grace.start(GRACE_MS)

    def _on_view_word_clicked(self, index: int, token_start: int) -> None:
        # A click pins the card: in the dock only, not floating over the text as well.
        self.hide_popup()
        self.pin(index, token_start)

    def _on_field_query_entered(self, query: str) -> None:
        self.search(query)

    def _on_card_headword_clicked(self, traditional: str, simplified: str) -> None:
        # The entry's own card, its word the one the buttons act on (the field keeps the query:
        # Enter there goes back to the results).
        word = self._headword(traditional, simplified)
        self.search(word.text)

    def _on_popup_link_activated(self, link: str) -> None:
        # A headword on the card below a word: its card pinned in the dock, as on the pinned card.
        forms = headword_of(link)
        if forms is not None:
            self.hide_popup()
            self._on_card_headword_clicked(*forms)

    def _on_view_concept_clicked(self, concept_id: str) -> None:
        self.show_concept(concept_id)


def _saved_delay(value: object) -> int | None:
    """The hover delay as saved in the settings ("click" for click only); the default if unreadable."""
    if str(value) == "click":
        return None
    try:
        return max(int(str(value)), 0)
    except ValueError:
        return HOVER_DELAY_MS
