"""Notes files (the format of a bundled article's notes.en.toml): reading them into Note objects,
with line numbers, and writing Note objects back so that they read back the same."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.core.notes import Annotation, Note
from app.io.textinput import InputError, read_bounded

_HEADER = re.compile(r"^\s*\[\[\s*note\s*\]\]\s*(#.*)?$")

# TOML's short escapes; any other character TOML forbids in a basic string (the C0 controls
# and DEL) is written as \uXXXX. Line breaks are escaped too, so every value stays on its line,
# and so are NEL and the Unicode line and paragraph separators, which some editors break lines at.
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_MUST_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f\x85\u2028\u2029]')
# A comment has no escapes: it may hold no control character but tab, nor end its line early.
_NOT_IN_COMMENT = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


TOO_DEEP = "arrays or tables nested too deeply to read (a notes file needs two levels)"


class NotesFileError(Exception):
    """A notes file that cannot be read at all; the message reads `file:line: what is wrong`."""


def load_notes(path: Path, name: str | None = None) -> list[Note]:
    """The notes of one file, each with the line its `[[note]]` table starts on.

    Messages name the file by `name` (default: the file's name). A byte order mark, which some
    editors put at the start of UTF-8 files, is allowed.
    """
    name = name or path.name
    try:
        # Bytes decoded, not read_text: its newline translation would let a bare CR (which
        # TOML refuses) through as a line end.
        text = read_bounded(path).decode("utf-8-sig")
    except InputError as error:  # not a regular file, or too large: refused before it is read
        raise NotesFileError(f"{name}:0: cannot be read ({str(error).removeprefix(f'{path}: ')})") from None
    except UnicodeDecodeError as error:
        raise NotesFileError(f"{name}:0: cannot be read ({error})") from None
    return parse_notes(text, name)


def parse_notes(text: str, name: str = "<notes>") -> list[Note]:
    """The notes in the text of a notes file (see load_notes)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise NotesFileError(f"{name}:{match.group(1) if match else 1}: not valid TOML: {error}") from None
    except RecursionError:  # tomllib parses arrays and inline tables recursively
        raise NotesFileError(f"{name}:1: {TOO_DEEP}") from None
    records = data.get("note", [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise NotesFileError(f"{name}:1: `note` must be [[note]] tables")
    # tomllib gives no positions, so each note's line is that of the n-th `[[note]]` header.
    # Lines are counted as TOML does: only LF ends one (str.splitlines also splits at U+2028).
    # The writer puts every value on one line; only a hand-written multi-line string holding a
    # `[[note]]` line could shift the numbers, never the notes.
    lines = [i + 1 for i, line in enumerate(text.split("\n")) if _HEADER.match(line)]
    notes = []
    for position, record in enumerate(records):
        line = lines[position] if position < len(lines) else 0
        notes.append(_note(record, f"{name}:{line}", line))
    return notes


def _note(record: dict[str, Any], where: str, line: int) -> Note:
    paragraph, mark, body = record.get("paragraph"), record.get("fingerprint"), record.get("text")
    # bool is an int to Python, but `paragraph = true` is a mistake, not paragraph 1.
    if not (type(paragraph) is int and paragraph >= 0 and isinstance(mark, str) and isinstance(body, str)):
        raise NotesFileError(
            f"{where}: a note needs paragraph, fingerprint and text "
            f"(a number from 0 and two strings; found {_found(record)})"
        )
    annotations = record.get("annotations", [])
    if not isinstance(annotations, list):
        raise NotesFileError(f"{where}: `annotations` must be a list of {{ text, concepts }} tables")
    parsed = []
    for annotation in annotations:
        concepts = annotation.get("concepts", []) if isinstance(annotation, dict) else None
        sources = annotation.get("sources", []) if isinstance(annotation, dict) else None
        if not (
            isinstance(annotation, dict)
            and isinstance(annotation.get("text"), str)
            and isinstance(concepts, list)
            and all(isinstance(c, str) for c in concepts)
        ):
            raise NotesFileError(f"{where}: an annotation needs text (a string) and concepts (a list of ids)")
        if not (isinstance(sources, list) and all(isinstance(s, str) for s in sources)):
            raise NotesFileError(f"{where}: an annotation's sources must be a list of strings")
        parsed.append(Annotation(annotation["text"], tuple(concepts), tuple(sources)))
    return Note(paragraph, mark, body, tuple(parsed), "bundled", "en", line)


def _found(record: dict[str, Any]) -> str:
    return ", ".join(
        f"{key} = {type(record[key]).__name__}" if key in record else f"no {key}"
        for key in ("paragraph", "fingerprint", "text")
    )


def _toml_string(value: str) -> str:
    """`value` as a TOML basic string on one line: quotes, backslashes and controls escaped.

    Lone surrogates have no form in TOML (nor in UTF-8): writing them fails with UnicodeEncodeError.
    """

    def escape(match: re.Match[str]) -> str:
        ch = match.group()
        return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"

    return f'"{_MUST_ESCAPE.sub(escape, value)}"'


def dump_notes(notes: Iterable[Note], heading: str = "") -> str:
    """The text of a notes file holding `notes`, in their order; load_notes reads it back the same.

    A `heading` becomes a comment on the first line (what the bundled files begin with).
    """
    parts = [f"# {_NOT_IN_COMMENT.sub(' ', heading)}\n"] if heading else []
    for note in notes:
        lines = [
            "[[note]]",
            f"paragraph = {int(note.paragraph)}",
            f"fingerprint = {_toml_string(note.fingerprint)}",
            f"text = {_toml_string(note.text)}",
        ]
        if not note.annotations:
            lines.append("annotations = []")
        else:
            lines.append("annotations = [")
            for annotation in note.annotations:
                concepts = ", ".join(_toml_string(c) for c in annotation.concepts)
                sources = ", ".join(_toml_string(s) for s in annotation.sources)
                cited = f", sources = [{sources}]" if annotation.sources else ""
                lines.append(f"  {{ concepts = [{concepts}], text = {_toml_string(annotation.text)}{cited} }},")
            lines.append("]")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def write_notes(path: str | os.PathLike[str], notes: Iterable[Note], heading: str = "") -> None:
    """Write a notes file, replacing `path` in one step (never a half-written file)."""
    from app.io.atomic import write_bytes_atomic

    write_bytes_atomic(path, dump_notes(notes, heading).encode("utf-8"))
