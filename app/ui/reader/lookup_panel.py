"""The look-up card: a word's glossary concept, then its CC-CEDICT entries, as HTML in a text browser."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.core.lookup import LookupResult
from app.core.reading_styles import style_reading as convert_reading
from app.io.cedict.parse import Entry
from app.ui.glossary.categories import CATEGORY_COLOURS


def card_html(word: str, readings: tuple[str | None, ...], result: LookupResult[Entry], dictionary_ready: bool) -> str:
    """The card for `word` (its readings in tone-number form) and what look-up found."""
    pinyin = " ".join(convert_reading(r, "marks") for r in readings if r)
    parts = [f'<p><span style="font-size:x-large">{escape(word)}</span>&nbsp;&nbsp;{escape(pinyin)}</p>']
    for hit in result.concepts:
        concept = hit.concept
        colour = CATEGORY_COLOURS.get(concept.category, CATEGORY_COLOURS["other"]).name()
        parts.append(
            f"<p><b>{escape(concept.preferred_english)}</b> "
            f'<span style="color:{colour}">[{escape(concept.category)}]</span><br>'
            f"<i>{escape(hit.variant_label())}</i></p>"
        )
        if len(concept.english) > 1:
            parts.append(f"<p>Also: {escape(' | '.join(concept.english[1:]))}</p>")
        if concept.note:
            parts.append(f"<p>{escape(concept.note)}</p>")
    if result.entries:
        parts.append("<hr><p><b>CC-CEDICT</b></p>")
        for entry in result.entries[:8]:
            forms = (
                entry.traditional
                if entry.traditional == entry.simplified
                else f"{entry.traditional} / {entry.simplified}"
            )
            marks = f" ({', '.join(entry.all_regions)})" if entry.all_regions else ""
            taiwan = f"; Taiwan pr. {escape(entry.taiwan_pinyin_marks)}" if entry.taiwan_pinyin_marks else ""
            senses = "; ".join(escape(s) for s in entry.senses[:6])
            parts.append(f"<p><b>{escape(forms)}</b> [{escape(entry.pinyin_marks)}]{marks}{taiwan}<br>{senses}</p>")
    elif not dictionary_ready:
        parts.append("<p><i>The dictionary is being prepared; look again in a moment.</i></p>")
    return "".join(parts)


class LookupPanel(QTextBrowser):
    """The card pinned in its dock (a click on a word, a concept from the glossary or a note)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setPlaceholderText("Click a word to look it up.")
