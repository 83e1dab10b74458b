"""The look-up card: a word's glossary concept, then its CC-CEDICT entries, as HTML in a text browser; the field above it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLineEdit, QTextBrowser, QWidget

from app.core.glossary import Concept
from app.core.levels import WordLevel
from app.core.lookup import LookupResult
from app.core.notes import sources_line
from app.core.reading_styles import style_reading as convert_reading
from app.core.tones import pinyin_tones, tone_colour
from app.services.lookup import WordSearch
from app.ui.glossary.categories import CATEGORY_COLOURS

if TYPE_CHECKING:
    from app.io.cedict.parse import Entry


def _concept_html(concept: Concept, label: str) -> list[str]:
    colour = CATEGORY_COLOURS.get(concept.category, CATEGORY_COLOURS["other"]).name()
    parts = [
        f"<p><b>{escape(concept.preferred_english)}</b> "
        f'<span style="color:{colour}">[{escape(concept.category)}]</span><br>'
        f"<i>{escape(label)}</i></p>"
    ]
    if len(concept.english) > 1:
        parts.append(f"<p>Also: {escape(' | '.join(concept.english[1:]))}</p>")
    if concept.note:
        parts.append(f"<p>{escape(concept.note)}</p>")
    if concept.sources:
        parts.append(f'<p style="font-size:small">{escape(sources_line(concept.sources))}</p>')
    return parts


# A link on an entry's headword: its Traditional and Simplified forms (URL-quoted) after it.
WORD_LINK = "word:"
# One entry's frame: a mid grey that shows on the light and the dark ground alike.
_ENTRY_OPEN = (
    '<table width="100%" border="1" cellspacing="0" cellpadding="5" '
    'style="border-color:#8a8a8a; border-style:solid; margin-bottom:4px"><tr><td>'
)
_ENTRY_CLOSE = "</td></tr></table>"


def _entries_html(entries: Sequence[Entry], shown: int = 8) -> list[str]:
    parts = ["<hr><p><b>CC-CEDICT</b></p>"]
    for entry in entries[:shown]:
        forms = (
            entry.traditional if entry.traditional == entry.simplified else f"{entry.traditional} / {entry.simplified}"
        )
        marks = f" ({', '.join(entry.all_regions)})" if entry.all_regions else ""
        taiwan = f"; Taiwan pr. {escape(entry.taiwan_pinyin_marks)}" if entry.taiwan_pinyin_marks else ""
        senses = "; ".join(escape(s) for s in entry.senses[:6])
        # Each entry a card of its own; its headword a link that makes it the card's word.
        headword = (
            f'<a href="{WORD_LINK}{quote(entry.traditional)}/{quote(entry.simplified)}"><b>{escape(forms)}</b></a>'
        )
        parts.append(f"{_ENTRY_OPEN}{headword} [{escape(entry.pinyin_marks)}]{marks}{taiwan}<br>{senses}{_ENTRY_CLOSE}")
    if len(entries) > shown:
        parts.append(f"<p><i>and {len(entries) - shown} more</i></p>")
    return parts


def headword_of(link: str) -> tuple[str, str] | None:
    """(Traditional, Simplified) of an entry's headword link, or None for another link."""
    traditional, _, simplified = link.removeprefix(WORD_LINK).partition("/")
    if not link.startswith(WORD_LINK) or not traditional:
        return None
    return unquote(traditional), unquote(simplified) or unquote(traditional)


_PREPARING = "<p><i>The dictionary is being prepared; look again in a moment.</i></p>"


def _pinyin_html(readings: tuple[str | None, ...], tone_palette: str | None) -> str:
    pinyin = " ".join(convert_reading(r, "marks") for r in readings if r)
    if tone_palette is None:
        return escape(pinyin)
    runs = ((escape(text), tone_colour(tone, tone_palette)) for text, tone in pinyin_tones(pinyin))
    return "".join(f'<span style="color:{colour}">{text}</span>' if colour else text for text, colour in runs)


def card_html(
    word: str,
    readings: tuple[str | None, ...],
    result: LookupResult[Entry],
    dictionary_ready: bool,
    level: WordLevel | None = None,
    tone_palette: str | None = None,
) -> str:
    """The card for `word` (its readings in tone-number form), its HSK level and frequency, and
    what look-up found; `tone_palette` ("light", "dark"): each syllable of the pinyin in its
    tone's colour, as the reader shows it with tone colours on."""
    pinyin = _pinyin_html(readings, tone_palette)
    parts = [f'<p><span style="font-size:x-large">{escape(word)}</span>&nbsp;&nbsp;{pinyin}</p>']
    if level is not None:
        hsk = f"HSK {level.hsk_name}" if level.hsk is not None else "not in HSK 3.0"
        parts.append(f"<p><small>{hsk} · frequency {level.zipf:.1f} (Zipf)</small></p>")
    for hit in result.concepts:
        parts += _concept_html(hit.concept, hit.variant_label())
    if result.entries:
        parts += _entries_html(result.entries)
    elif not dictionary_ready:
        parts.append(_PREPARING)
    return "".join(parts)


def search_html(found: WordSearch, dictionary_ready: bool) -> str:
    """The card for a word typed in the look-up field: glossary concepts, then CC-CEDICT."""
    parts = [f'<p><span style="font-size:x-large">{escape(found.query)}</span></p>']
    for concept in found.concepts:
        terms = ", ".join(f"{t.text} ({t.region_label})" for t in concept.terms)
        parts += _concept_html(concept, terms)
    if found.entries:
        parts += _entries_html(found.entries, shown=20 if found.by_pinyin else 8)
    elif not dictionary_ready:
        parts.append(_PREPARING)
    if found.empty and dictionary_ready:
        parts.append("<p>Not found in the glossary or CC-CEDICT.</p>")
    return "".join(parts)


class LookupPanel(QTextBrowser):
    """The card pinned in its dock (a click on a word, a concept from the glossary or a note)."""

    headword_clicked = Signal(str, str)  # an entry's headword (Traditional, Simplified): make it the card's word

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)  # a headword's link is ours to follow, not a page to load
        self.setPlaceholderText("Click a word to look it up.")
        self.anchorClicked.connect(self._on_anchor_clicked)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        forms = headword_of(url.toString())
        if forms is not None:
            self.headword_clicked.emit(*forms)


class LookupField(QLineEdit):
    """Above the card: a word typed in Chinese, English or pinyin, looked up on Enter."""

    query_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Look up: 銀行, bank, yinhang")
        self.setToolTip("Chinese in either script, English, or pinyin with or without tones; Enter looks it up")
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(self._on_return_pressed)

    def _on_return_pressed(self) -> None:
        if self.text().strip():
            self.query_entered.emit(self.text().strip())
