"""The glossary as rows: Duben's own CSV (with the formula guard), the CSV for CAT tools, and OmegaT's tab-separated glossary.

See `app.io.glossary.export` for what each file holds."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence

from app.core.glossary import ChineseTerm, Concept
from app.io.atomic import atomic_output, write_csv_atomic
from app.io.glossary.export_scope import prepared

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


# -- CSV -------------------------------------------------------------------------------------
def guard_cell(value: str) -> str:
    """The cell with the formula-injection guard applied (see the module docstring)."""
    return "'" + value if _NEEDS_GUARD.match(value) else value


def csv_rows(concepts: Iterable[Concept], *, derive: bool = False) -> Iterator[list[str]]:
    """The data rows of the CSV export (guarded), one per Chinese term."""
    for concept in prepared(concepts, derive):
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
    for concept in prepared(concepts, derive):
        target, others = concept.preferred_english, concept.english[1:]
        for term in concept.terms:
            yield [term.text, target, concept.id, concept.note, "; ".join(term_facts(term, others))]


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
    for concept in prepared(concepts, derive):
        target = _one_line(concept.preferred_english)
        others = [_one_line(e) for e in concept.english[1:]]
        for term in concept.terms:
            parts = term_facts(term, others)
            if concept.note:
                parts.append(concept.note)
            yield f"{_one_line(term.text)}\t{target}\t{_one_line('; '.join(parts))}"


def term_facts(term: ChineseTerm, others: Sequence[str]) -> list[str]:
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
