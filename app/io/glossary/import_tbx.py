"""Importing a TBX glossary: ISO 30042:2019 (`tbx`/`conceptEntry`) or TBX 2008 (`martif`/`termEntry`).

XML is parsed with entity resolution, DTD loading and network access all off and without
`huge_tree`; a document whose DOCTYPE declares entities (internal or parameter), or that still
contains an entity reference, is refused before anything is read from it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from app.core.glossary import CATEGORIES, REGIONS, SCRIPTS, ChineseTerm, Concept, Glossary, fold
from app.core.text import without_controls
from app.io.glossary.export_tbx import (
    ANY_REGION,
    CATEGORY_LABEL,
    ORIGIN_ADMIN,
    PINYIN_LABEL,
    PINYIN_NOTE,
    SCRIPT_LABEL,
    SCRIPT_NOTE,
    SOURCE_ADMIN,
)
from app.io.glossary.import_common import (
    Builder,
    Draft,
    GlossaryImportError,
    ImportReport,
    read_glossary,
    regions_for,
    too_many_terms,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ADMIN_STATUS = {
    "preferredterm-admn-sts": "preferred",
    "admittedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "deprecated",
    "supersededterm-admn-sts": "deprecated",
    "preferred": "preferred",
    "admitted": "admitted",
    "deprecated": "deprecated",
    "superseded": "deprecated",
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


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
        raise GlossaryImportError(
            f"{name}: the document declares XML entities in a DOCTYPE; refused for safety (entities are never expanded)"
        )
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


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if _local(c.tag) == name]


def _text(element: etree._Element) -> str:
    # XML 1.0 allows the C1 controls (CSI, OSC) as characters: kept out of every stored text.
    return without_controls("".join(element.itertext()), keep_lines=True)


def import_tbx(path: str | Path, glossary: Glossary | None = None) -> ImportReport:
    """Import TBX: ISO 30042:2019 (`tbx`/`conceptEntry`/`langSec`/`termSec`) or 2008 (`martif`/`termEntry`/`langSet`/`tig`)."""
    path = Path(path)
    return import_tbx_bytes(read_glossary(path), path.name, glossary)


def import_tbx_bytes(data: bytes, name: str = "<tbx>", glossary: Glossary | None = None) -> ImportReport:
    tree = parse_xml(data, name)
    root = tree.getroot()
    kind = _local(root.tag)
    term_tags: tuple[str, ...]
    if kind == "tbx":
        entry_tag, lang_tag, term_tags = "conceptEntry", "langSec", ("termSec",)
    elif kind == "martif":
        entry_tag, lang_tag, term_tags = "termEntry", "langSet", ("tig", "ntig")
    else:
        raise GlossaryImportError(
            f"{name}: not a TBX document (the root element is <{kind}>, expected <tbx> or <martif>)"
        )
    entries = [entry for entry in root.iter() if _local(entry.tag) == entry_tag]
    # The terms as the entries are read (each a term section of a language section), so the
    # count is linear however the elements nest.
    too_many_terms(
        name,
        sum(1 for e in entries for sec in _children(e, lang_tag) for t in sec if _local(t.tag) in term_tags),
        "terms",
    )
    builder = Builder(name, glossary)
    for entry in entries:
        _tbx_entry(builder, entry, lang_tag, term_tags)
    return builder.report()


def _term_of(sec: etree._Element) -> tuple[str, list[etree._Element]]:
    """The term text and the termNotes of a termSec / tig / ntig."""
    if _local(sec.tag) == "ntig":
        grp = next(iter(_children(sec, "termGrp")), None)
        if grp is None:
            return "", []
        sec = grp
    term = next(iter(_children(sec, "term")), None)
    notes = _children(sec, "termNote") + [n for g in _children(sec, "termNoteGrp") for n in _children(g, "termNote")]
    notes += _children(sec, "note")
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


def _tbx_entry(builder: Builder, entry: etree._Element, lang_tag: str, term_tags: tuple[str, ...]) -> None:
    line = entry.sourceline or 0
    raw_id = (entry.get("id") or "").strip()
    category, sources, origin, notes, extra = "other", [], "user", [], []
    first_note = True
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
            text = _text(child)
            # TBX-Basic has no category: our export writes it as the concept's first note.
            label, value = text[: len(CATEGORY_LABEL)], text[len(CATEGORY_LABEL) :]
            if first_note and label == CATEGORY_LABEL and value in CATEGORIES:
                category = value
            else:
                notes.append(text)
            first_note = False
    english: list[tuple[int, str]] = []
    chinese: list[tuple[etree._Element, str, list[etree._Element], str]] = []
    for lang_sec in _children(entry, lang_tag):
        lang = (lang_sec.get(XML_LANG) or lang_sec.get("lang") or "").strip()
        primary = _language(lang)
        for child in lang_sec:
            if _local(child.tag) in ("descrip",) and child.get("type") == "definition":
                notes.append(_text(child))
        for sec in lang_sec:
            if _local(sec.tag) not in term_tags:
                continue
            text, term_notes = _term_of(sec)
            if primary == "en":
                status = next(
                    (
                        _ADMIN_STATUS.get(_text(n).strip().lower(), "admitted")
                        for n in term_notes
                        if n.get("type") == "administrativeStatus"
                    ),
                    "admitted",
                )
                if text.strip():
                    english.append((0 if status == "preferred" else 1, text.strip()))
            elif primary == "zh":
                chinese.append((sec, text, term_notes, lang))
    english_terms = [e for _, e in sorted(english, key=lambda item: item[0])]
    if not english_terms:
        builder.reject(line, f"concept {raw_id or '(no id)'}: no English term")
        return
    if not chinese:
        builder.reject(line, f"concept {raw_id or '(no id)'}: no Chinese term")
        return
    more = _MORE_OF.match(raw_id)
    if more is not None:
        # Our TBX 2008 writes one termEntry per Chinese form: `id.2`, `id.3`... are more forms
        # of the concept whose entry came first (or, without it, that concept itself).
        raw_id = more.group(1)
        if raw_id in builder.drafts:
            draft = builder.drafts[raw_id]
            for sec, text, term_notes, lang in chinese:
                term = _tbx_term(builder, sec, text, term_notes, lang)
                if term is not None:
                    builder.add_term(draft, term, sec.sourceline or line)
            return
    if raw_id in builder.drafts:
        builder.reject(line, f"duplicate concept id {raw_id!r} (first at line {builder.drafts[raw_id].line})")
        return
    concept_id, base = _concept_for(builder, raw_id, english_terms[0])
    builder.ids.taken.add(concept_id)
    note = "\n".join(notes + extra) if extra else "\n".join(notes)
    draft = Draft(concept_id, line, category, english_terms, [], note, tuple(sources), origin)
    if base is not None:
        draft = Draft.editing(base, line, concept_id)
        draft.add_english(english_terms)
        draft.add_note(note)
        for existing in base.terms:
            builder.owners.setdefault(fold(existing.text), concept_id)
    for sec, text, term_notes, lang in chinese:
        term = _tbx_term(builder, sec, text, term_notes, lang)
        if term is None:
            continue
        if base is not None and draft.holds(term.text):
            draft.replace_term(term)
        else:
            builder.add_term(draft, term, sec.sourceline or line)
    if draft.terms:
        builder.drafts[concept_id] = draft


_SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_MORE_OF = re.compile(r"^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.[0-9]+$")
_CHINESE_SCRIPTS = {"hans", "hant", "hani"}


def _language(lang: str) -> str:
    """ "en", "zh" (Chinese written in Chinese characters) or "" for a language tag (BCP 47).

    zh-Latn-pinyin, zh-Bopo and the like are Chinese in another script: a Latin or zhuyin
    term stored as a Chinese one would become a word the segmenter looks for in the text.
    """
    parts = lang.lower().replace("_", "-").split("-")
    if parts[0] == "en":
        return "en"
    if parts[0] not in ("zh", "cmn", "yue"):
        return ""
    scripts = [p for p in parts[1:] if len(p) == 4 and p.isalpha()]
    return "zh" if all(p in _CHINESE_SCRIPTS for p in scripts) else ""


def _concept_for(builder: Builder, raw_id: str, english: str) -> tuple[str, Concept | None]:
    """Our id for an entry, and the existing concept it updates (None for a new one or our own id).

    An entry with one of our slugs is that concept, rebuilt exactly (our own export). Another
    tool's id (`1`, `C-002`) or none means the concept the glossary already has under the entry's
    English term, when only one has it: importing the same file again then updates that concept
    instead of adding a copy with a new id each time, and adds to its terms rather than dropping
    those the file does not list.
    """
    if _SLUG.match(raw_id):
        return raw_id, None
    same = builder.by_english().get(english.casefold(), ())
    if len(same) == 1 and same[0].id not in builder.drafts:
        return same[0].id, same[0]
    return builder.ids.new(english), None


def _labelled(note: str) -> tuple[str, str]:
    """A term's note as (the termNote type it stands for, its value), or ("", note)."""
    for label, kind in ((SCRIPT_LABEL, SCRIPT_NOTE), (PINYIN_LABEL, PINYIN_NOTE)):
        if note.startswith(label):
            return kind, note[len(label) :].strip()
    return "", note


def _tbx_term(
    builder: Builder, sec: etree._Element, text: str, term_notes: list[etree._Element], lang: str
) -> ChineseTerm | None:
    line = sec.sourceline or 0
    text = text.strip()
    if not text:
        builder.reject(line, "empty Chinese term")
        return None
    status, regions, script, pinyin = "preferred", [], "", ""
    for note in term_notes:
        kind, value = note.get("type", ""), _text(note).strip()
        if _local(note.tag) == "note":  # TBX-Basic's script and pinyin: labelled notes
            kind, value = _labelled(value)
        if kind == "administrativeStatus":
            if value.lower() not in _ADMIN_STATUS:
                builder.reject(note.sourceline or line, f"{text}: unknown administrativeStatus {value!r}")
                return None
            status = _ADMIN_STATUS[value.lower()]
        elif kind == "geographicalUsage" and value.lower() == ANY_REGION:
            continue  # no particular region: the language tag or the characters tell
        elif kind == "geographicalUsage":
            region = value.upper().replace("_", "-").split("-")[-1]
            region = "HK" if region == "MO" else region
            if region not in REGIONS:
                builder.reject(
                    note.sourceline or line, f"{text}: unknown region {value!r} (expected {', '.join(REGIONS)})"
                )
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
