"""`python -m app concordance` (or `find`) and `python -m app glossary check`: terms across the whole library."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING

from app.io.textinput import output_path

if TYPE_CHECKING:
    from app.services.context import AppContext

CHECK_FORMATS = ("text", "csv", "json")


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Callable[[argparse.ArgumentParser], None]
) -> None:
    # `find` is the same command under the name the window's Ctrl+Shift+F goes by.
    conc = sub.add_parser(
        "concordance",
        aliases=["find"],
        help="find any text across the library, in either script, a glossary form's variants folded, in context",
    )
    conc.add_argument("word", metavar="TEXT", help="any text; a glossary form (普京) also finds its variants (普丁)")
    conc.add_argument("--json", action="store_true", help="print the hits as a JSON list")
    conc.add_argument(
        "--article",
        metavar="ID|FILE",
        action="append",
        help="search only this article (repeatable; default: the whole library)",
    )
    common(conc)


def add_glossary_check(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], common: Callable[[argparse.ArgumentParser], None]
) -> None:
    """The `check` action of `glossary` (its parser lives in cli_glossary)."""
    check = actions.add_parser(
        "check", help="report mixed variants, missing approved translations, deprecated terms and new words"
    )
    check.add_argument("articles", nargs="*", metavar="ID|FILE", help="articles to check (default: the whole library)")
    check.add_argument("--format", choices=CHECK_FORMATS, default="text")
    check.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of standard output")
    common(check)


# -- commands ------------------------------------------------------------------------------------
def cmd_concordance(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.services.documents import Documents
    from app.services.library import search_library

    hits = search_library(Documents(context), args.word, args.article)
    if args.json:
        out(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
    else:
        for h in hits:
            out(f"{h.article}:{h.paragraph}  {h.left}【{h.form}】{h.right}")
    return 0 if hits else 1


def cmd_glossary_check(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    """Exit 0 when nothing needs fixing (information only), 1 when there is a warning."""
    from app.io.glossary.check_report import summary
    from app.services.checks import needs_fixing, report, run_checks, write_report
    from app.services.documents import Documents

    output = output_path(args.output) if args.output else None
    findings = run_checks(Documents(context), args.articles)
    if output is None:
        out(report(findings, args.format))
    else:
        write_report(findings, args.format, output)
        out(summary(findings) + f" written to {output}")
    return 1 if needs_fixing(findings) else 0
