"""English notes on paragraphs: keyed by paragraph number and a fingerprint of the paragraph's text."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def fingerprint(paragraph_text: str) -> str:
    """Eight hex digits that change whenever the paragraph's text changes.

    White space at either end is left out, so re-indenting a paragraph does not orphan its note.
    """
    return hashlib.sha1(paragraph_text.strip().encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Annotation:
    """Background, a term's history or a correction of the source, linked to glossary concepts."""

    text: str
    concepts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # where its facts can be checked: publication, title, date, URL


def sources_line(sources: Sequence[str]) -> str:
    """How a note's or a concept's sources are shown to a reader: one line after the text it backs."""
    return ("Sources: " if len(sources) > 1 else "Source: ") + "; ".join(sources) if sources else ""


@dataclass(frozen=True)
class Note:
    paragraph: int
    fingerprint: str
    text: str  # the translation (bundled) or whatever the user wrote
    annotations: tuple[Annotation, ...] = ()
    source: str = "bundled"  # bundled or user
    lang: str = "en"
    line: int = 0  # where it stands in its file, for messages


def check_notes(
    paragraphs: Sequence[str], notes: Iterable[Note], concept_ids: set[str] | None = None
) -> list[tuple[int, str]]:
    """Problems of a notes set against the paragraphs it annotates, each as (line, message).

    Every paragraph needs exactly one note; a note must point at an existing paragraph whose
    text still has the fingerprint it was written for; annotations must name known concepts.
    """
    problems: list[tuple[int, str]] = []
    seen: dict[int, Note] = {}
    for note in notes:
        if not 0 <= note.paragraph < len(paragraphs):
            problems.append((note.line, f"note for paragraph {note.paragraph}, but the article has {len(paragraphs)}"))
            continue
        if note.paragraph in seen:
            problems.append(
                (note.line, f"a second note for paragraph {note.paragraph} (first at line {seen[note.paragraph].line})")
            )
            continue
        seen[note.paragraph] = note
        actual = fingerprint(paragraphs[note.paragraph])
        if note.fingerprint != actual:
            problems.append(
                (
                    note.line,
                    f"paragraph {note.paragraph} has changed since its note was written "
                    f"(fingerprint {note.fingerprint}, now {actual}): {paragraphs[note.paragraph][:30]}…",
                )
            )
        if not note.text.strip():
            problems.append((note.line, f"the note for paragraph {note.paragraph} has no text"))
        for annotation in note.annotations:
            for concept in annotation.concepts:
                if concept_ids is not None and concept not in concept_ids:
                    problems.append((note.line, f"paragraph {note.paragraph}: unknown glossary concept {concept!r}"))
    for index in range(len(paragraphs)):
        if index not in seen:
            problems.append((0, f"paragraph {index} has no note: {paragraphs[index][:30]}…"))
    return problems
