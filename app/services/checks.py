"""Checks of terminology across articles: the articles as the core checks want them, a run, and its report."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from app.core.consistency import WARNING, CheckedArticle, Finding, check
from app.io.atomic import OutputError, write_bytes_atomic
from app.io.glossary import check_report
from app.io.textinput import InputError
from app.services.documents import Documents
from app.services.library import find_articles


def checked_articles(documents: Documents, specs: Sequence[str] | None = None) -> list[CheckedArticle]:
    """These articles (default: the library) annotated: from the paragraph cache once seen."""
    return [
        CheckedArticle(article.id, article.title, article.text, documents.annotated(article))
        for article in find_articles(documents, specs)
    ]


def run_checks(documents: Documents, specs: Sequence[str] | None = None) -> list[Finding]:
    """Every finding over these articles (default: the library); builds the CC-CEDICT index if
    it is not there yet, so run it off the window's thread."""
    context = documents.context
    return check(checked_articles(documents, specs), context.glossary, context.cedict.has_word)


def needs_fixing(findings: Sequence[Finding]) -> bool:
    """Whether any finding is a warning, not only information."""
    return any(f.severity == WARNING for f in findings)


def report(findings: Sequence[Finding], fmt: str) -> str:
    """The findings as `text` lines, `csv` (no BOM) or `json`, without a final line break."""
    if fmt == "csv":
        return check_report.findings_csv(findings).rstrip("\n")
    if fmt == "json":
        return json.dumps(check_report.findings_json(findings), ensure_ascii=False, indent=2)
    return "\n".join(check_report.findings_text(findings))


def write_report(findings: Sequence[Finding], fmt: str, target: Path) -> None:
    """The report as a file, replaced in one step; CSV for a spreadsheet (a BOM, CRLF)."""
    try:
        if fmt == "csv":
            check_report.write_findings_csv(findings, target)
        else:
            write_bytes_atomic(target, (report(findings, fmt) + "\n").encode("utf-8"))
    except OutputError as error:  # it says what is wrong and that nothing was replaced
        raise InputError(str(error)) from None
