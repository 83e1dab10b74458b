"""Study words out of the app: a CSV and an Anki deck, one row or note per word with its sentence."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.io.anki_deck import DeckNote, NoteStamps, write_deck
from app.io.atomic import write_csv_atomic
from app.io.glossary.export_tabular import guard_cell

# Fixed ids: re-importing the deck updates its notes instead of adding copies.
DECK_ID = 1734200201
MODEL_ID = 1734200202
COLUMNS = ("word", "reading", "english", "sentence", "article", "status")


@dataclass(frozen=True)
class StudyWord:
    word: str
    reading: str
    english: str
    sentence: str
    article: str
    status: str


def write_csv(words: Sequence[StudyWord], path: str | os.PathLike[str]) -> int:
    rows = ([guard_cell(v) for v in (w.word, w.reading, w.english, w.sentence, w.article, w.status)] for w in words)
    return write_csv_atomic(path, COLUMNS, rows)


def write_anki(
    words: Sequence[StudyWord],
    path: str | os.PathLike[str],
    deck_name: str = "Duben vocabulary",
    *,
    stamps: NoteStamps | None = None,
    audio: Callable[[str], bytes] | None = None,
) -> int:
    """One note per word; a note's stamp (kept in `stamps`) changes only when its content does,
    so re-importing updates only the words that changed and keeps the user's edits in Anki.
    `audio`: the WAV of a word, put in the deck and played on the card's back (`[sound:...]`)."""
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "Duben word",
        fields=[{"name": n} for n in ("Word", "Reading", "English", "Sentence", "Audio")],
        templates=[
            {
                "name": "Recognise",
                "qfmt": '<div style="font-size:2em">{{Word}}</div><div>{{Sentence}}</div>',
                "afmt": "{{FrontSide}}<hr id=answer><div>{{Reading}}</div><div>{{English}}</div>{{Audio}}",
            }
        ],
    )
    media = {sound_name(w.word): audio(w.word) for w in words} if audio is not None else {}
    notes = (
        DeckNote(
            genanki.guid_for("duben-word", w.word),
            (
                w.word,
                w.reading,
                w.english,
                w.sentence.replace(w.word, f"<b>{w.word}</b>", 1) if w.sentence else "",
                f"[sound:{sound_name(w.word)}]" if audio is not None else "",
            ),
        )
        for w in words
    )
    return write_deck(model, DECK_ID, deck_name, notes, path, stamps or NoteStamps(), media)


def sound_name(word: str) -> str:
    """The word's audio file in the deck: ASCII, since Anki's media folder is on any file system."""
    return f"duben-{hashlib.sha1(word.encode('utf-8')).hexdigest()[:16]}.wav"
