"""The user's notes on an article: which to export, and a notes file matched to the paragraphs before import."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.notes import Note, fingerprint
from app.io.articles.bundled import Article
from app.io.articles.notes_files import load_notes
from app.services.documents import Documents


@dataclass(frozen=True)
class NotesImport:
    """What importing a notes file onto an article stores, and which of its notes are left out."""

    name: str  # the file's name, for messages
    notes: list[Note]  # one per paragraph, each matching the paragraph's current text
    skipped: list[str]  # `file:line: why`, one line for each note left out
    annotations: int  # annotations dropped: the user's own notes are text only

    def summary(self) -> str:
        line = f"{self.name}: {counted(len(self.notes), 'note')} imported, {len(self.skipped)} skipped"
        if self.annotations:
            line += f", {counted(self.annotations, 'annotation')} left out (your notes hold text only)"
        return line


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def notes_to_export(documents: Documents, article: Article, include_bundled: bool = False) -> list[Note]:
    """The user's notes on an article in paragraph order; with `include_bundled` the bundled
    ones too, the user's winning on a paragraph both have. Shared with the window."""
    chosen = {note.paragraph: note for note in documents.context.store.user_notes(article.id)}
    if include_bundled:
        for note in documents.bundled_notes(article):
            chosen.setdefault(note.paragraph, note)
    return [chosen[paragraph] for paragraph in sorted(chosen)]


def export_heading(article: Article, include_bundled: bool = False) -> str:
    """The comment an exported notes file begins with: which article, whose notes."""
    whose = "yours over the bundled ones" if include_bundled else "yours"
    return f"Notes on {article.id} ({article.title}), {whose}; paragraphs are numbered from 0."


def plan_import(documents: Documents, article: Article, path: Path) -> NotesImport:
    """Read a notes file and match its notes to the article's paragraphs; stores nothing.

    Raises NotesFileError when the file cannot be read. A note is left out when its paragraph
    is not there, has changed since the note was written (its fingerprint differs), already
    has a note earlier in the file, or when the note has no text (a blank template entry must
    not delete a note the user wrote). Shared with the window.
    """
    notes = load_notes(path)
    texts = [article.text[a:b] for a, b in documents.spans(article.text)]
    kept: dict[int, Note] = {}
    skipped = []
    for note in notes:
        where = f"{path.name}:{note.line}: "
        if note.paragraph >= len(texts):
            skipped.append(f"{where}no paragraph {note.paragraph} (the article has {len(texts)}, from 0)")
        elif note.fingerprint != fingerprint(texts[note.paragraph]):
            skipped.append(f"{where}paragraph {note.paragraph} changed since the note was written")
        elif note.paragraph in kept:
            first = kept[note.paragraph].line
            skipped.append(f"{where}a second note for paragraph {note.paragraph} (the first is at line {first})")
        elif not note.text.strip():
            skipped.append(f"{where}the note for paragraph {note.paragraph} has no text")
        else:
            kept[note.paragraph] = note
    return NotesImport(
        path.name,
        [Note(n.paragraph, n.fingerprint, n.text, source="user", line=n.line) for n in kept.values()],
        skipped,
        sum(len(n.annotations) for n in kept.values()),
    )
