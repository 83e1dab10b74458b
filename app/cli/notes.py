"""`python -m app notes export|import`: the notes on an article out to a notes file and back in."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.io.textinput import InputError, output_path

if TYPE_CHECKING:
    from app.io.articles.bundled import Article
    from app.services.context import AppContext
    from app.services.documents import Documents


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Callable[[argparse.ArgumentParser], None]
) -> None:
    notes = sub.add_parser("notes", help="export or import your notes on an article (the notes.en.toml format)")
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="write your notes on an article as a notes file")
    export.add_argument("article", metavar="ARTICLE", help="a bundled or imported article's id (as annotate takes)")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to this file (replaced in one step) instead of standard output"
    )
    export.add_argument(
        "--all", action="store_true", help="the bundled notes too; yours win where both have a note on a paragraph"
    )
    common(export)

    imp = actions.add_parser("import", help="store the notes in a notes file as your notes on an article")
    imp.add_argument("article", metavar="ARTICLE", help="a bundled or imported article's id (as annotate takes)")
    imp.add_argument("file", metavar="FILE")
    common(imp)


def cmd_notes(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.io.articles.notes_files import NotesFileError
    from app.services.documents import Documents
    from app.services.library import find_article
    from app.services.notes import plan_import

    documents = Documents(context)
    article = find_article(documents, args.article)
    if args.notes_command == "export":
        return _export(args, documents, article, out)
    try:
        plan = plan_import(documents, article, Path(args.file))
    except NotesFileError as error:
        raise InputError(str(error)) from None
    context.store.set_user_notes(article.id, plan.notes)
    for line in plan.skipped:
        out(line)
    out(plan.summary())
    return 0


def _export(args: argparse.Namespace, documents: Documents, article: Article, out: Callable[[str], None]) -> int:
    from app.io.articles.notes_files import dump_notes, write_notes
    from app.services.notes import counted, export_heading, notes_to_export

    notes = notes_to_export(documents, article, args.all)
    if not args.output:
        text = dump_notes(notes, export_heading(article, args.all))
        out(text.removesuffix("\n"))
        return 0
    target = output_path(args.output)
    write_notes(target, notes, export_heading(article, args.all))
    out(f"wrote {counted(len(notes), 'note')} to {target}")
    return 0
