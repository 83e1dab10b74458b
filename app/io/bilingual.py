"""Bilingual files of an article for CAT tools and reviewers: TMX 1.4b and XLIFF 1.2 through
translate-toolkit (the field's own library, so the files are what OmegaT, memoQ and Trados
read), a DOCX table (source | translation | notes) through python-docx, and reading a TMX or
XLIFF that comes back translated.

Each unit's id is the paragraph's number from 1 and its fingerprint (`3-92971c17`): a CAT tool
keeps ids, so an import can tell a paragraph that changed since the file was written.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.io.atomic import write_bytes_atomic
from app.io.textinput import InputError, read_bounded

FORMATS = ("tmx", "xliff", "docx")
SUFFIXES = {"tmx": ".tmx", "xliff": ".xlf", "docx": ".docx"}
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
_UNIT_ID = re.compile(r"^(\d+)-([0-9a-f]{8})$")
CREATOR = "Duben"


class BilingualFileError(Exception):
    """A file that cannot be read as TMX or XLIFF; the message names it and says why."""


@dataclass(frozen=True)
class Unit:
    """One paragraph of an article in a bilingual file."""

    number: int  # from 1
    fingerprint: str
    source: str
    target: str  # "" where there is no translation
    notes: str = ""  # for the DOCX table's third column

    @property
    def id(self) -> str:
        return f"{self.number}-{self.fingerprint}"


@dataclass(frozen=True)
class ReadUnit:
    """A unit as a returned file has it: its id split (None where it is not ours), its texts, its line."""

    number: int | None
    fingerprint: str | None
    source: str
    target: str
    line: int


def _tmx_bytes(units: Sequence[Unit], source_lang: str, target_lang: str) -> bytes:
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage=source_lang, targetlanguage=target_lang)
    header = store.document.getroot().find("header")
    if header is not None:
        header.set("creationtool", CREATOR)
        header.set("creationtoolversion", "1")
        header.set("segtype", "paragraph")
    for unit in units:
        if not unit.target.strip():
            continue  # a translation memory holds pairs: a paragraph without one is left out
        store.addtranslation(unit.source, source_lang, unit.target, target_lang)
        store.units[-1].xmlelement.set("tuid", unit.id)
    return bytes(store)


def _xliff_store(source_lang: str, target_lang: str) -> Any:
    from translate.storage import xliff

    class Xliff12(xliff.xlifffile[xliff.xliffunit]):
        # translate-toolkit writes XLIFF 1.1 by default (it reads 1.2 by its namespace); 1.2 is
        # what OmegaT, memoQ and Trados all read.
        XMLskeleton = (
            f'<?xml version="1.0" ?><xliff version="1.2" xmlns="{XLIFF_12}">'
            "<file original='NoName' source-language='en' datatype='plaintext'><body></body></file></xliff>"
        )

    return Xliff12(sourcelanguage=source_lang, targetlanguage=target_lang)


def _xliff_bytes(units: Sequence[Unit], original: str, source_lang: str, target_lang: str) -> bytes:
    store = _xliff_store(source_lang, target_lang)
    for position, unit in enumerate(units):
        made = store.addsourceunit(unit.source, filename=original, createifmissing=position == 0)
        made.setid(unit.id)
        if unit.target.strip():
            made.settarget(unit.target)
            # Translated, not approved: a reviewer's sign-off is the CAT tool's to give.
            made.xmlelement.attrib.pop("approved", None)
            made.xmlelement.find(f"{{{XLIFF_12}}}target").set("state", "translated")
    from lxml import etree

    # Units are made in translate-toolkit's 1.1 namespace and moved into ours: drop its declaration.
    etree.cleanup_namespaces(store.document.getroot())
    return bytes(store)


def _docx_bytes(units: Sequence[Unit], title: str, headings: tuple[str, str, str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("#", *headings)):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for unit in units:
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(unit.number), unit.source, unit.target, unit.notes)):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_bilingual(
    path: str | os.PathLike[str],
    fmt: str,
    units: Sequence[Unit],
    *,
    title: str,
    source_lang: str,
    target_lang: str = "en",
) -> None:
    """Write the units as `fmt` (one of FORMATS), replacing `path` in one step."""
    if fmt == "tmx":
        data = _tmx_bytes(units, source_lang, target_lang)
    elif fmt == "xliff":
        data = _xliff_bytes(units, title, source_lang, target_lang)
    elif fmt == "docx":
        data = _docx_bytes(units, title, ("Source", "Translation", "Notes"))
    else:
        raise ValueError(f"unknown bilingual format {fmt!r}")
    write_bytes_atomic(path, data)


def read_bilingual(path: str | os.PathLike[str]) -> list[ReadUnit]:
    """The units of a TMX or XLIFF file (told apart by its root element), in file order."""
    name = os.fspath(path)
    try:
        data = read_bounded(path)
    except InputError as error:
        raise BilingualFileError(str(error)) from None
    head = data[:4096].decode("utf-8", "replace")
    try:
        if "<tmx" in head:
            return _read_tmx(data)
        if "<xliff" in head:
            return _read_xliff(data)
    except Exception as error:  # lxml's and translate-toolkit's errors have no common base
        raise BilingualFileError(
            f"{name}: cannot be read ({str(error).splitlines()[0] if str(error) else type(error).__name__})"
        ) from None
    raise BilingualFileError(f"{name}: is neither TMX nor XLIFF (no <tmx> or <xliff> element at its start)")


def _split_id(raw: str | None) -> tuple[int | None, str | None]:
    match = _UNIT_ID.match((raw or "").strip())
    return (int(match.group(1)), match.group(2)) if match else (None, None)


def _read_tmx(data: bytes) -> list[ReadUnit]:
    from translate.storage import tmx

    store: Any = tmx.tmxfile.parsestring(data)  # type: ignore[no-untyped-call]
    units = []
    for unit in store.units:
        number, mark = _split_id(unit.xmlelement.get("tuid"))
        units.append(
            ReadUnit(number, mark, str(unit.source or ""), str(unit.target or ""), unit.xmlelement.sourceline or 0)
        )
    return units


def _read_xliff(data: bytes) -> list[ReadUnit]:
    from translate.storage import xliff

    store: Any = xliff.xlifffile.parsestring(data)  # type: ignore[no-untyped-call]
    units = []
    for unit in store.units:
        if unit.isheader():
            continue
        number, mark = _split_id(unit.xmlelement.get("id"))
        target = str(unit.target or "")
        units.append(ReadUnit(number, mark, str(unit.source or ""), target, unit.xmlelement.sourceline or 0))
    return units
