"""`python -m app glossary lookup|export|import`: the term base from the command line."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.glossary import Concept, derive_pinyin
from app.core.notes import sources_line
from app.io.articles.decode import without_surrogates
from app.io.glossary.export import FORMATS
from app.io.textinput import InputError

if TYPE_CHECKING:
    from app.io.cedict.parse import Entry
    from app.services.context import AppContext


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Callable[[argparse.ArgumentParser], None]
) -> None:
    glossary = sub.add_parser("glossary", help="look up, export or import glossary terms")
    actions = glossary.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)

    lookup = actions.add_parser("lookup", help="find a concept by Chinese (either script), English or pinyin")
    lookup.add_argument("word")
    lookup.add_argument("--json", action="store_true", help="print JSON")
    common(lookup)

    export = actions.add_parser("export", help="write the glossary for a CAT tool or Anki")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write (replaced in one step)")
    export.add_argument("--article", metavar="ID|FILE", help="only concepts that occur in this article")
    common(export)

    imp = actions.add_parser("import", help="add or update concepts from a CSV or TBX file")
    imp.add_argument("file")
    common(imp)

    check = actions.add_parser("check-files", help="validate glossary TOML files (default: the bundled ones)")
    check.add_argument("folder", nargs="?", help="a folder of glossary *.toml files")
    common(check)

    from app.cli import check as cli_check

    cli_check.add_glossary_check(actions, common)


def run(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.cli.check import cmd_glossary_check

    actions = {
        "lookup": _lookup,
        "export": _export,
        "import": _import,
        "check-files": _check_files,
        "check": cmd_glossary_check,
    }
    return actions[args.glossary_command](args, context, out)


def _check_files(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.io.glossary.files import BUNDLED_DIR, load_glossary

    folder = Path(args.folder) if args.folder else BUNDLED_DIR
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of glossary files")
    result = load_glossary(folder)
    for problem in result.problems:
        out(str(problem))
    files = len(list(folder.glob("*.toml")))
    out(f"{len(result.glossary)} concepts loaded from {files} files, {len(result.problems)} problems")
    return 1 if result.problems else 0


def _export(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.services.glossary import export_glossary

    exported = export_glossary(context, args.output, args.format, args.article)
    unit = "notes" if args.format == "anki" else ("entries" if args.format.startswith("tbx") else "rows")
    out(f"wrote {exported.entries} {unit} for {exported.concepts} concepts to {exported.target}")
    return 0


def _import(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.services.glossary import import_glossary

    path = Path(args.file)
    report = import_glossary(context, path)
    for line in report.rejected:
        out(f"rejected: {line}")
    out(
        f"{without_surrogates(path.name)}: {report.added} added, {report.updated} updated, {len(report.rejected)} rejected"
    )
    return 0


def concept_json(concept: Concept, found: str | None = None) -> dict[str, Any]:
    return {
        "id": concept.id,
        "category": concept.category,
        "english": list(concept.english),
        "note": concept.note,
        "sources": list(concept.sources),
        "origin": concept.origin,
        "found": found,
        "terms": [
            {
                "text": t.text,
                "regions": list(t.regions),
                "status": t.status,
                "pinyin": t.pinyin or derive_pinyin(t.text),
            }
            for t in concept.terms
        ],
    }


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "traditional": entry.traditional,
        "simplified": entry.simplified,
        "pinyin": entry.pinyin_marks,
        "taiwan_pinyin": entry.taiwan_pinyin_marks,
        "regions": list(entry.all_regions),
        "senses": list(entry.senses),
    }


def _lookup(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    from app.services.lookup import search_word

    # Word frequencies order the English matches; the tables are read only if one is asked for.
    found = search_word(context.glossary, context.cedict, args.word, lambda w: context.levels.of(w).zipf)
    word, concepts, hit, entries = found.query, found.concepts, found.found, found.entries
    if args.json:
        out(
            json.dumps(
                {
                    "query": word,
                    "concepts": [concept_json(c, hit[1].text if hit and hit[0].id == c.id else None) for c in concepts],
                    "cedict": [entry_json(e) for e in entries],
                    "cedict_by": "pinyin" if found.by_pinyin else "characters",
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0 if concepts or entries else 1
    for concept in concepts:
        out(f"{concept.preferred_english}  [{concept.category}]  {concept.id}")
        if len(concept.english) > 1:
            out(f"  also: {' | '.join(concept.english[1:])}")
        for term in concept.terms:
            marker = "*" if hit and hit[0].id == concept.id and term.text == hit[1].text else " "
            pinyin = term.pinyin or derive_pinyin(term.text)
            out(f" {marker}{term.text}  {', '.join(term.regions):6s}  {term.status:10s}  {pinyin}")
        if concept.note:
            out(f"  {concept.note}")
        if concept.sources:
            out(f"  {sources_line(concept.sources)}")
        out("")
    for entry in entries:
        regions = f" ({', '.join(entry.all_regions)})" if entry.all_regions else ""
        taiwan = f" Taiwan pr. {entry.taiwan_pinyin_marks}" if entry.taiwan_pinyin_marks else ""
        out(
            f"CC-CEDICT {entry.traditional} {entry.simplified} [{entry.pinyin_marks}]{regions}{taiwan}: "
            + " / ".join(entry.senses)
        )
    if not concepts and not entries:
        out(f"{word}: not found in the glossary or CC-CEDICT")
        return 1
    return 0
