"""The glossary as TBX: ISO 30042:2019 TBX-Basic and the older TBX 2008 `martif` form.

See `app.io.glossary.export` for what each file holds."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable

from lxml import etree

from app.core.glossary import Concept
from app.io.atomic import atomic_output
from app.io.glossary.export_scope import prepared

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
    ready = prepared(concepts, derive)
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
        if ready:
            raw.write(b"<text>\n<body>\n")
            chunk: list[bytes] = []
            for concept in ready:
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
