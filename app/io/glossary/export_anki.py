"""The glossary as an Anki deck: one note per concept, with an example sentence from the articles."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from app.core.glossary import Concept, derive_pinyin, fold
from app.io.anki_deck import DeckNote, NoteStamps, write_deck
from app.io.glossary.export_scope import prepared

if TYPE_CHECKING:
    import genanki  # untyped, and loaded only when a deck is written


ANKI_DECK_ID = 1_734_200_101
ANKI_MODEL_ID = 1_734_200_102


# -- Anki ------------------------------------------------------------------------------------
_SENTENCE = re.compile(r"[^。！？\r\n]*(?:[。！？]+[」』”’）)\]]*|(?=[\r\n])|$)")


def sentences(text: str) -> Iterator[str]:
    """The sentences of a text: each ends at 。！？ (with closing quotes) or at a line end."""
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        if sentence:
            yield sentence


class _Examples:
    """Finds a concept's example sentence: the first sentence of the first text holding one of its forms."""

    def __init__(self, texts: Sequence[str]):
        self.texts = [(fold(t), t) for t in texts]
        self._sentences: dict[int, list[tuple[str, str]]] = {}

    def _of(self, index: int) -> list[tuple[str, str]]:
        if index not in self._sentences:
            self._sentences[index] = [(fold(s), s) for s in sentences(self.texts[index][1])]
        return self._sentences[index]

    def find(self, concept: Concept) -> tuple[str, str]:
        """(sentence, the form found in it) or ("", "")."""
        forms = [(fold(t.text), t.text) for t in concept.terms if t.text.strip()]
        for index, (folded_text, _) in enumerate(self.texts):
            if not any(key in folded_text for key, _ in forms):
                continue
            for folded, sentence in self._of(index):
                for key, form in forms:
                    if key in folded:
                        shown = next((t.text for t in concept.terms if t.text in sentence), form)
                        return sentence, shown
        return "", ""


def example_sentence(concept: Concept, texts: Sequence[str]) -> str:
    """The first sentence of the first text that contains one of the concept's forms, else ""."""
    return _Examples(texts).find(concept)[0]


def hanzi_field(concept: Concept) -> str:
    """All forms with their regions, e.g. "普丁 (TW) / 普京 (CN, HK)"."""
    return " / ".join(f"{t.text} ({', '.join(t.regions)})" if t.regions else t.text for t in concept.terms)


def reading_field(concept: Concept) -> str:
    readings: list[str] = []
    for term in concept.terms:
        reading = term.pinyin or derive_pinyin(term.text)
        if reading and reading not in readings:
            readings.append(reading)
    return " / ".join(readings)


def _anki_model() -> genanki.Model:
    import genanki

    css = (
        ".card { font-family: sans-serif; font-size: 22px; text-align: center; }\n"
        ".hanzi { font-size: 36px; } .note, .example { font-size: 18px; text-align: left; }"
    )
    return genanki.Model(
        ANKI_MODEL_ID,
        "Duben glossary concept",
        fields=[{"name": n} for n in ("Hanzi", "Reading", "English", "Note", "Example")],
        templates=[
            {
                "name": "Chinese to English",
                "qfmt": '<div class="hanzi">{{Hanzi}}</div>',
                "afmt": '{{FrontSide}}<hr id="answer"><div>{{Reading}}</div><div><b>{{English}}</b></div>'
                '<div class="note">{{Note}}</div><div class="example">{{Example}}</div>',
            }
        ],
        css=css,
    )


def anki_fields(concept: Concept, examples: _Examples) -> list[str]:
    sentence, form = examples.find(concept)
    example = html.escape(sentence)
    if form:
        example = example.replace(html.escape(form), f"<b>{html.escape(form)}</b>", 1)
    return [
        html.escape(hanzi_field(concept)),
        html.escape(reading_field(concept)),
        html.escape("; ".join(concept.english)),
        html.escape(concept.note).replace("\n", "<br>"),
        example,
    ]


def write_anki(
    concepts: Iterable[Concept],
    path: str | os.PathLike[str],
    texts: Sequence[str] = (),
    *,
    stamps: NoteStamps | None = None,
    deck_name: str = "Duben glossary",
) -> int:
    """Write an Anki deck (.apkg): one note per concept; returns the number of notes.

    Deck id, model id and each note's GUID (from the concept id) are fixed, so importing a
    newer export into Anki updates the notes instead of adding duplicates; each note's stamp
    (kept in `stamps`, see `app.io.anki_deck`) changes only when its content does, so only the
    notes whose concept changed are updated, and the user's edits in Anki on the others stay.
    """
    import genanki

    concepts = prepared(concepts, derive=False)
    examples = _Examples(list(texts))
    notes = (
        DeckNote(genanki.guid_for(concept.id), tuple(anki_fields(concept, examples)), (concept.category,))
        for concept in concepts
    )
    return write_deck(_anki_model(), ANKI_DECK_ID, deck_name, notes, path, stamps or NoteStamps())
