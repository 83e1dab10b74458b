"""Exports of glossary concepts for translators and learners: CSV, OmegaT, TBX 2019 and 2008, Anki.

The caller chooses the scope: the whole glossary, or `export_scope.concepts_in_text(glossary, text)` for the
concepts that occur in one article. Every file is written through `atomic_output`, so a failed
export leaves the previous file as it was.

CSV (the app's own interchange form, read back by `app.io.glossary.importing`):
UTF-8 with a BOM, a header row, RFC 4180 quoting, CRLF line ends, one row per Chinese term, in
the columns of `export_tabular.CSV_COLUMNS`. Several values in one cell are joined with `` | `` (English terms,
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

import importlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from app.core.glossary import Concept
from app.io.anki_deck import NoteStamps


# -- one entry point -------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportFormat:
    """One way to write the glossary: the command line's choices, the export dialog and the
    file's suffix all come from the registry below, so a new format is one entry there."""

    name: str  # what --format takes
    label: str  # what the export dialog shows
    suffix: str  # the file name's ending, without the dot
    writer: str  # "module:function" in app.io.glossary, imported when the format is first written
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
        writer = self.function()
        if self.examples:
            return writer(concepts, path, texts, stamps=stamps)
        return writer(concepts, path, derive=derive)

    def function(self) -> Callable[..., int]:
        # Imported here, not with the registry: the command line builds its parser (and the window
        # its menus) from the registry on every start, and TBX alone brings in lxml (35 ms).
        module, name = self.writer.split(":")
        found: Callable[..., int] = getattr(importlib.import_module(f"app.io.glossary.{module}"), name)
        return found


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("csv", "CSV for spreadsheets (Duben's own, re-importable)", "csv", "export_tabular:write_csv"),
    ExportFormat("cat-csv", "CSV for CAT tools (translate-toolkit, Weblate)", "csv", "export_tabular:write_cat_csv"),
    ExportFormat("omegat", "OmegaT glossary (tab-separated)", "txt", "export_tabular:write_omegat"),
    ExportFormat("tbx", "TBX-Basic 2019", "tbx", "export_tbx:write_tbx"),
    ExportFormat("tbx2008", "TBX 2008 (martif)", "tbx", "export_tbx:write_tbx2008"),
    ExportFormat("anki", "Anki deck", "apkg", "export_anki:write_anki", examples=True),
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
