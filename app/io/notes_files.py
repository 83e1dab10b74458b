"""Reading a bundled article's notes file (notes.en.toml) into Note objects, with line numbers."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from app.core.notes import Annotation, Note

_HEADER = re.compile(r"^\s*\[\[\s*note\s*\]\]\s*(#.*)?$")


class NotesFileError(Exception):
    """A notes file that cannot be read at all; the message reads `file:line: what is wrong`."""


def load_notes(path: Path) -> list[Note]:
    """The notes of one file, each with the line its `[[note]]` table starts on."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise NotesFileError(f"{path.name}:0: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise NotesFileError(f"{path.name}:{match.group(1) if match else 1}: not valid TOML: {error}") from None
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if _HEADER.match(line)]
    notes = []
    for position, record in enumerate(data.get("note", [])):
        line = lines[position] if position < len(lines) else 0
        try:
            annotations = tuple(
                Annotation(str(a["text"]), tuple(str(c) for c in a.get("concepts", ())))
                for a in record.get("annotations", ())
            )
            notes.append(Note(int(record["paragraph"]), str(record["fingerprint"]), str(record["text"]),
                              annotations, "bundled", "en", line))
        except (KeyError, TypeError, ValueError) as error:
            raise NotesFileError(f"{path.name}:{line}: a note needs paragraph, fingerprint and text ({error})") from None
    return notes
