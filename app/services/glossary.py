"""The term base as the front ends change and share it: a file imported into the user's layer, exports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.io.articles.bundled import bundled_article, bundled_articles
from app.io.glossary.export import export
from app.io.glossary.export_scope import concepts_in_text
from app.io.glossary.import_common import ImportReport
from app.io.glossary.importing import GlossaryImportError, import_file
from app.io.textinput import InputError, output_path, read_lines
from app.services.context import AppContext


@dataclass(frozen=True)
class Exported:
    target: Path
    entries: int  # rows, notes or entries written, as the format counts them
    concepts: int


def import_glossary(context: AppContext, path: Path) -> ImportReport:
    """Add or update the concepts of a CSV or TBX file in the user's layer, in one transaction
    (the import lands whole, or on a crash not at all), and use the glossary it makes."""
    try:
        report = import_file(path, context.glossary)
    except GlossaryImportError as error:
        raise InputError(str(error)) from None
    context.store.import_concepts(report.concepts, set(context.glossary.concepts))
    context.reload_glossary()
    return report


def export_glossary(context: AppContext, output: str | Path, fmt: str, article: str | None = None) -> Exported:
    """Write the glossary to `output`, or only the concepts that occur in `article` (a bundled id
    or a text file), with example sentences from it and the bundled articles."""
    glossary = context.glossary
    text = _article_text(article) if article else None
    target = output_path(output)
    concepts = concepts_in_text(glossary, text) if text is not None else list(glossary)
    examples = ([text] if text else []) + [a.text for a in bundled_articles()]
    # An OutputError says what went wrong.
    count = export(concepts, target, fmt, texts=examples, derive=True, stamps=context.anki_stamps())
    return Exported(target, count, len(concepts))


def _article_text(spec: str) -> str:
    article = bundled_article(spec)
    if article is not None:
        return article.text
    path = Path(spec)
    if not path.exists():
        raise InputError(f"{spec}: neither a bundled article id nor a file")
    return "\n".join(read_lines(path))
