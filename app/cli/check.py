"""`python -m app concordance` and `python -m app glossary check`: terms across the whole library."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import asdict

from app.io.textinput import InputError, output_path
from app.services.checks import checked_articles
from app.services.context import AppContext
from app.services.library import library_sources

CHECK_FORMATS = ("text", "csv", "json")


def add_parsers(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    conc = sub.add_parser("concordance", help="every place a word occurs in the library, variants folded, in context")
    conc.add_argument("word")
    conc.add_argument("--json", action="store_true", help="print the hits as a JSON list")
    conc.add_argument(
        "--article",
        metavar="ID|FILE",
        action="append",
        help="search only this article (repeatable; default: the whole library)",
    )
    common(conc)


def add_glossary_check(actions: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The `check` action of `glossary` (its parser lives in cli_glossary)."""
    check = actions.add_parser(
        "check", help="report mixed variants, missing approved translations, deprecated terms and new words"
    )
    check.add_argument("articles", nargs="*", metavar="ID|FILE", help="articles to check (default: the whole library)")
    check.add_argument("--format", choices=CHECK_FORMATS, default="text")
    check.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of standard output")
    common(check)


# -- commands ------------------------------------------------------------------------------------
def hit_json(hit) -> dict:
    return asdict(hit)


def cmd_concordance(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.core.concordance import concordance
    from app.services.documents import Documents

    word = args.word.strip()
    if not word:
        raise InputError("give a word to look for")
    hits = concordance(library_sources(Documents(context), args.article), word, context.glossary)
    if args.json:
        out(json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2))
    else:
        for h in hits:
            out(f"{h.article}:{h.paragraph}  {h.left}【{h.form}】{h.right}")
    return 0 if hits else 1


def cmd_glossary_check(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    """Exit 0 when nothing needs fixing (information only), 1 when there is a warning."""
    from app.core.consistency import WARNING, check
    from app.io.glossary import check_report
    from app.services.documents import Documents

    output = output_path(args.output) if args.output else None
    articles = checked_articles(Documents(context), args.articles)
    findings = check(articles, context.glossary, context.cedict.has_word)
    try:
        if args.format == "csv" and output is not None:
            check_report.write_findings_csv(findings, output)
        else:
            if args.format == "csv":
                result = check_report.findings_csv(findings).rstrip("\n")
            elif args.format == "json":
                result = json.dumps(check_report.findings_json(findings), ensure_ascii=False, indent=2)
            else:
                result = "\n".join(check_report.findings_text(findings))
            if output is None:
                out(result)
            else:
                from app.io.atomic import write_bytes_atomic

                write_bytes_atomic(output, (result + "\n").encode("utf-8"))
    except OSError as error:
        raise InputError(f"{output}: cannot be written ({error.strerror or error})") from None
    if output is not None:
        out(check_report.summary(findings) + f" written to {output}")
    return 1 if any(f.severity == WARNING for f in findings) else 0
