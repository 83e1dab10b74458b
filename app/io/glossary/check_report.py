"""The consistency report written out: CSV for a spreadsheet, JSON, and readable lines."""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict

from app.core.consistency import KINDS, Finding
from app.io.atomic import write_csv_atomic
from app.io.glossary.export_tabular import guard_cell

CSV_COLUMNS = ("kind", "severity", "article", "paragraph", "start", "term", "concept", "count", "message")

HEADINGS = {
    "missing-translation": "Approved translation missing (warning)",
    "deprecated": "Deprecated terms used (warning)",
    "mixed-variants": "One concept in several forms (info)",
    "candidate": "Recurring words in neither the glossary nor CC-CEDICT (info)",
}


def _cell(value: object) -> str:
    return "" if value is None else guard_cell(str(value))


def csv_rows(findings: Iterable[Finding]) -> Iterator[list[str]]:
    """Data rows (guarded against formula injection) in the columns of CSV_COLUMNS."""
    for f in findings:
        yield [
            _cell(v)
            for v in (f.kind, f.severity, f.article, f.paragraph, f.start, f.term, f.concept, f.count, f.message)
        ]


def findings_csv(findings: Iterable[Finding], line_end: str = "\n") -> str:
    """The CSV as text with a header row and no BOM: for standard output."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(findings))
    return buffer.getvalue()


def write_findings_csv(findings: Iterable[Finding], path: str | os.PathLike[str]) -> int:
    """UTF-8 with a BOM (so Excel shows Chinese), CRLF, replaced in one step; returns the data rows."""
    return write_csv_atomic(path, CSV_COLUMNS, csv_rows(findings))


def findings_json(findings: Iterable[Finding]) -> list[dict[str, object]]:
    return [asdict(f) for f in findings]


def summary(findings: Sequence[Finding]) -> str:
    counts = Counter(f.kind for f in findings)
    warnings = sum(1 for f in findings if f.severity == "warning")
    parts = [f"{counts[k]} {k}" for k in KINDS if counts[k]]
    return f"{len(findings)} findings ({warnings} warnings)" + (": " + ", ".join(parts) if parts else "")


def findings_text(findings: Sequence[Finding]) -> list[str]:
    """One line a finding, `article:paragraph  message`, under a heading per kind; a summary last."""
    lines: list[str] = []
    kinds = [k for k in KINDS if any(f.kind == k for f in findings)]
    kinds += sorted({f.kind for f in findings} - set(kinds))
    for kind in kinds:
        group = [f for f in findings if f.kind == kind]
        lines.append(f"== {HEADINGS.get(kind, kind)}: {len(group)}")
        for f in group:
            place = f.article if f.paragraph is None else f"{f.article}:{f.paragraph}"
            lines.append(f"{place}  {f.message}")
        lines.append("")
    lines.append(summary(findings))
    return lines
