"""Importing glossary files: the app's own CSV export, plain `source,target[,note]` CSV, TBX 2019 and 2008.

Bad rows and entries are rejected one by one (`file:line: reason`) and the rest imported; only a
file that is unusable as a whole (empty, binary, not CSV or TBX, not UTF-8/UTF-16, malformed or
unsafe XML) raises `GlossaryImportError("file: what is wrong")`. Nothing here raises anything else
for bad input.

The formats themselves are read in `app.io.glossary.import_csv` and `app.io.glossary.import_tbx`.
"""

from __future__ import annotations

import codecs
from dataclasses import replace
from pathlib import Path

from app.core.glossary import Glossary
from app.io.articles.decode import sniff_utf16, without_surrogates
from app.io.glossary.import_common import GlossaryImportError, ImportReport, read_glossary, regions_for, slug
from app.io.glossary.import_csv import csv_text, decode_text, import_csv, import_csv_text, unguard_cell
from app.io.glossary.import_tbx import import_tbx, import_tbx_bytes, parse_xml

__all__ = [
    "GlossaryImportError",
    "ImportReport",
    "decode_text",
    "import_csv",
    "import_csv_text",
    "import_file",
    "import_tbx",
    "import_tbx_bytes",
    "merged",
    "parse_xml",
    "regions_for",
    "slug",
    "unguard_cell",
]


def import_file(path: str | Path, glossary: Glossary | None = None) -> ImportReport:
    """Import a CSV or TBX file, told apart by content (XML starts with `<`), not by name."""
    path = Path(path)
    name = without_surrogates(path.name)  # a file name's bytes that are not UTF-8 would fail when printed
    data = read_glossary(path)
    head = data[:4096]
    utf16 = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else sniff_utf16(head)
    if utf16:
        head = head.decode(utf16, "ignore").encode("utf-8")
    if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"<"):
        return import_tbx_bytes(data, name, glossary)
    return import_csv_text(csv_text(data, name), name, glossary)


def merged(glossary: Glossary, report: ImportReport, origin: str = "user") -> Glossary:
    """The glossary with the imported concepts laid over it (each marked with `origin`)."""
    return glossary.layered({c.id: replace(c, origin=origin) for c in report.concepts})
