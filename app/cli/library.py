"""`python -m app list|import|annotate|library`: the library from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.cli.options import add_script_option, add_tone_option
from app.io.textinput import InputError, output_path

if TYPE_CHECKING:
    from app.core.annotated import AnnotatedParagraph
    from app.io.articles.bundled import Article
    from app.services.context import AppContext


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Callable[[argparse.ArgumentParser], None]
) -> None:
    listing = sub.add_parser("list", help="the articles in the library (bundled ones first) and how far each is read")
    listing.add_argument("--json", action="store_true", help="print JSON")
    common(listing)

    imp = sub.add_parser("import", help="add a text (txt, md, html, docx, epub; - for standard input) to the library")
    imp.add_argument("file")
    imp.add_argument("--title", help="the article's title (default: its first heading, else the file name)")
    imp.add_argument("--copy", action="store_true", help="import it even when the same text is in the library already")
    common(imp)

    annotate = sub.add_parser(
        "annotate", help="an article's words, readings, concepts and notes (JSON), or its handout (HTML, PDF)"
    )
    annotate.add_argument("article", metavar="ID|FILE")
    annotate.add_argument(
        "--format",
        choices=("json", "html", "pdf"),
        default="json",
        help="json for scripts; html or pdf: the handout, readings over the words and notes beside them",
    )
    annotate.add_argument(
        "-o", "--output", metavar="OUT", help="write to this file instead of standard output (pdf: needed, or -)"
    )
    add_script_option(annotate)
    add_tone_option(annotate)
    common(annotate)

    library = sub.add_parser(
        "library", help="the library with each text's progress and word levels; rename, delete, restore an article"
    )
    actions = library.add_subparsers(dest="library_command", metavar="ACTION", required=True)
    figures = actions.add_parser(
        "list",
        help="the articles with how far each is read and its level profile (HSK 1-4 share, share known); "
        "a text's profile is worked out once, then kept",
    )
    figures.add_argument("--json", action="store_true", help="print JSON, the figures as numbers")
    common(figures)
    rename = actions.add_parser("rename", help="give an imported article a new title")
    rename.add_argument("article", metavar="ID")
    rename.add_argument("title", metavar="TITLE")
    common(rename)
    delete = actions.add_parser(
        "delete", help="move an imported article to the trash, its notes and corrections with it (restorable)"
    )
    delete.add_argument("article", metavar="ID")
    delete.add_argument(
        "--purge", action="store_true", help="remove it for good, from the library or the trash, notes and all"
    )
    common(delete)
    restore = actions.add_parser("restore", help="bring an article back from the trash, with its notes")
    restore.add_argument("article", metavar="ID")
    common(restore)
    trash = actions.add_parser("trash", help="the articles in the trash, the most recently deleted first")
    trash.add_argument("--empty", action="store_true", help="remove every article in the trash for good, notes and all")
    common(trash)


def cmd_list(args: argparse.Namespace, context: AppContext, out: Callable[[str], None], levels: bool = False) -> int:
    """The library; `levels` (`library list`): with each text's level profile, worked out when
    it is not kept yet."""
    from app.core.levels import easy_share
    from app.services.documents import Documents
    from app.services.profiles import library_profiles
    from app.services.progress import library_progress

    documents = Documents(context)
    summaries = documents.summaries()
    progress = library_progress(context, summaries)
    profiles = library_profiles(documents, summaries, _working) if levels else {}
    if args.json:
        rows = []
        for s in summaries:
            row: dict[str, object] = {
                "id": s.id,
                "title": s.title,
                "source": s.source,
                "paragraphs": s.paragraphs,
                "bundled": s.bundled,
            }
            read = progress.get(s.id)  # None: never opened
            row["read"] = read.share if read is not None else None
            row["read_paragraphs"] = read.read if read is not None else 0
            if levels:
                row["hsk_1_4"] = easy_share(profiles[s.id])
                row["known"] = profiles[s.id]["known"]
                row["levels"] = profiles[s.id]
            rows.append(row)
        out(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for s in summaries:
        read = progress.get(s.id)
        line = f"{s.id}\t{s.title}\t{s.source}\t{s.paragraphs} paragraphs\t"
        line += f"read {read.share:.0%}" if read is not None else "not opened"
        if levels:
            line += f"\tHSK 1-4 {easy_share(profiles[s.id]):.0%}\tknown {profiles[s.id]['known']:.0%}"
        out(line)
    return 0


def _working(count: int) -> None:
    print(f"working out the word levels of {count} texts (once: they are kept)…", file=sys.stderr)


def cmd_import(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.core.text import escaped_controls
    from app.services.library import add_to_library, read_import

    imported = read_import(args.file, args.title, sys.stdin.buffer)
    result = add_to_library(context, imported, copy=args.copy)
    if result.already:
        # The id on standard output as for a new article, so a script goes on with it.
        name = "<stdin>" if args.file == "-" else imported.source
        print(
            f"{escaped_controls(name)}: already in the library as {result.id} ({escaped_controls(result.title)});"
            " import --copy adds it again",
            file=sys.stderr,
        )
    out(result.id)
    return 0


def cmd_annotate(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.io.articles.handouts import annotated_html, annotated_json
    from app.services.documents import Documents
    from app.services.library import find_article

    if args.format == "pdf" and not args.output:
        raise InputError("annotate --format pdf: give the file to write with -o OUT (- for standard output)")
    documents = Documents(context)
    article = find_article(documents, args.article)
    annotated = documents.annotated(article, script=args.script)
    tones = args.tone_colours or "off"
    if args.format == "pdf":
        return _write_pdf(args.output, article, annotated, context, tones)
    if args.format == "json":
        result = json.dumps(
            annotated_json(article.id, article.title, annotated, context.proper_names), ensure_ascii=False
        )
    else:
        result = annotated_html(article.title, article.meta, annotated, context.glossary, context.proper_names, tones)
    if args.output:
        from app.io.atomic import write_bytes_atomic

        target = output_path(args.output)
        write_bytes_atomic(target, result.encode("utf-8"))
    else:
        out(result)
    return 0


def _write_pdf(
    output: str, article: Article, annotated: list[AnnotatedParagraph], context: AppContext, tones: str
) -> int:
    # The window's File > Export handout (PDF) writes with the same function.
    from app.io.articles.handout_layout import Choices
    from app.io.articles.handout_pdf import write_handout_pdf
    from app.io.atomic import OutputError
    from app.io.fonts import FontMissing

    target = output_path(output)
    try:
        pages = write_handout_pdf(
            target, article.title, article.meta, annotated, Choices(capitals=context.proper_names, tones=tones)
        )
    except FontMissing as error:
        raise OutputError(f"{target}: {error}; nothing was written") from None
    print(f"Wrote {pages} pages to {target}", file=sys.stderr)
    return 0


def cmd_library(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.services import library
    from app.services.library import restore_hint
    from app.services.notes import counted

    article_id = getattr(args, "article", "")
    if args.library_command == "list":
        return cmd_list(args, context, out, levels=True)
    if args.library_command == "rename":
        out(f"{article_id} is now titled {library.rename_article(context, article_id, args.title)}")
    elif args.library_command == "delete" and args.purge:
        title = library.purge_article(context, article_id)
        out(f"deleted {article_id} ({title}) for good, with its notes and corrections")
    elif args.library_command == "delete":
        gone = library.delete_article(context, article_id)
        kept = f"{counted(gone.notes, 'note')} and {counted(gone.corrections, 'correction')}"
        out(f"moved {gone.id} ({gone.title}) to the trash with your {kept}")
        out(restore_hint(gone.id))
    elif args.library_command == "restore":
        out(f"restored {article_id} ({library.restore_article(context, article_id)}) with its notes and corrections")
    elif args.empty:
        purged = library.empty_trash(context)
        out(f"removed {counted(len(purged), 'article')} from the trash for good" if purged else "the trash is empty")
        for stored in purged:
            out(f"{stored.id}\t{stored.title}")
    else:
        for stored in library.trashed_articles(context):
            out(f"{stored.id}\t{stored.title}\t{stored.source}")
    return 0
