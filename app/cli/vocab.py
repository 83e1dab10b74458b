"""`python -m app vocab` and `python -m app correct`: a student's words and per-document corrections."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.vocabulary import STATUSES
from app.io.textinput import output_path

if TYPE_CHECKING:
    from app.io.articles.bundled import Article
    from app.services.context import AppContext
    from app.services.documents import Documents


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Callable[[argparse.ArgumentParser], None]
) -> None:
    vocab = sub.add_parser("vocab", help="word statuses (new, learning, known), figures, study exports")
    actions = vocab.add_subparsers(dest="vocab_command", metavar="ACTION", required=True)
    mark = actions.add_parser("mark", help="mark a word new, learning or known (forget: none)")
    mark.add_argument("word")
    mark.add_argument("status", choices=(*STATUSES, "none"))
    mark.add_argument("--article", metavar="ID|FILE", help="remember the sentence the word was met in")
    common(mark)
    figures = actions.add_parser("stats", help="words, distinct words and share known in an article")
    figures.add_argument("article", metavar="ID|FILE")
    figures.add_argument("--json", action="store_true", help="with the article's level profile")
    common(figures)
    level = actions.add_parser("level", help="HSK 3.0 level and Zipf frequency of each word (either script)")
    level.add_argument("words", nargs="+", metavar="WORD")
    level.add_argument("--json", action="store_true")
    common(level)
    export = actions.add_parser("export", help="write words with a status (default learning) to Anki or CSV")
    export.add_argument("--format", choices=("anki", "csv"), required=True)
    export.add_argument("-o", "--output", required=True, metavar="OUT")
    export.add_argument("--status", choices=STATUSES, default="learning")
    export.add_argument("--audio", action="store_true", help="anki: each word spoken (espeak-ng) in the deck")
    common(export)

    correct = sub.add_parser("correct", help="fix a document's segmentation or a reading; list or reset fixes")
    correct.add_argument("article", metavar="ID")
    correct.add_argument("action", choices=("split", "merge", "reading", "list", "reset"))
    correct.add_argument("offset", nargs="?", type=int, help="character offset in the article's text")
    correct.add_argument("reading", nargs="?", help="for `reading`: the reading in tone numbers, e.g. liao3")
    common(correct)


def _article(context: AppContext, spec: str) -> tuple[Documents, Article]:
    from app.services.documents import Documents
    from app.services.library import find_article

    documents = Documents(context)
    return documents, find_article(documents, spec)


def cmd_vocab(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.services.study import article_stats, level_profile, mark_word

    if args.vocab_command == "mark":
        article = _article(context, args.article)[1] if args.article else None
        mark_word(context, args.word, None if args.status == "none" else args.status, article)
        out(f"{args.word}: {args.status}")
        return 0
    if args.vocab_command == "level":
        found = [context.levels.of(word) for word in args.words]
        for level in found:
            out(
                json.dumps(
                    {"word": level.word, "hsk": level.hsk_name, "tocfl": None, "zipf": level.zipf}, ensure_ascii=False
                )
                if args.json
                else f"{level.word}\tHSK {level.hsk_name}\tZipf {level.zipf:.2f}"
            )
        return 0
    if args.vocab_command == "stats":
        documents, article = _article(context, args.article)
        figures = article_stats(documents, article)
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
                        "levels": level_profile(documents, article),
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
    from app.services.study import export_words

    target = output_path(args.output)
    count = export_words(context, target, args.format, args.status, audio=args.audio)
    out(f"wrote {count} {args.status} words to {target}")
    return 0


def cmd_correct(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.services.study import correct, reset_corrections

    documents, article = _article(context, args.article)
    if args.action == "list":
        fixes = documents.corrections(article)
        for offset in sorted(fixes.splits):
            out(f"split {offset}")
        for offset in sorted(fixes.merges):
            out(f"merge {offset}")
        for offset, reading in sorted(fixes.readings.items()):
            out(f"reading {offset} {article.text[offset]} {reading}")
        return 0
    if args.action == "reset":
        reset_corrections(documents, article)
        out(f"{article.id}: corrections reset")
        return 0
    correct(documents, article, args.action, args.offset, args.reading or "")
    out(f"{article.id}: {args.action} at {args.offset}")
    return 0
