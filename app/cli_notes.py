"""`python -m app notes export|import`: the notes on an article out to a notes file and back in."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from app.context import AppContext
from app.core.notes import Note, fingerprint
from app.io.textinput import InputError, output_path


def add_parsers(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    notes = sub.add_parser("notes", help="export or import your notes on an article (the notes.en.toml format)")
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="write your notes on an article as a notes file")
    export.add_argument("article", metavar="ARTICLE", help="a bundled or imported article's id (as annotate takes)")
    export.add_argument("-o", "--output", metavar="FILE",
                        help="write to this file (replaced in one step) instead of standard output")
    export.add_argument("--all", action="store_true",
                        help="the bundled notes too; yours win where both have a note on a paragraph")
    common(export)

    imp = actions.add_parser("import", help="store the notes in a notes file as your notes on an article")
    imp.add_argument("article", metavar="ARTICLE", help="a bundled or imported article's id (as annotate takes)")
    imp.add_argument("file", metavar="FILE")
    common(imp)


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


def notes_to_export(documents, article, include_bundled: bool = False) -> list[Note]:
    """The user's notes on an article in paragraph order; with `include_bundled` the bundled
    ones too, the user's winning on a paragraph both have. Shared with the window."""
    chosen = {note.paragraph: note for note in documents.context.store.user_notes(article.id)}
    if include_bundled:
        for note in documents.bundled_notes(article):
            chosen.setdefault(note.paragraph, note)
    return [chosen[paragraph] for paragraph in sorted(chosen)]


def export_heading(article, include_bundled: bool = False) -> str:
    """The comment an exported notes file begins with: which article, whose notes."""
    whose = "yours over the bundled ones" if include_bundled else "yours"
    return f"Notes on {article.id} ({article.title}), {whose}; paragraphs are numbered from 0."


def plan_import(documents, article, path: Path) -> NotesImport:
    """Read a notes file and match its notes to the article's paragraphs; stores nothing.

    Raises NotesFileError when the file cannot be read. A note is left out when its paragraph
    is not there, has changed since the note was written (its fingerprint differs), already
    has a note earlier in the file, or when the note has no text (a blank template entry must
    not delete a note the user wrote). Shared with the window.
    """
    from app.io.notes_files import load_notes

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


def cmd_notes(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.documents import ArticleNotFound, Documents
    from app.io.importers import ArticleImportError
    from app.io.notes_files import NotesFileError

    documents = Documents(context)
    try:
        article = documents.article(args.article)
        if args.notes_command == "export":
            return _export(args, documents, article, out)
        plan = plan_import(documents, article, Path(args.file))
    except (ArticleNotFound, ArticleImportError, NotesFileError) as error:
        raise InputError(str(error)) from None
    context.store.set_user_notes(article.id, plan.notes)
    for line in plan.skipped:
        out(line)
    out(plan.summary())
    return 0


def _export(args: argparse.Namespace, documents, article, out: Callable[[str], None]) -> int:
    from app.io.notes_files import dump_notes, write_notes

    notes = notes_to_export(documents, article, args.all)
    if not args.output:
        text = dump_notes(notes, export_heading(article, args.all))
        out(text.removesuffix("\n"))
        return 0
    target = output_path(args.output)
    try:
        write_notes(target, notes, export_heading(article, args.all))
    except OSError as error:
        raise InputError(f"{target}: cannot be written ({error.strerror or error})") from None
    out(f"wrote {counted(len(notes), 'note')} to {target}")
    return 0
