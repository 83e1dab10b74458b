"""Importing glossary files: the app's own CSV export, plain `source,target[,note]` CSV, TBX 2019 and 2008.

Bad rows and entries are rejected one by one (`file:line: reason`) and the rest imported; only a
file that is unusable as a whole (empty, binary, not CSV or TBX, not UTF-8/UTF-16, malformed or
unsafe XML) raises `GlossaryImportError("file: what is wrong")`. Nothing here raises anything else
for bad input.

Encodings: CSV is read as UTF-8 (with or without a BOM) or UTF-16 with a BOM. A legacy Chinese
encoding (Big5, GB18030, ...) is refused with a message naming the encoding it looks like,
rather than decoded: a guess between Big5 and GB18030 on a short file can be wrong in a way
that still yields plausible Chinese, and silently importing misdecoded terms into a glossary is
worse than asking for a UTF-8 file.

XML is parsed with entity resolution, DTD loading and network access all off and without
`huge_tree`; a document whose DOCTYPE declares entities (internal or parameter), or that still
contains an entity reference, is refused before anything is read from it.

The formula guard of the CSV export is undone here: one leading apostrophe is removed from a
cell matching ``'+[=+\\-@\\t\\r\\n]`` (see `app.io.glossary_export`).
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from lxml import etree

from app.core.glossary import (
    CATEGORIES, REGIONS, SCRIPTS, STATUSES, ChineseTerm, Concept, Glossary, derive_script, fold, problems_of,
)
from app.io.glossary_export import CSV_COLUMNS, ORIGIN_ADMIN, PINYIN_NOTE, SCRIPT_NOTE, SOURCE_ADMIN, TBX_NS

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_UNGUARD = re.compile(r"^'+[=+\-@\t\r\n]")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_LEGACY = {"big5": "Big5", "big5hkscs": "Big5-HKSCS", "cp950": "Big5 (cp950)", "gb18030": "GB18030",
           "gbk": "GBK", "gb2312": "GB2312", "hz": "HZ", "cp936": "GBK (cp936)", "euc_jp": "EUC-JP",
           "shift_jis": "Shift-JIS", "cp932": "Shift-JIS (cp932)", "euc_kr": "EUC-KR", "cp949": "EUC-KR (cp949)"}
_HEADER_ALIASES = {
    "source": "source", "zh": "source", "chinese": "source", "term": "source", "source term": "source",
    "target": "target", "en": "target", "english": "target", "target term": "target",
    "note": "note", "comment": "note", "notes": "note", "definition": "note",
    "concept_id": "concept_id", "id": "concept_id", "region": "region", "regions": "region",
    "status": "status", "pinyin": "pinyin", "category": "category", "script": "script",
    "sources": "sources", "origin": "origin",
}
_ADMIN_STATUS = {"preferredterm-admn-sts": "preferred", "admittedterm-admn-sts": "admitted",
                 "deprecatedterm-admn-sts": "deprecated", "supersededterm-admn-sts": "deprecated",
                 "preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated",
                 "superseded": "deprecated"}


class GlossaryImportError(Exception):
    """The whole file cannot be imported; the message reads `file: what is wrong`."""


@dataclass
class ImportReport:
    concepts: list[Concept]
    added: int = 0
    updated: int = 0
    rejected: list[str] = field(default_factory=list)


# -- helpers ---------------------------------------------------------------------------------
def unguard_cell(value: str) -> str:
    """A CSV cell with the export's formula guard removed (one apostrophe, only where it was added)."""
    return value[1:] if _UNGUARD.match(value) else value


def _split(value: str, seps: str = "|") -> list[str]:
    parts = re.split("[" + re.escape(seps) + "]", value) if value else []
    return [p.strip() for p in parts if p.strip()]


def regions_for(text: str) -> tuple[str, ...]:
    """Where a form is used, judged by its script: Simplified CN, Traditional TW, shared by both CN and TW."""
    script = derive_script(text)
    return {"Hans": ("CN",), "Hant": ("TW",)}.get(script, ("CN", "TW"))


def slug(english: str) -> str:
    """An id from an English term: lower-case ASCII letters and digits joined by hyphens, starting with a letter."""
    ascii_text = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode("ascii").lower()
    base = "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:60].strip("-")
    if not base or not base[0].isalpha():
        base = f"term-{base}" if base else "term"
    return base


class _Ids:
    def __init__(self, taken: set[str]):
        self.taken = set(taken)

    def new(self, english: str) -> str:
        base = slug(english)
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        self.taken.add(candidate)
        return candidate


def _name(path: Path) -> str:
    return path.name


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise GlossaryImportError(f"{path.name}: cannot be read ({error.strerror or error})") from None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 100 + 1


def decode_text(data: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8 with or without BOM, or UTF-16 with BOM; else a clear refusal."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    if encoding == "utf-8" and _looks_binary(body):
        raise GlossaryImportError(f"{name}: a binary file, not a CSV or TBX glossary")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        if encoding == "utf-16":
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
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # the guess only words the message
        return ""
    best = from_bytes(data[:65536]).best()
    if best is None:
        return ""
    return _LEGACY.get(best.encoding, best.encoding)


# -- the common part: rows or entries turned into concepts ------------------------------------
@dataclass
class _Draft:
    id: str
    line: int
    category: str = "other"
    english: list[str] = field(default_factory=list)
    terms: list[ChineseTerm] = field(default_factory=list)
    note: str = ""
    sources: tuple[str, ...] = ()
    origin: str = "user"
    base: Concept | None = None  # the existing concept a plain row merges into

    def concept(self) -> Concept:
        return Concept(self.id, self.category, tuple(self.english), tuple(self.terms), self.note,
                       self.sources, self.origin)


class _Builder:
    """Collects drafts, guards term ownership within the file, and reports against a glossary."""

    def __init__(self, name: str, glossary: Glossary | None):
        self.name = name
        self.glossary = glossary or Glossary()
        self.drafts: dict[str, _Draft] = {}
        self.owners: dict[str, str] = {}
        self.rejected: list[str] = []
        self.ids = _Ids(set(self.glossary.concepts))
        self.plain: dict[str, str] = {}  # first English term (casefolded) -> id of a concept made here

    def reject(self, line: int, reason: str) -> None:
        self.rejected.append(f"{self.name}:{line}: {reason}")

    def add_term(self, draft: _Draft, term: ChineseTerm, line: int) -> bool:
        key = fold(term.text)
        owner = self.owners.get(key)
        if owner is not None and owner != draft.id:
            self.reject(line, f"term {term.text} is already claimed by concept {owner!r}")
            return False
        if any(t.text == term.text for t in draft.terms):
            self.reject(line, f"term {term.text} appears twice in concept {draft.id!r}")
            return False
        self.owners[key] = draft.id
        draft.terms.append(term)
        return True

    def report(self) -> ImportReport:
        concepts, added, updated = [], 0, 0
        for draft in self.drafts.values():
            if not draft.terms:
                continue  # every row of it was rejected; each is reported already
            concept = draft.concept()
            problems = problems_of(concept)
            if problems:
                for message in problems:
                    self.reject(draft.line, message)
                for key in [k for k, v in self.owners.items() if v == draft.id]:
                    del self.owners[key]
                continue
            concepts.append(concept)
            if concept.id in self.glossary.concepts:
                updated += 1
            else:
                added += 1
        self.rejected.sort(key=_line_key)
        return ImportReport(concepts, added, updated, self.rejected)


def _line_key(message: str) -> int:
    match = re.match(r"^.*?:(\d+): ", message)
    return int(match.group(1)) if match else 0


# -- CSV -------------------------------------------------------------------------------------
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


def _rows(text: str, builder: _Builder) -> Iterator[tuple[int, list[str]]]:
    for line, record in _records(text):
        if record is None:
            builder.reject(line, "unbalanced quotes (a quoted cell is never closed)")
            continue
        if not record.strip():
            continue
        try:
            parsed = list(csv.reader([record], strict=True))
        except csv.Error as error:
            builder.reject(line, f"not a valid CSV row ({error})")
            continue
        if len(parsed) != 1:
            builder.reject(line, "not a valid CSV row")
            continue
        yield line, [unguard_cell(cell) for cell in parsed[0]]


def import_csv(path: str | Path, glossary: Glossary | None = None) -> ImportReport:
    """Import a CSV glossary: the app's own export (with `concept_id`) or a plain `source,target[,note]`."""
    path = Path(path)
    data = _read(path)
    return import_csv_text(_csv_text(data, path.name), path.name, glossary)


def _csv_text(data: bytes, name: str) -> str:
    if not data.strip():
        raise GlossaryImportError(f"{name}: the file is empty")
    text = decode_text(data, name)
    if not text.strip():
        raise GlossaryImportError(f"{name}: the file is empty")
    return text


def import_csv_text(text: str, name: str = "<csv>", glossary: Glossary | None = None) -> ImportReport:
    builder = _Builder(name, glossary)
    rows = _rows(text.lstrip("\ufeff"), builder)
    first = next(rows, None)
    if first is None:
        if builder.rejected:
            raise GlossaryImportError(f"{name}: no readable CSV row ({builder.rejected[0].split(': ', 1)[1]})")
        raise GlossaryImportError(f"{name}: the file is empty")
    line, cells = first
    keys = [_HEADER_ALIASES.get(c.strip().lower()) for c in cells]
    if "source" in keys and "target" in keys:
        columns = {key: index for index, key in reversed(list(enumerate(keys))) if key}
        width = len(cells)
        body = rows
    else:
        if len(cells) < 2:
            raise GlossaryImportError(f"{name}: not a CSV glossary (expected source,target[,note] columns, "
                                      f"line {line} has {len(cells)} field)")
        columns = {key: index for index, key in enumerate(CSV_COLUMNS[: min(len(cells), 3)])}
        width = len(cells)
        body = _chain(first, rows)
    saw_row = False
    for line, cells in body:
        saw_row = True
        if len(cells) != width:
            builder.reject(line, f"has {len(cells)} fields, expected {width}")
            continue
        row = {key: cells[index] for key, index in columns.items()}
        if "concept_id" in row and row["concept_id"].strip():
            _app_row(builder, line, row)
        else:
            _plain_row(builder, line, row)
    if not saw_row and not builder.rejected:
        raise GlossaryImportError(f"{name}: only a header row, no terms")
    return builder.report()


def _chain(first, rest):
    yield first
    yield from rest


def _term_from_row(builder: _Builder, line: int, row: dict[str, str]) -> ChineseTerm | None:
    source = row.get("source", "").strip()
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


def _app_row(builder: _Builder, line: int, row: dict[str, str]) -> None:
    """A row of the app's own export: the concept is rebuilt exactly from its rows."""
    concept_id = row["concept_id"].strip()
    category = row.get("category", "").strip() or "other"
    if category not in CATEGORIES:
        builder.reject(line, f"unknown category {category!r} (expected {', '.join(CATEGORIES)})")
        return
    english = _split(row.get("target", ""))
    if concept_id not in builder.drafts and not english:
        builder.reject(line, "empty target (no English term)")
        return
    term = _term_from_row(builder, line, row)
    if term is None:
        return
    draft = builder.drafts.get(concept_id)
    if draft is None:
        # Concept-level cells are taken from the concept's first row.
        origin = row.get("origin", "").strip() or "user"
        draft = _Draft(concept_id, line, category, english, [], row.get("note", ""),
                       tuple(_split(row.get("sources", ""))), origin)
        builder.drafts[concept_id] = draft
        builder.ids.taken.add(concept_id)
    builder.add_term(draft, term, line)


def _plain_row(builder: _Builder, line: int, row: dict[str, str]) -> None:
    """A `source,target[,note]` row: merged into the concept that already has the term, else a new one.

    Rows of one file with the same (first) English term become the variants of one concept.
    """
    english = _split(row.get("target", ""))
    if not english:
        builder.reject(line, "empty target (no English term)")
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
    if hit is None:
        # A new form for a concept the glossary already has under the same English term
        # (蒲亭 for "Vladimir Putin") joins that concept rather than duplicating it.
        same = [c for c in builder.glossary if english[0].casefold() in (e.casefold() for e in c.english)]
        if len(same) == 1:
            hit = (same[0], None)
    if hit is not None:
        base = hit[0]
        draft = builder.drafts.get(base.id)
        if draft is None:
            draft = _Draft(base.id, line, base.category, list(base.english), list(base.terms), base.note,
                           base.sources, base.origin, base)
            builder.drafts[base.id] = draft
            for existing in base.terms:
                builder.owners.setdefault(fold(existing.text), base.id)
        owner = builder.owners.get(fold(term.text))
        if owner not in (None, draft.id):
            builder.reject(line, f"term {term.text} is already claimed by concept {owner!r}")
            return
        _merge_english(draft, english, note)
        if not any(t.text == term.text for t in draft.terms):
            builder.add_term(draft, term, line)
        return
    key = english[0].casefold()
    draft_id = builder.plain.get(key)
    draft = builder.drafts.get(draft_id) if draft_id else None
    if draft is None:
        draft = _Draft(builder.ids.new(english[0]), line, category, [], [], "", (), "user")
        if builder.add_term(draft, term, line):
            builder.drafts[draft.id] = draft
            builder.plain[key] = draft.id
            _merge_english(draft, english, note)
        return
    if builder.add_term(draft, term, line):
        _merge_english(draft, english, note)


def _merge_english(draft: _Draft, english: list[str], note: str) -> None:
    known = {e.casefold() for e in draft.english}
    for item in english:
        if item.casefold() not in known:
            draft.english.append(item)
            known.add(item.casefold())
    if note and note not in draft.note:
        draft.note = f"{draft.note}\n{note}" if draft.note else note


# -- TBX -------------------------------------------------------------------------------------
def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def _entity_free(data: bytes) -> bool:
    if _ENTITY_DECL.search(data):
        return False
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return "<!entity" not in data.decode(encoding).lower()
            except UnicodeDecodeError:
                return False
    return True


def parse_xml(data: bytes, name: str) -> etree._ElementTree:
    """A safely parsed XML document, or GlossaryImportError."""
    if not _entity_free(data):
        raise GlossaryImportError(f"{name}: the document declares XML entities in a DOCTYPE; "
                                  "refused for safety (entities are never expanded)")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else 0
        raise GlossaryImportError(f"{name}: not well-formed XML (line {line}: {error.msg})") from None
    except ValueError as error:
        raise GlossaryImportError(f"{name}: not readable as XML ({error})") from None
    internal = tree.docinfo.internalDTD
    if internal is not None and list(internal.iterentities()):
        raise GlossaryImportError(f"{name}: the document declares XML entities in a DOCTYPE; refused for safety")
    if any(isinstance(node, etree._Entity) for node in tree.iter()):
        raise GlossaryImportError(f"{name}: the document uses an undeclared entity reference; refused for safety")
    return tree


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(element, name: str):
    return [c for c in element if _local(c.tag) == name]


def _text(element) -> str:
    return "".join(element.itertext())


def import_tbx(path: str | Path, glossary: Glossary | None = None) -> ImportReport:
    """Import TBX: ISO 30042:2019 (`tbx`/`conceptEntry`/`langSec`/`termSec`) or 2008 (`martif`/`termEntry`/`langSet`/`tig`)."""
    path = Path(path)
    data = _read(path)
    if not data.strip():
        raise GlossaryImportError(f"{path.name}: the file is empty")
    return import_tbx_bytes(data, path.name, glossary)


def import_tbx_bytes(data: bytes, name: str = "<tbx>", glossary: Glossary | None = None) -> ImportReport:
    tree = parse_xml(data, name)
    root = tree.getroot()
    kind = _local(root.tag)
    if kind == "tbx":
        entry_tag, lang_tag, term_tags = "conceptEntry", "langSec", ("termSec",)
    elif kind == "martif":
        entry_tag, lang_tag, term_tags = "termEntry", "langSet", ("tig", "ntig")
    else:
        raise GlossaryImportError(f"{name}: not a TBX document (the root element is <{kind}>, "
                                  "expected <tbx> or <martif>)")
    builder = _Builder(name, glossary)
    for entry in root.iter():
        if _local(entry.tag) == entry_tag:
            _tbx_entry(builder, entry, lang_tag, term_tags)
    return builder.report()


def _term_of(sec, term_tags) -> tuple[str, list]:
    """The term text and the termNotes of a termSec / tig / ntig."""
    if _local(sec.tag) == "ntig":
        grp = next(iter(_children(sec, "termGrp")), None)
        if grp is None:
            return "", []
        sec = grp
    term = next(iter(_children(sec, "term")), None)
    notes = _children(sec, "termNote") + [n for g in _children(sec, "termNoteGrp") for n in _children(g, "termNote")]
    return (_text(term) if term is not None else ""), notes


def _lang_regions(lang: str) -> tuple[str, ...]:
    parts = [p.upper() for p in lang.replace("_", "-").split("-")[1:]]
    for part in parts:
        if part in REGIONS:
            return (part,)
        if part == "MO":
            return ("HK",)
    if "HANT" in parts:
        return ("TW",)
    if "HANS" in parts or "SG" in parts:
        return ("CN",)
    return ()


def _tbx_entry(builder: _Builder, entry, lang_tag: str, term_tags) -> None:
    line = entry.sourceline or 0
    raw_id = (entry.get("id") or "").strip()
    category, sources, origin, notes, extra = "other", [], "user", [], []
    for child in entry:
        local, kind = _local(child.tag), child.get("type", "")
        if local == "descrip" and kind == "subjectField":
            value = _text(child).strip()
            if value in CATEGORIES:
                category = value
            elif value:
                extra.append(f"Subject field: {value}")
        elif local == "descrip" and kind == "definition":
            notes.append(_text(child))
        elif local == "admin" and kind == SOURCE_ADMIN:
            sources.append(_text(child))
        elif local == "admin" and kind == ORIGIN_ADMIN and _text(child).strip() in ("bundled", "user"):
            origin = _text(child).strip()
        elif local == "note":
            notes.append(_text(child))
    english: list[tuple[int, str]] = []
    chinese: list[tuple[object, str, list, str]] = []
    for lang_sec in _children(entry, lang_tag):
        lang = (lang_sec.get(XML_LANG) or lang_sec.get("lang") or "").strip()
        primary = lang.lower().split("-")[0].split("_")[0]
        for child in lang_sec:
            if _local(child.tag) in ("descrip",) and child.get("type") == "definition":
                notes.append(_text(child))
        for sec in lang_sec:
            if _local(sec.tag) not in term_tags:
                continue
            text, term_notes = _term_of(sec, term_tags)
            if primary == "en":
                status = next((_ADMIN_STATUS.get(_text(n).strip().lower(), "admitted") for n in term_notes
                               if n.get("type") == "administrativeStatus"), "admitted")
                if text.strip():
                    english.append((0 if status == "preferred" else 1, text.strip()))
            elif primary in ("zh", "cmn", "yue"):
                chinese.append((sec, text, term_notes, lang))
    english_terms = [e for _, e in sorted(english, key=lambda item: item[0])]
    if not english_terms:
        builder.reject(line, f"concept {raw_id or '(no id)'}: no English term")
        return
    if not chinese:
        builder.reject(line, f"concept {raw_id or '(no id)'}: no Chinese term")
        return
    if raw_id in builder.drafts:
        builder.reject(line, f"duplicate concept id {raw_id!r} (first at line {builder.drafts[raw_id].line})")
        return
    concept_id = raw_id if re.match(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", raw_id) else builder.ids.new(english_terms[0])
    builder.ids.taken.add(concept_id)
    note = "\n".join(notes + extra) if extra else "\n".join(notes)
    draft = _Draft(concept_id, line, category, english_terms, [], note, tuple(sources), origin)
    for sec, text, term_notes, lang in chinese:
        term = _tbx_term(builder, sec, text, term_notes, lang)
        if term is not None:
            builder.add_term(draft, term, sec.sourceline or line)
    if draft.terms:
        builder.drafts[concept_id] = draft


def _tbx_term(builder: _Builder, sec, text: str, term_notes, lang: str) -> ChineseTerm | None:
    line = sec.sourceline or 0
    text = text.strip()
    if not text:
        builder.reject(line, "empty Chinese term")
        return None
    status, regions, script, pinyin = "preferred", [], "", ""
    for note in term_notes:
        kind, value = note.get("type", ""), _text(note).strip()
        if kind == "administrativeStatus":
            if value.lower() not in _ADMIN_STATUS:
                builder.reject(note.sourceline or line, f"{text}: unknown administrativeStatus {value!r}")
                return None
            status = _ADMIN_STATUS[value.lower()]
        elif kind == "geographicalUsage":
            region = value.upper().replace("_", "-").split("-")[-1]
            region = "HK" if region == "MO" else region
            if region not in REGIONS:
                builder.reject(note.sourceline or line, f"{text}: unknown region {value!r} (expected {', '.join(REGIONS)})")
                return None
            if region not in regions:
                regions.append(region)
        elif kind == SCRIPT_NOTE:
            if value not in SCRIPTS:
                builder.reject(note.sourceline or line, f"{text}: unknown script {value!r}")
                return None
            script = value
        elif kind == PINYIN_NOTE:
            pinyin = value
    return ChineseTerm(text, tuple(regions) or _lang_regions(lang) or regions_for(text), status, script, pinyin)


# -- any file --------------------------------------------------------------------------------
def import_file(path: str | Path, glossary: Glossary | None = None) -> ImportReport:
    """Import a CSV or TBX file, told apart by content (XML starts with `<`), not by name."""
    path = Path(path)
    data = _read(path)
    if not data.strip():
        raise GlossaryImportError(f"{path.name}: the file is empty")
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            head = head.decode("utf-16", "ignore").encode("utf-8")
        except UnicodeDecodeError:  # pragma: no cover - "ignore" never raises
            pass
    if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"<"):
        return import_tbx_bytes(data, path.name, glossary)
    return import_csv_text(_csv_text(data, path.name), path.name, glossary)


def merged(glossary: Glossary, report: ImportReport, origin: str = "user") -> Glossary:
    """The glossary with the imported concepts laid over it (each marked with `origin`)."""
    return glossary.layered({c.id: replace(c, origin=origin) for c in report.concepts})
