"""Anki decks whose notes carry a modification stamp that changes only when their content does.

Anki's package import matches a note by its GUID and replaces the note in the collection only
when the incoming note's modification time is newer than the one it has. A deck stamped with
the time of the export therefore overwrites every note on every import, the user's own edits
in Anki included. Here each note keeps the stamp it was first exported with for as long as its
content stays the same; a note whose content changed gets the time of the export (and never a
stamp at or below its previous one, whatever the clock did). The stamps are kept per GUID in
one small JSON file in the data folder, shared by every deck the app writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.io.atomic import write_apkg_atomic, write_bytes_atomic

if TYPE_CHECKING:
    import genanki  # untyped, and loaded only when a deck is written

STAMPS_FILE = "anki-stamps.json"
_VERSION = 1


class NoteStamps:
    """Each exported note's content key and stamp, by GUID; `path` None keeps them in memory only."""

    def __init__(self, path: Path | None = None, now: float | None = None) -> None:
        self.path = path
        self._now = int(time.time() if now is None else now)
        self._notes: dict[str, tuple[str, int]] = _load(path) if path is not None else {}

    @classmethod
    def in_folder(cls, folder: Path) -> NoteStamps:
        return cls(folder / STAMPS_FILE)

    def stamp(self, guid: str, content: Sequence[str]) -> int:
        """The note's stamp: the one it had if `content` is what it was, else a newer one."""
        key = hashlib.sha256("\x1f".join(content).encode("utf-8", "surrogatepass")).hexdigest()
        known = self._notes.get(guid)
        if known is not None and known[0] == key:
            return known[1]
        stamp = self._now if known is None else max(self._now, known[1] + 1)
        self._notes[guid] = (key, stamp)
        return stamp

    def save(self) -> None:
        """Keep the stamps for the next export. A data folder that cannot be written costs only
        this: the notes exported now look changed once more on the next export."""
        if self.path is None:
            return
        data = {"version": _VERSION, "notes": {g: [k, s] for g, (k, s) in sorted(self._notes.items())}}
        try:
            write_bytes_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=0).encode("utf-8"))
        except OSError:
            pass


def _load(path: Path) -> dict[str, tuple[str, int]]:
    """The stamps kept so far; a missing or damaged file is an empty record (every note then
    gets the export's time once, which is what a first export does anyway)."""
    try:
        data: Any = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    notes = data.get("notes") if isinstance(data, dict) and data.get("version") == _VERSION else None
    if not isinstance(notes, dict):
        return {}
    return {
        guid: (entry[0], entry[1])
        for guid, entry in notes.items()
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) and type(entry[1]) is int
    }


@dataclass(frozen=True)
class DeckNote:
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...] = ()


def write_deck(
    model: genanki.Model,
    deck_id: int,
    deck_name: str,
    notes: Iterable[DeckNote],
    path: str | os.PathLike[str],
    stamps: NoteStamps,
    media: Mapping[str, bytes] | None = None,
) -> int:
    """Write the notes as one deck of `model` to an .apkg; returns the number of notes. `media`:
    files (name -> bytes) the notes name, as `[sound:NAME]`. The stamps are saved only once the
    deck has been written."""
    import genanki

    class _StampedNote(genanki.Note):  # type: ignore[misc]
        """A note (and its cards) written with its own stamp instead of the package's time."""

        def __init__(self, stamp: int, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.stamp = stamp

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
            super().write_to_db(cursor, self.stamp, deck_id, id_gen)

    deck = genanki.Deck(deck_id, deck_name)
    count = 0
    for note in notes:
        content = (str(model.model_id), *note.fields, " ".join(note.tags))
        stamp = stamps.stamp(note.guid, content)
        deck.add_note(_StampedNote(stamp, model=model, fields=list(note.fields), guid=note.guid, tags=list(note.tags)))
        count += 1
    # genanki packs media from files on disk, by their base name.
    with tempfile.TemporaryDirectory(prefix="duben-media-") as folder:
        files = []
        for name, data in (media or {}).items():
            (Path(folder) / name).write_bytes(data)
            files.append(str(Path(folder) / name))
        write_apkg_atomic(genanki.Package(deck, media_files=files), path)
    stamps.save()
    return count
