"""Exports of glossary concepts for translators and learners: CSV, OmegaT, TBX 2019 and 2008, Anki.

The caller chooses the scope: the whole glossary, or `concepts_in_text(glossary, text)` for the
concepts that occur in one article. Every file is written through `atomic_output`, so a failed
export leaves the previous file as it was.

CSV (the app's own interchange form, read back by `app.io.glossary.importing`):
UTF-8 with a BOM, a header row, RFC 4180 quoting, CRLF line ends, one row per Chinese term, in
the columns of `CSV_COLUMNS`. Several values in one cell are joined with `` | `` (English terms,
regions, sources). Concept-level columns (target, note, category, sources, origin) repeat on
every row of the concept.

This CSV is the one for spreadsheets, where a cell that starts like a formula would be run, so
it carries the formula-injection guard (OWASP "CSV injection"), on every cell: a cell that matches
``'*[=+\\-@\\t\\r\\n]`` (any number of apostrophes, then one of the trigger characters) gets one
more leading apostrophe. Import removes one leading apostrophe from a cell that matches
``'+[=+\\-@\\t\\r\\n]``. The two sets line up exactly, so the rule is reversible: ``=1+2``
becomes ``'=1+2`` and comes back; a genuine ``'=x`` becomes ``''=x`` and comes back as ``'=x``;
a genuine ``'quoted`` matches neither pattern and passes through both ways untouched.

The CSV for CAT tools (`write_cat_csv`) has the column names translate-toolkit's reader knows
and every cell as written, without the guard: no CAT tool evaluates a cell, and the guard's
apostrophe would become part of the term there.

TBX: ISO 30042:2019 TBX-Basic (`write_tbx`), valid against the TBX core structure schema and
within TBX-Basic's data categories (see `_basic_entry`: what TBX-Basic has no category for, the
concept's category and a form's script and pinyin, travels in labelled `note` elements, which
the dialect allows everywhere), and the older TBX 2008 `martif` form (`write_tbx2008`) that
OmegaT and translate-toolkit read. Both carry every field of a concept.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from app.core.glossary import ChineseTerm, Concept, Glossary, complete, derive_pinyin, fold
from app.io.anki_deck import DeckNote, NoteStamps, write_deck
from app.io.atomic import atomic_output, write_csv_atomic

if TYPE_CHECKING:
    import genanki  # untyped, and loaded only when a deck is written

CSV_COLUMNS = (
    "source",
    "target",
    "note",
    "concept_id",
    "region",
    "status",
    "pinyin",
    "category",
    "script",
    "sources",
    "origin",
)
JOIN = " | "

FORMULA_TRIGGERS = "=+-@\t\r\n"
_NEEDS_GUARD = re.compile(r"^'*[=+\-@\t\r\n]")

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMIN_STATUS = {s: f"{s}Term-admn-sts" for s in ("preferred", "admitted", "deprecated")}
# TBX-Basic has no data category for these: they are `note`s with a fixed label, read back by
# our import (the category note is always the concept's first note).
CATEGORY_LABEL, PINYIN_LABEL, SCRIPT_LABEL = "Category: ", "Pinyin: ", "Script: "
# TBX-Basic wants a geographicalUsage on every term: this one marks a term of no particular
# region (every English term, a Chinese one without regions).
ANY_REGION = "international"
# Concept fields beyond TBX-Basic's own data categories, written as the ISO 12620 / TBX names
# that the core structure accepts: pinyin as a `pronunciation` termNote, the script as a
# `script` termNote, the origin (bundled/user) as a `projectSubset` admin.
PINYIN_NOTE, SCRIPT_NOTE, ORIGIN_ADMIN, SOURCE_ADMIN = "pronunciation", "script", "projectSubset", "source"

# XML 1.0 cannot hold C0 control characters other than tab, LF and CR (nor U+FFFE/U+FFFF):
# they become U+FFFD in the XML exports.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ANKI_DECK_ID = 1_734_200_101
ANKI_MODEL_ID = 1_734_200_102


# -- scope -----------------------------------------------------------------------------------
def concepts_in_text(glossary: Glossary, text: str) -> list[Concept]:
    """The concepts with a term in `text`, each once, in the order they first occur."""
    seen: dict[str, Concept] = {}
    for match in glossary.matches(text):
        seen.setdefault(match.concept.id, match.concept)
    return list(seen.values())


def _prepared(concepts: Iterable[Concept], derive: bool) -> list[Concept]:
    """The concepts to write (with script and pinyin filled in when `derive`); refuses an empty one."""
    out = []
    for concept in concepts:
        if not concept.terms:
            raise ValueError(f"concept {concept.id!r} has no Chinese term and cannot be exported")
        out.append(complete(concept) if derive else concept)
    return out


# -- CSV -------------------------------------------------------------------------------------
def guard_cell(value: str) -> str:
    """The cell with the formula-injection guard applied (see the module docstring)."""
    return "'" + value if _NEEDS_GUARD.match(value) else value


def csv_rows(concepts: Iterable[Concept], *, derive: bool = False) -> Iterator[list[str]]:
    """The data rows of the CSV export (guarded), one per Chinese term."""
    for concept in _prepared(concepts, derive):
        target = JOIN.join(concept.english)
        sources = JOIN.join(concept.sources)
        for term in concept.terms:
            yield _term_row(concept, term, target, sources)


def _term_row(concept: Concept, term: ChineseTerm, target: str, sources: str) -> list[str]:
    cells = (
        term.text,
        target,
        concept.note,
        concept.id,
        JOIN.join(term.regions),
        term.status,
        term.pinyin,
        concept.category,
        term.script,
        sources,
        concept.origin,
    )
    return [("'" + c if _NEEDS_GUARD.match(c) else c) for c in cells]


def write_csv(concepts: Iterable[Concept], path: str | os.PathLike[str], *, derive: bool = False) -> int:
    """Write the CSV export; returns the number of data rows. `derive` fills empty script/pinyin."""
    return write_csv_atomic(path, CSV_COLUMNS, csv_rows(concepts, derive=derive))


# -- CSV for CAT tools ----------------------------------------------------------------------
# Header names translate-toolkit's CSV reader knows (so Weblate and Pootle too): `notes` are the
# translator's comments, `developer comments` the form's facts, `context` keeps forms of
# different concepts apart.
CAT_CSV_COLUMNS = ("source", "target", "context", "notes", "developer comments")


def cat_csv_rows(concepts: Iterable[Concept], *, derive: bool = False) -> Iterator[list[str]]:
    """One row per Chinese form, every cell as written: a CAT tool never evaluates a formula,
    and the guard's apostrophe would show in it as part of the term."""
    for concept in _prepared(concepts, derive):
        target, others = concept.preferred_english, concept.english[1:]
        for term in concept.terms:
            yield [term.text, target, concept.id, concept.note, "; ".join(_term_facts(term, others))]


def write_cat_csv(concepts: Iterable[Concept], path: str | os.PathLike[str], *, derive: bool = False) -> int:
    """Write the CSV for CAT tools (not read back by our import: that is `write_csv`'s)."""
    return write_csv_atomic(path, CAT_CSV_COLUMNS, cat_csv_rows(concepts, derive=derive))


# -- OmegaT ----------------------------------------------------------------------------------
def _one_line(value: str) -> str:
    return re.sub(r"[\t\r\n]", " ", value)


def omegat_lines(concepts: Iterable[Concept], *, derive: bool = False) -> Iterator[str]:
    """`source<TAB>target<TAB>comment` lines: one per Chinese term, target the preferred English.

    The comment says the term's regions and status, the other English terms and the note.
    """
    for concept in _prepared(concepts, derive):
        target = _one_line(concept.preferred_english)
        others = [_one_line(e) for e in concept.english[1:]]
        for term in concept.terms:
            parts = _term_facts(term, others)
            if concept.note:
                parts.append(concept.note)
            yield f"{_one_line(term.text)}\t{target}\t{_one_line('; '.join(parts))}"


def _term_facts(term: ChineseTerm, others: Sequence[str]) -> list[str]:
    """What a CAT tool's comment says of one form: regions and status, pinyin, the other English."""
    parts = [f"{'/'.join(term.regions)} {term.status}".strip()]
    if term.pinyin:
        parts.append(term.pinyin)
    if others:
        parts.append("also: " + ", ".join(others))
    return parts


def write_omegat(concepts: Iterable[Concept], path: str | os.PathLike[str], *, derive: bool = False) -> int:
    """Write an OmegaT glossary (tab-separated, UTF-8, no header); returns the number of lines."""
    count = 0
    with atomic_output(path) as raw:
        chunk: list[str] = []
        for line in omegat_lines(concepts, derive=derive):
            chunk.append(line)
            count += 1
            if len(chunk) >= 4096:
                raw.write(("\n".join(chunk) + "\n").encode("utf-8"))
                chunk.clear()
        if chunk:
            raw.write(("\n".join(chunk) + "\n").encode("utf-8"))
    return count


# -- TBX -------------------------------------------------------------------------------------
def _x(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _escaper(concept: Concept) -> Callable[[str], str]:
    """`_x` when some text of the concept holds a character XML cannot, else the faster `str`."""
    strings = [concept.category, concept.note, concept.origin, *concept.sources, *concept.english]
    for term in concept.terms:
        strings += (term.text, term.status, term.script, term.pinyin, *term.regions)
    return _x if _NOT_XML.search("".join(strings)) else str


def _sources_origin_note(entry: etree._Element, concept: Concept, x: Callable[[str], str]) -> None:
    for source in concept.sources:
        etree.SubElement(entry, "admin", _SOURCE).text = x(source)
    if concept.origin:
        etree.SubElement(entry, "admin", _ORIGIN).text = x(concept.origin)
    if concept.note:
        etree.SubElement(entry, "note").text = x(concept.note)


def _english_section(
    entry: etree._Element, concept: Concept, x: Callable[[str], str], lang_tag: str, term_tag: str, usage: str | None
) -> None:
    """The `en` language section: the first English term preferred, the rest admitted."""
    if not concept.english:
        return
    sub = etree.SubElement
    en = sub(entry, lang_tag, _LANG_EN)
    for position, english in enumerate(concept.english):
        sec = sub(en, term_tag)
        sub(sec, "term").text = x(english)
        sub(sec, "termNote", _STATUS).text = ADMIN_STATUS["preferred" if position == 0 else "admitted"]
        if usage is not None:
            sub(sec, "termNote", _REGION).text = usage


def _basic_entry(entry: etree._Element, concept: Concept) -> None:
    """Fill one TBX-Basic conceptEntry, in TBX-Basic's data categories only.

    Concept level: a `note` "Category: person" first, `admin source` per source, `admin
    projectSubset` = origin, then the concept's note as a `note`. A `zh` langSec with one termSec
    per Chinese term: termNotes `administrativeStatus` and one `geographicalUsage` per region
    ("international" for none), then the notes "Script: Hant" and "Pinyin: pǔ dīng" when the
    term has them. An `en` langSec,
    its first term preferred and the rest admitted, each with geographicalUsage "international".
    """
    sub = etree.SubElement
    x = _escaper(concept)
    sub(entry, "note").text = CATEGORY_LABEL + x(concept.category)
    _sources_origin_note(entry, concept, x)
    zh = sub(entry, "langSec", _LANG_ZH)
    for term in concept.terms:
        sec = sub(zh, "termSec")
        sub(sec, "term").text = x(term.text)
        sub(sec, "termNote", _STATUS).text = ADMIN_STATUS.get(term.status) or x(term.status)
        for region in term.regions or (ANY_REGION,):
            sub(sec, "termNote", _REGION).text = x(region)
        if term.script:
            sub(sec, "note").text = SCRIPT_LABEL + x(term.script)
        if term.pinyin:
            sub(sec, "note").text = PINYIN_LABEL + x(term.pinyin)
    _english_section(entry, concept, x, "langSec", "termSec", ANY_REGION)


def _martif_entries(concept: Concept) -> list[etree._Element]:
    """The TBX 2008 termEntries of a concept: one per Chinese form, so that readers that take
    one term per language and entry (translate-toolkit's units, tbx2po) see every form, each
    with its own notes. The first entry's id is the concept id, the others' `id.2`, `id.3`...;
    our import joins them back into one concept.

    Each entry repeats the concept level (`descrip subjectField` = category, `admin source` per
    source, `admin projectSubset` = origin, `note` = note), then a `zh` langSet with the form's
    tig (administrativeStatus, one geographicalUsage per region, script, pronunciation) and an
    `en` langSet with every English term, the first preferred and the rest admitted.
    """
    sub = etree.SubElement
    x = _escaper(concept)
    entries = []
    for number, term in enumerate(concept.terms, start=1):
        entry = etree.Element("termEntry", id=concept.id if number == 1 else f"{concept.id}.{number}")
        sub(entry, "descrip", _SUBJECT).text = x(concept.category)
        _sources_origin_note(entry, concept, x)
        tig = sub(sub(entry, "langSet", _LANG_ZH), "tig")
        sub(tig, "term").text = x(term.text)
        sub(tig, "termNote", _STATUS).text = ADMIN_STATUS.get(term.status) or x(term.status)
        for region in term.regions:
            sub(tig, "termNote", _REGION).text = x(region)
        if term.script:
            sub(tig, "termNote", _SCRIPT).text = x(term.script)
        if term.pinyin:
            sub(tig, "termNote", _PINYIN).text = x(term.pinyin)
        _english_section(entry, concept, x, "langSet", "tig", None)
        entries.append(entry)
    return entries


def _basic_entries(concept: Concept) -> list[etree._Element]:
    entry = etree.Element("conceptEntry", id=concept.id)
    _basic_entry(entry, concept)
    return [entry]


_SUBJECT, _SOURCE, _ORIGIN = {"type": "subjectField"}, {"type": SOURCE_ADMIN}, {"type": ORIGIN_ADMIN}
_LANG_ZH, _LANG_EN = {XML_LANG: "zh"}, {XML_LANG: "en"}
_STATUS, _REGION = {"type": "administrativeStatus"}, {"type": "geographicalUsage"}
_SCRIPT, _PINYIN = {"type": SCRIPT_NOTE}, {"type": PINYIN_NOTE}


def _write_tbx(concepts: Iterable[Concept], path: str | os.PathLike[str], *, derive: bool, version: str) -> int:
    prepared = _prepared(concepts, derive)
    # Entries are built without a namespace and written inside a root element that declares
    # the TBX namespace as the default, so a parser puts them in it; building un-namespaced
    # elements is a fifth faster and the file does not repeat the declaration on every entry.
    if version == "2019":
        root_tag, header_tag, entries_of = "tbx", "tbxHeader", _basic_entries
        opening_attributes = f' xmlns="{TBX_NS}" type="TBX-Basic" style="dca"'
    else:
        root_tag, header_tag, entries_of = "martif", "martifHeader", _martif_entries
        opening_attributes = ' type="TBX"'
    header = etree.Element(header_tag)
    file_desc = etree.SubElement(header, "fileDesc")
    source_desc = etree.SubElement(file_desc, "sourceDesc")
    etree.SubElement(source_desc, "p").text = "Duben glossary export"
    opening = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root_tag}{opening_attributes} xml:lang="en">\n'
    count = 0
    with atomic_output(path) as raw:
        raw.write(opening.encode("utf-8"))
        raw.write(etree.tostring(header, encoding="utf-8", pretty_print=True))
        if prepared:
            raw.write(b"<text>\n<body>\n")
            chunk: list[bytes] = []
            for concept in prepared:
                for entry in entries_of(concept):
                    chunk.append(etree.tostring(entry, encoding="utf-8", pretty_print=True))
                    count += 1
                if len(chunk) >= 512:
                    raw.write(b"".join(chunk))
                    chunk.clear()
            raw.write(b"".join(chunk))
            raw.write(b"</body>\n</text>\n")
        else:
            raw.write(b"<text/>\n")
        raw.write(f"</{root_tag}>\n".encode())
    return count


def write_tbx(concepts: Iterable[Concept], path: str | os.PathLike[str], *, derive: bool = False) -> int:
    """Write TBX-Basic (ISO 30042:2019, DCA style); returns the number of concept entries."""
    return _write_tbx(concepts, path, derive=derive, version="2019")


def write_tbx2008(concepts: Iterable[Concept], path: str | os.PathLike[str], *, derive: bool = False) -> int:
    """Write TBX 2008 (`martif`/`termEntry`/`langSet`/`tig`), one termEntry per Chinese form;
    returns the number of term entries."""
    return _write_tbx(concepts, path, derive=derive, version="2008")


# -- Anki ------------------------------------------------------------------------------------
_SENTENCE = re.compile(r"[^。！？\r\n]*(?:[。！？]+[」』”’）)\]]*|(?=[\r\n])|$)")


def sentences(text: str) -> Iterator[str]:
    """The sentences of a text: each ends at 。！？ (with closing quotes) or at a line end."""
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        if sentence:
            yield sentence


class _Examples:
    """Finds a concept's example sentence: the first sentence of the first text holding one of its forms."""

    def __init__(self, texts: Sequence[str]):
        self.texts = [(fold(t), t) for t in texts]
        self._sentences: dict[int, list[tuple[str, str]]] = {}

    def _of(self, index: int) -> list[tuple[str, str]]:
        if index not in self._sentences:
            self._sentences[index] = [(fold(s), s) for s in sentences(self.texts[index][1])]
        return self._sentences[index]

    def find(self, concept: Concept) -> tuple[str, str]:
        """(sentence, the form found in it) or ("", "")."""
        forms = [(fold(t.text), t.text) for t in concept.terms if t.text.strip()]
        for index, (folded_text, _) in enumerate(self.texts):
            if not any(key in folded_text for key, _ in forms):
                continue
            for folded, sentence in self._of(index):
                for key, form in forms:
                    if key in folded:
                        shown = next((t.text for t in concept.terms if t.text in sentence), form)
                        return sentence, shown
        return "", ""


def example_sentence(concept: Concept, texts: Sequence[str]) -> str:
    """The first sentence of the first text that contains one of the concept's forms, else ""."""
    return _Examples(texts).find(concept)[0]


def hanzi_field(concept: Concept) -> str:
    """All forms with their regions, e.g. "普丁 (TW) / 普京 (CN, HK)"."""
    return " / ".join(f"{t.text} ({', '.join(t.regions)})" if t.regions else t.text for t in concept.terms)


def reading_field(concept: Concept) -> str:
    readings: list[str] = []
    for term in concept.terms:
        reading = term.pinyin or derive_pinyin(term.text)
        if reading and reading not in readings:
            readings.append(reading)
    return " / ".join(readings)


def _anki_model() -> genanki.Model:
    import genanki

    css = (
        ".card { font-family: sans-serif; font-size: 22px; text-align: center; }\n"
        ".hanzi { font-size: 36px; } .note, .example { font-size: 18px; text-align: left; }"
    )
    return genanki.Model(
        ANKI_MODEL_ID,
        "Duben glossary concept",
        fields=[{"name": n} for n in ("Hanzi", "Reading", "English", "Note", "Example")],
        templates=[
            {
                "name": "Chinese to English",
                "qfmt": '<div class="hanzi">{{Hanzi}}</div>',
                "afmt": '{{FrontSide}}<hr id="answer"><div>{{Reading}}</div><div><b>{{English}}</b></div>'
                '<div class="note">{{Note}}</div><div class="example">{{Example}}</div>',
            }
        ],
        css=css,
    )


def anki_fields(concept: Concept, examples: _Examples) -> list[str]:
    sentence, form = examples.find(concept)
    example = html.escape(sentence)
    if form:
        example = example.replace(html.escape(form), f"<b>{html.escape(form)}</b>", 1)
    return [
        html.escape(hanzi_field(concept)),
        html.escape(reading_field(concept)),
        html.escape("; ".join(concept.english)),
        html.escape(concept.note).replace("\n", "<br>"),
        example,
    ]


def write_anki(
    concepts: Iterable[Concept],
    path: str | os.PathLike[str],
    texts: Sequence[str] = (),
    *,
    stamps: NoteStamps | None = None,
    deck_name: str = "Duben glossary",
) -> int:
    """Write an Anki deck (.apkg): one note per concept; returns the number of notes.

    Deck id, model id and each note's GUID (from the concept id) are fixed, so importing a
    newer export into Anki updates the notes instead of adding duplicates; each note's stamp
    (kept in `stamps`, see `app.io.anki_deck`) changes only when its content does, so only the
    notes whose concept changed are updated, and the user's edits in Anki on the others stay.
    """
    import genanki

    concepts = _prepared(concepts, derive=False)
    examples = _Examples(list(texts))
    notes = (
        DeckNote(genanki.guid_for(concept.id), tuple(anki_fields(concept, examples)), (concept.category,))
        for concept in concepts
    )
    return write_deck(_anki_model(), ANKI_DECK_ID, deck_name, notes, path, stamps or NoteStamps())


# -- one entry point -------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportFormat:
    """One way to write the glossary: the command line's choices, the export dialog and the
    file's suffix all come from the registry below, so a new format is one entry there."""

    name: str  # what --format takes
    label: str  # what the export dialog shows
    suffix: str  # the file name's ending, without the dot
    writer: Callable[..., int]
    examples: bool = False  # whether it takes example sentences from the articles (Anki cards)

    def write(
        self,
        concepts: Iterable[Concept],
        path: str | os.PathLike[str],
        texts: Sequence[str] = (),
        derive: bool = False,
        stamps: NoteStamps | None = None,
    ) -> int:
        """`stamps` keeps an Anki note's modification stamp while its content stays the same."""
        if self.examples:
            return self.writer(concepts, path, texts, stamps=stamps)
        return self.writer(concepts, path, derive=derive)


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("csv", "CSV for spreadsheets (Duben's own, re-importable)", "csv", write_csv),
    ExportFormat("cat-csv", "CSV for CAT tools (translate-toolkit, Weblate)", "csv", write_cat_csv),
    ExportFormat("omegat", "OmegaT glossary (tab-separated)", "txt", write_omegat),
    ExportFormat("tbx", "TBX-Basic 2019", "tbx", write_tbx),
    ExportFormat("tbx2008", "TBX 2008 (martif)", "tbx", write_tbx2008),
    ExportFormat("anki", "Anki deck", "apkg", write_anki, examples=True),
)
FORMATS = tuple(f.name for f in EXPORT_FORMATS)


def export_format(name: str) -> ExportFormat:
    found = next((f for f in EXPORT_FORMATS if f.name == name), None)
    if found is None:
        raise ValueError(f"unknown export format {name!r} (expected one of {', '.join(FORMATS)})")
    return found


def export(
    concepts: Iterable[Concept],
    path: str | os.PathLike[str],
    fmt: str,
    *,
    texts: Sequence[str] = (),
    derive: bool = False,
    stamps: NoteStamps | None = None,
) -> int:
    """Write `concepts` to `path` in one of FORMATS; returns the number of rows/entries/notes."""
    return export_format(fmt).write(concepts, path, texts, derive, stamps)
