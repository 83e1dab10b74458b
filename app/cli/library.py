"""`python -m app list|import|annotate`: the library from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from app.cli.options import add_script_option
from app.io.textinput import InputError, output_path
from app.services.context import AppContext
from app.services.library import import_text


def add_parsers(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    listing = sub.add_parser("list", help="the articles in the library (bundled ones first)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    common(listing)

    imp = sub.add_parser("import", help="add a text (txt, md, html, docx, epub; - for standard input) to the library")
    imp.add_argument("file")
    imp.add_argument("--title", help="the article's title (default: its first heading, else the file name)")
    common(imp)

    annotate = sub.add_parser("annotate", help="an article's words, readings, concepts and notes")
    annotate.add_argument("article", metavar="ID|FILE")
    annotate.add_argument("--format", choices=("json", "html"), default="json")
    annotate.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of standard output")
    add_script_option(annotate)
    common(annotate)


def cmd_list(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.services.documents import Documents

    summaries = Documents(context).summaries()
    if args.json:
        out(
            json.dumps(
                [
                    {"id": s.id, "title": s.title, "source": s.source, "paragraphs": s.paragraphs, "bundled": s.bundled}
                    for s in summaries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for s in summaries:
        out(f"{s.id}\t{s.title}\t{s.source}\t{s.paragraphs} paragraphs")
    return 0


def cmd_import(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.io.articles.importers import ArticleImportError, read_article_file, read_pasted

    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read()
            try:
                imported = read_pasted(raw.decode("utf-8-sig"), args.title)
            except UnicodeDecodeError:
                raise InputError("<stdin>: not valid UTF-8") from None
        else:
            imported = read_article_file(args.file, args.title)
    except ArticleImportError as error:
        raise InputError(str(error)) from None
    out(import_text(context, imported))
    return 0


def cmd_annotate(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.io.articles.handouts import annotated_html, annotated_json
    from app.io.articles.importers import ArticleImportError
    from app.services.documents import ArticleNotFound, Documents

    documents = Documents(context)
    try:
        article = documents.article(args.article)
    except (ArticleNotFound, ArticleImportError) as error:
        raise InputError(str(error)) from None
    annotated = documents.annotated(article, script=args.script)
    if args.format == "json":
        result = json.dumps(
            annotated_json(article.id, article.title, annotated, context.proper_names), ensure_ascii=False
        )
    else:
        result = annotated_html(article.title, article.meta, annotated, context.glossary, context.proper_names)
    if args.output:
        from app.io.atomic import write_bytes_atomic

        target = output_path(args.output)
        write_bytes_atomic(target, result.encode("utf-8"))
    else:
        out(result)
    return 0
