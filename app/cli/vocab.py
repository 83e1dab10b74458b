"""`python -m app vocab` and `python -m app correct`: a student's words and per-document corrections."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from app.core.vocabulary import STATUSES, sentence_around
from app.io.textinput import InputError, output_path
from app.services.context import AppContext
from app.services.study import article_stats, study_words


def add_parsers(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    vocab = sub.add_parser("vocab", help="word statuses (new, learning, known), figures, study exports")
    actions = vocab.add_subparsers(dest="vocab_command", metavar="ACTION", required=True)
    mark = actions.add_parser("mark", help="mark a word new, learning or known (forget: none)")
    mark.add_argument("word")
    mark.add_argument("status", choices=(*STATUSES, "none"))
    mark.add_argument("--article", metavar="ID|FILE", help="remember the sentence the word was met in")
    common(mark)
    figures = actions.add_parser("stats", help="words, distinct words and share known in an article")
    figures.add_argument("article", metavar="ID|FILE")
    figures.add_argument("--json", action="store_true")
    common(figures)
    export = actions.add_parser("export", help="write words with a status (default learning) to Anki or CSV")
    export.add_argument("--format", choices=("anki", "csv"), required=True)
    export.add_argument("-o", "--output", required=True, metavar="OUT")
    export.add_argument("--status", choices=STATUSES, default="learning")
    common(export)

    correct = sub.add_parser("correct", help="fix a document's segmentation or a reading; list or reset fixes")
    correct.add_argument("article", metavar="ID")
    correct.add_argument("action", choices=("split", "merge", "reading", "list", "reset"))
    correct.add_argument("offset", nargs="?", type=int, help="character offset in the article's text")
    correct.add_argument("reading", nargs="?", help="for `reading`: the reading in tone numbers, e.g. liao3")
    common(correct)


def _article(context: AppContext, spec: str):
    from app.io.articles.importers import ArticleImportError
    from app.services.documents import ArticleNotFound, Documents

    documents = Documents(context)
    try:
        return documents, documents.article(spec)
    except (ArticleNotFound, ArticleImportError) as error:
        raise InputError(str(error)) from None


def cmd_vocab(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    if args.vocab_command == "mark":
        sentence, article_id = "", ""
        if args.article:
            _, article = _article(context, args.article)
            position = article.text.find(args.word)
            if position >= 0:
                sentence, article_id = sentence_around(article.text, position, position + len(args.word)), article.id
        context.store.set_word_status(args.word, None if args.status == "none" else args.status, sentence, article_id)
        out(f"{args.word}: {args.status}")
        return 0
    if args.vocab_command == "stats":
        documents, article = _article(context, args.article)
        figures = article_stats(context, documents, article)
        if args.json:
            out(
                json.dumps(
                    {
                        "article": article.id,
                        "words": figures.words,
                        "distinct": figures.distinct,
                        "known": figures.known,
                        "learning": figures.learning,
                        "names": figures.names,
                        "share_known": round(figures.share_known, 4),
                    }
                )
            )
        else:
            out(
                f"{article.id}: {figures.words} words, {figures.distinct} distinct, "
                f"{figures.share_known:.0%} known ({figures.known}), {figures.learning} learning, "
                f"{figures.names} glossary names not counted"
            )
        return 0
    return _export(args, context, out)


def _export(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.io.vocab_export import write_anki, write_csv

    target = output_path(args.output)
    words = study_words(context, args.status)
    count = (write_anki if args.format == "anki" else write_csv)(words, target)
    out(f"wrote {count} {args.status} words to {target}")
    return 0


def cmd_correct(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    documents, article = _article(context, args.article)
    store = context.store
    fixes = store.corrections(article.id)
    if args.action == "list":
        for offset in sorted(fixes.splits):
            out(f"split {offset}")
        for offset in sorted(fixes.merges):
            out(f"merge {offset}")
        for offset, reading in sorted(fixes.readings.items()):
            out(f"reading {offset} {article.text[offset]} {reading}")
        return 0
    if args.action == "reset":
        from app.core.text import Corrections

        store.set_corrections(article.id, Corrections())
        out(f"{article.id}: corrections reset")
        return 0
    if args.offset is None or not 0 < args.offset < len(article.text) + (args.action == "reading"):
        raise InputError(f"{args.action}: give a character offset inside the article (0 to {len(article.text) - 1})")
    if args.action == "split":
        fixes = fixes.split_at(args.offset)
    elif args.action == "merge":
        fixes = fixes.merge_at(args.offset)
    else:
        if not args.reading:
            raise InputError("reading: give the reading in tone numbers, e.g. liao3")
        fixes = fixes.with_reading(args.offset, args.reading)
    store.set_corrections(article.id, fixes)
    out(f"{article.id}: {args.action} at {args.offset}")
    return 0
