"""Importing a CSV glossary: the app's own export (with `concept_id`) or a plain `source,target[,note]`.

Encodings: CSV is read as UTF-8 or UTF-16, with or without a BOM. A legacy Chinese
encoding (Big5, GB18030, ...) is refused with a message naming the encoding it looks like,
rather than decoded: a guess between Big5 and GB18030 on a short file can be wrong in a way
that still yields plausible Chinese, and silently importing misdecoded terms into a glossary is
worse than asking for a UTF-8 file.

The formula guard of the CSV export is undone here: one leading apostrophe is removed from a
cell matching ``'+[=+\\-@\\t\\r\\n]`` (see `app.io.glossary.export`).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

from app.core.glossary import CATEGORIES, REGIONS, SCRIPTS, STATUSES, ChineseTerm, Concept, Glossary, fold
from app.core.text import HAN, without_controls
from app.io.articles.decode import choose_legacy, sniff_utf16
from app.io.glossary.export_tabular import CSV_COLUMNS
from app.io.glossary.import_common import (
    Builder,
    Draft,
    GlossaryImportError,
    ImportReport,
    read_glossary,
    regions_for,
    too_many_terms,
)

_UNGUARD = re.compile(r"^'+[=+\-@\t\r\n]")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LEGACY = {
    "big5": "Big5",
    "big5hkscs": "Big5-HKSCS",
    "cp950": "Big5 (cp950)",
    "gb18030": "GB18030",
    "gbk": "GBK",
    "gb2312": "GB2312",
    "hz": "HZ",
    "cp936": "GBK (cp936)",
    "euc_jp": "EUC-JP",
    "shift_jis": "Shift-JIS",
    "cp932": "Shift-JIS (cp932)",
    "euc_kr": "EUC-KR",
    "cp949": "EUC-KR (cp949)",
}
_HEADER_ALIASES = {
    "source": "source",
    "zh": "source",
    "chinese": "source",
    "term": "source",
    "source term": "source",
    "target": "target",
    "en": "target",
    "english": "target",
    "target term": "target",
    "note": "note",
    "comment": "note",
    "notes": "note",
    "definition": "note",
    "concept_id": "concept_id",
    "id": "concept_id",
    "region": "region",
    "regions": "region",
    "status": "status",
    "pinyin": "pinyin",
    "category": "category",
    "script": "script",
    "sources": "sources",
    "origin": "origin",
}


def unguard_cell(value: str) -> str:
    """A CSV cell with the export's formula guard removed (one apostrophe, only where it was added)."""
    return value[1:] if _UNGUARD.match(value) else value


def _split(value: str, seps: str = "|") -> list[str]:
    parts = re.split("[" + re.escape(seps) + "]", value) if value else []
    cleaned = [without_controls(p, keep_lines=True).strip() for p in parts]
    return [p for p in cleaned if p]


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 100 + 1


def decode_text(data: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8 or UTF-16, with or without BOM; else a clear refusal."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    elif sniffed := sniff_utf16(data):
        encoding, body = sniffed, data
    else:
        encoding, body = "utf-8", data
    if encoding == "utf-8" and _looks_binary(body):
        raise GlossaryImportError(f"{name}: a binary file, not a CSV or TBX glossary")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        if encoding.startswith("utf-16"):
            raise GlossaryImportError(f"{name}: not valid UTF-16 (line {line})") from None
        guess = _guess_encoding(body)
        hint = f" (it looks like {guess})" if guess else ""
        raise GlossaryImportError(
            f"{name}: not UTF-8{hint}, first bad byte on line {line}; save the file as UTF-8 and import it again"
        ) from None
    if "\x00" in text or _looks_binary(text[:8192].encode("utf-8", "replace")):
        raise GlossaryImportError(f"{name}: a binary file, not a CSV or TBX glossary")
    return text


def _guess_encoding(data: bytes) -> str:
    # The article importer's ranking (plausible common characters), not charset_normalizer's
    # guess alone, which names UTF-16 or Big5 for two short lines of GB18030.
    ranked = choose_legacy(data[:65536])
    return _LEGACY.get(ranked[0], ranked[0]) if ranked else ""


def _records(text: str) -> Iterator[tuple[int, str | None]]:
    """(first line, record text) for each CSV record; (line, None) for one with an unbalanced quote.

    A record ends at a line end where the count of `"` so far is even (RFC 4180: a doubled
    quote counts twice). When the end of the file comes first, the record's first line is
    reported and reading goes on at the line after it.
    """
    lines = [m.group() for m in _LINE.finditer(text)]
    if lines and lines[-1] == "":
        lines.pop()
    i = 0
    while i < len(lines):
        quotes = lines[i].count('"')
        j = i
        while quotes % 2 and j + 1 < len(lines):
            j += 1
            quotes += lines[j].count('"')
        if quotes % 2:
            yield i + 1, None
            i += 1
            continue
        yield i + 1, "".join(lines[i : j + 1])
        i = j + 1


def _rows(records: list[tuple[int, str | None]], builder: Builder) -> Iterator[tuple[int, list[str]]]:
    for line, record in records:
        if record is None:
            builder.reject(line, "unbalanced quotes (a quoted cell is never closed)")
            continue
        if not record.strip():
            continue
        try:
            parsed = list(csv.reader([record], strict=True))
        except csv.Error as error:
            too_long = "field larger than field limit" in str(error)
            builder.reject(
                line,
                f"a cell is longer than {csv.field_size_limit():,} characters"
                if too_long
                else f"not a valid CSV row ({error})",
            )
            continue
        if len(parsed) != 1:
            builder.reject(line, "not a valid CSV row")
            continue
        yield line, [without_controls(unguard_cell(cell), keep_lines=True) for cell in parsed[0]]


def import_csv(path: str | Path, glossary: Glossary | None = None) -> ImportReport:
    """Import a CSV glossary: the app's own export (with `concept_id`) or a plain `source,target[,note]`."""
    path = Path(path)
    return import_csv_text(csv_text(read_glossary(path), path.name), path.name, glossary)


def csv_text(data: bytes, name: str) -> str:
    """The text of a non-empty CSV file (see decode_text), or GlossaryImportError."""
    text = decode_text(data, name)
    if not text.strip():
        raise GlossaryImportError(f"{name}: the file is empty")
    return text


def import_csv_text(text: str, name: str = "<csv>", glossary: Glossary | None = None) -> ImportReport:
    # Counted as the CSV reader splits records (CR, LF or CRLF, quoted line breaks inside a
    # cell), not by counting "\n": a file with CR line ends is as many rows to the reader.
    records = list(_records(text.lstrip("\ufeff")))
    too_many_terms(name, sum(1 for _, record in records if record is None or record.strip()), "lines")
    builder = Builder(name, glossary)
    rows = _rows(records, builder)
    first = next(rows, None)
    if first is None:
        if builder.rejected:
            raise GlossaryImportError(f"{name}: no readable CSV row ({builder.rejected[0].split(': ', 1)[1]})")
        raise GlossaryImportError(f"{name}: the file is empty")
    line, cells = first
    keys = [_HEADER_ALIASES.get(c.strip().lower()) for c in cells]
    if "source" in keys and "target" in keys:
        columns = {key: index for index, key in reversed(list(enumerate(keys))) if key}
        width, body = len(cells), rows
    else:
        # No header: source,target[,note] by position, each row on its own (ragged files are common).
        columns = {key: index for index, key in enumerate(CSV_COLUMNS[:3])}
        width, body = 0, _chain(first, rows)
    saw_row = usable = False
    first_bad = ""
    for line, cells in body:
        saw_row = True
        cells = cells[: _padded_end(cells, max(width, 2))]  # a spreadsheet pads short rows with empty cells
        if width and len(cells) != width:
            builder.reject(line, f"has {len(cells)} fields, expected {width}")
            continue
        if not width and not 2 <= len(cells) <= 3:
            fields = f"{len(cells)} field{'s' if len(cells) != 1 else ''}"
            first_bad = first_bad or f"line {line} has {fields}"
            builder.reject(line, f"has {fields}, expected source,target[,note]")
            continue
        usable = True
        row = {key: cells[index] for key, index in columns.items() if index < len(cells)}
        if "concept_id" in row and row["concept_id"].strip():
            _app_row(builder, line, row)
        else:
            _plain_row(builder, line, row)
    if not saw_row and not builder.rejected:
        raise GlossaryImportError(f"{name}: only a header row, no terms")
    if not usable and not width:
        raise GlossaryImportError(
            f"{name}: not a CSV glossary (expected source,target[,note] columns, {first_bad or 'no row has them'})"
        )
    return builder.report()


def _padded_end(cells: list[str], keep: int) -> int:
    """The length of `cells` without the empty cells that trail it, never below `keep`."""
    end = len(cells)
    while end > keep and not cells[end - 1].strip():
        end -= 1
    return end


def _chain(first: tuple[int, list[str]], rest: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    yield first
    yield from rest


def _term_from_row(builder: Builder, line: int, row: dict[str, str]) -> ChineseTerm | None:
    source = without_controls(row.get("source", "")).strip()
    if not source:
        builder.reject(line, "empty source term")
        return None
    regions = tuple(r.upper() for r in _split(row.get("region", ""), "|/,"))
    unknown = [r for r in regions if r not in REGIONS]
    if unknown:
        builder.reject(line, f"unknown region {unknown[0]!r} (expected {', '.join(REGIONS)})")
        return None
    status = row.get("status", "").strip().lower() or "preferred"
    if status not in STATUSES:
        builder.reject(line, f"unknown status {status!r} (expected {', '.join(STATUSES)})")
        return None
    script = row.get("script", "").strip()
    if script and script not in SCRIPTS:
        builder.reject(line, f"unknown script {script!r} (expected {', '.join(SCRIPTS)})")
        return None
    return ChineseTerm(source, regions or regions_for(source), status, script, row.get("pinyin", "").strip())


def _app_row(builder: Builder, line: int, row: dict[str, str]) -> None:
    """A row of the app's own export: a concept rebuilt from its rows, or an existing one edited.

    A row naming a concept the glossary has adds its term to that concept, or edits the term of
    the same text; the concept's other terms and English stay. Re-importing an export changes
    nothing, and a one-row file cannot make the rest of a concept vanish.
    """
    concept_id = row["concept_id"].strip()
    category = row.get("category", "").strip()
    if category and category not in CATEGORIES:
        builder.reject(line, f"unknown category {category!r} (expected {', '.join(CATEGORIES)})")
        return
    english = _split(row.get("target", ""))
    base = builder.glossary.get(concept_id)
    if concept_id not in builder.drafts and not english and base is None:
        builder.reject(line, "empty target (no English term)")
        return
    term = _term_from_row(builder, line, row)
    if term is None:
        return
    draft = builder.drafts.get(concept_id)
    if draft is None:
        draft = _app_draft(builder, line, row, concept_id, category, english, base)
    elif base is not None:
        draft.add_english(english)
    if base is not None and draft.holds(term.text):
        draft.replace_term(term)
        return
    hit = builder.glossary.find_term(term.text)
    if hit is not None and hit[0].id != concept_id and hit[0].id not in builder.drafts:
        builder.reject(line, f"term {term.text} is already claimed by concept {hit[0].id!r}")
        return
    builder.add_term(draft, term, line)


def _app_draft(
    builder: Builder,
    line: int,
    row: dict[str, str],
    concept_id: str,
    category: str,
    english: list[str],
    base: Concept | None,
) -> Draft:
    # Concept-level cells are taken from the concept's first row; an existing concept keeps
    # what the row leaves empty.
    origin = row.get("origin", "").strip() or "user"
    note, sources = row.get("note", ""), tuple(_split(row.get("sources", "")))
    if base is None:
        draft = Draft(concept_id, line, category or "other", english, [], note, sources, origin)
    else:
        draft = Draft.editing(base, line, concept_id)
        draft.category, draft.sources, draft.origin = category or base.category, sources or base.sources, origin
        draft.add_english(english)
        if note.strip() and note != base.note:
            draft.edit_note(note)
        for existing in base.terms:
            builder.owners.setdefault(fold(existing.text), concept_id)
    builder.drafts[concept_id] = draft
    builder.ids.taken.add(concept_id)
    return draft


def _plain_row(builder: Builder, line: int, row: dict[str, str]) -> None:
    """A `source,target[,note]` row: merged into the concept that already has the term, else a new one.

    Rows of one file with the same (first) English term become the variants of one concept.
    """
    english = _split(row.get("target", ""))
    if not english:
        builder.reject(line, "empty target (no English term)")
        return
    if HAN.search(english[0]) and not re.search("[A-Za-z]", english[0]):
        # A Chinese target is a zh-zh file or swapped columns; taken as English, it would
        # become the English name of the concept the source belongs to.
        builder.reject(line, f"target {english[0]} is Chinese; expected the English term")
        return
    term = _term_from_row(builder, line, row)
    if term is None:
        return
    note = row.get("note", "").strip()
    category = row.get("category", "").strip() or "other"
    if category not in CATEGORIES:
        builder.reject(line, f"unknown category {category!r} (expected {', '.join(CATEGORIES)})")
        return
    hit = builder.glossary.find_term(term.text)
    base = hit[0] if hit is not None else None
    if base is None:
        # A new form for a concept the glossary already has under the same English term
        # (蒲亭 for "Vladimir Putin") joins that concept rather than duplicating it.
        same = builder.by_english().get(english[0].casefold(), ())
        if len(same) == 1:
            base = same[0]
    if base is not None:
        draft = builder.drafts.get(base.id)
        if draft is None:
            draft = Draft.editing(base, line)
            builder.drafts[base.id] = draft
            for existing in base.terms:
                builder.owners.setdefault(fold(existing.text), base.id)
        owner = builder.owners.get(fold(term.text))
        if owner not in (None, draft.id):
            builder.reject(line, f"term {term.text} is already claimed by concept {owner!r}")
            return
        _merge_english(draft, english, note)
        if not draft.holds(term.text):
            builder.add_term(draft, term, line)
        return
    key = english[0].casefold()
    draft_id = builder.plain.get(key)
    draft = builder.drafts.get(draft_id) if draft_id else None
    if draft is None:
        draft = Draft(builder.ids.new(english[0]), line, category, [], [], "", (), "user")
        if builder.add_term(draft, term, line):
            builder.drafts[draft.id] = draft
            builder.plain[key] = draft.id
            _merge_english(draft, english, note)
        return
    if builder.add_term(draft, term, line):
        _merge_english(draft, english, note)


def _merge_english(draft: Draft, english: list[str], note: str) -> None:
    draft.add_english(english)
    draft.add_note(note)
