"""Study words out of the app: a CSV and an Anki deck, one row or note per word with its sentence."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from app.io.atomic import atomic_output, write_bytes_atomic
from app.io.glossary_export import guard_cell

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


def write_csv(words: Sequence[StudyWord], path: str | os.PathLike) -> int:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for w in words:
        writer.writerow([guard_cell(v) for v in (w.word, w.reading, w.english, w.sentence, w.article, w.status)])
    write_bytes_atomic(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))
    return len(words)


def write_anki(words: Sequence[StudyWord], path: str | os.PathLike, deck_name: str = "Duben vocabulary") -> int:
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "Duben word",
        fields=[{"name": n} for n in ("Word", "Reading", "English", "Sentence")],
        templates=[{
            "name": "Recognise",
            "qfmt": '<div style="font-size:2em">{{Word}}</div><div>{{Sentence}}</div>',
            "afmt": "{{FrontSide}}<hr id=answer><div>{{Reading}}</div><div>{{English}}</div>",
        }],
    )
    deck = genanki.Deck(DECK_ID, deck_name)
    for w in words:
        sentence = w.sentence.replace(w.word, f"<b>{w.word}</b>", 1) if w.sentence else ""
        deck.add_note(genanki.Note(model=model, fields=[w.word, w.reading, w.english, sentence],
                                   guid=genanki.guid_for("duben-word", w.word)))
    target = Path(path)
    fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".apkg.part")
    os.close(fd)
    try:
        genanki.Package(deck).write_to_file(temporary)
        with open(temporary, "rb") as source, atomic_output(target) as out:
            out.write(source.read())
    finally:
        Path(temporary).unlink(missing_ok=True)
    return len(words)
