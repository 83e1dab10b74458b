"""`python -m app translation set|show|check|target|export|import`: the user's own translation of
an article, paragraph by paragraph (numbered from 1), its checks and its bilingual files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.glossary import REGIONS
from app.io.bilingual import FORMATS
from app.io.textinput import InputError, output_path

if TYPE_CHECKING:
    from app.services.context import AppContext
    from app.services.translation import ArticleTranslation

ARTICLE_HELP = "a bundled or imported article's id (as annotate takes)"


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Callable[[argparse.ArgumentParser], None]
) -> None:
    parser = sub.add_parser("translation", help="your own translation of an article: write, check, export, import")
    actions = parser.add_subparsers(dest="translation_command", metavar="ACTION", required=True)

    put = actions.add_parser("set", help="set your translation of one paragraph (empty text removes it)")
    put.add_argument("article", metavar="ID", help=ARTICLE_HELP)
    put.add_argument("paragraph", metavar="PARAGRAPH", type=int, help="the paragraph's number, from 1")
    put.add_argument("text", metavar="TEXT|-", help="the translation, or - to read it from standard input")
    common(put)

    show = actions.add_parser("show", help="each paragraph with your translation")
    show.add_argument("article", metavar="ID", help=ARTICLE_HELP)
    show.add_argument("--json", action="store_true", help="print a JSON list of paragraphs")
    common(show)

    check = actions.add_parser("check", help="check your translation against the glossary and the source")
    check.add_argument("article", metavar="ID", help=ARTICLE_HELP)
    check.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    check.add_argument("--target", choices=REGIONS, help="the region translated for (default: the article's)")
    common(check)

    target = actions.add_parser("target", help="show or set the region the article is translated for")
    target.add_argument("article", metavar="ID", help=ARTICLE_HELP)
    target.add_argument("region", metavar="REGION", nargs="?", choices=(*REGIONS, "auto"), help="CN, TW, HK or auto")
    common(target)

    export = actions.add_parser("export", help="write a bilingual file: TMX, XLIFF or a DOCX table")
    export.add_argument("article", metavar="ID", help=ARTICLE_HELP)
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument(
        "--source", choices=("mine", "bundled"), default="mine", help="whose translation (default: yours)"
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write (replaced in one step); - for standard output",
    )
    common(export)

    imp = actions.add_parser("import", help="store the targets of a translated TMX or XLIFF as your translation")
    imp.add_argument("article", metavar="ID", help=ARTICLE_HELP)
    imp.add_argument("file", metavar="FILE")
    common(imp)


def cmd_translation(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.services.documents import Documents
    from app.services.library import find_article
    from app.services.translation import ArticleTranslation

    documents = Documents(context)
    work = ArticleTranslation(documents, find_article(documents, args.article))
    command: str = args.translation_command
    return _ACTIONS[command](args, work, out)


def _set(args: argparse.Namespace, work: ArticleTranslation, out: Callable[[str], None]) -> int:
    index = work.index_of(args.paragraph)
    text = sys.stdin.read() if args.text == "-" else args.text
    work.set(index, text)
    out(f"paragraph {args.paragraph}: {'saved' if text.strip() else 'translation removed'}")
    return 0


def _show(args: argparse.Namespace, work: ArticleTranslation, out: Callable[[str], None]) -> int:
    mine = work.mine()
    stale = work.stale()
    if args.json:
        rows = [
            {"paragraph": i + 1, "source": text, "translation": mine.get(i, "")} for i, text in enumerate(work.texts)
        ]
        out(
            json.dumps({"target": work.target(), "paragraphs": rows, "stale": len(stale)}, ensure_ascii=False, indent=2)
        )
        return 0
    out(f"{work.article.id}: {len(mine)} of {len(work.texts)} paragraphs translated, for {work.target()}")
    for index, text in enumerate(work.texts):
        out(f"\n[{index + 1}] {text}")
        out(f"    {mine[index]}" if index in mine else "    (no translation)")
    for row in stale:
        out(f"\nparagraph {row.paragraph + 1} changed since it was translated; your translation was: {row.text}")
    return 0


def _check(args: argparse.Namespace, work: ArticleTranslation, out: Callable[[str], None]) -> int:
    from app.services.translation import findings_json, findings_text

    findings = work.check(args.target)
    if args.json:
        out(findings_json(findings))
    else:
        for line in findings_text(findings):
            out(line)
        out(f"{len(findings)} finding{'' if len(findings) == 1 else 's'} (target {args.target or work.target()})")
    return 1 if findings else 0


def _target(args: argparse.Namespace, work: ArticleTranslation, out: Callable[[str], None]) -> int:
    if args.region is not None:
        work.set_target(None if args.region == "auto" else args.region)
    out(f"{work.article.id}: translated for {work.target()}")
    return 0


def _export(args: argparse.Namespace, work: ArticleTranslation, out: Callable[[str], None]) -> int:
    from app.io.atomic import OutputError

    target = output_path(args.output)
    if str(target) == "-" and args.format == "docx":
        raise InputError("a DOCX file cannot go to standard output; give a file name with -o")
    try:
        translated = work.export(args.format, target, args.source)
    except OutputError as error:
        raise InputError(str(error)) from None
    if str(target) != "-":  # on standard output the file is all there is
        out(f"wrote {len(work.texts)} paragraphs ({translated} translated) to {target}")
    return 0


def _import(args: argparse.Namespace, work: ArticleTranslation, out: Callable[[str], None]) -> int:
    plan = work.plan_import(Path(args.file))
    work.set_many(plan.rows)
    for line in plan.skipped:
        out(line)
    out(plan.summary())
    return 0


_ACTIONS: dict[str, Callable[[argparse.Namespace, ArticleTranslation, Callable[[str], None]], int]] = {
    "set": _set,
    "show": _show,
    "check": _check,
    "target": _target,
    "export": _export,
    "import": _import,
}
