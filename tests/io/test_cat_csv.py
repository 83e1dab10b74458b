"""`glossary export --format cat-csv` read by translate-toolkit's CSV reader: every cell arrives
as written (no formula guard), the note kept (issue 14, item 7)."""

from __future__ import annotations

import pytest

from app.core.glossary import ChineseTerm, Concept
from app.io.glossary import export as ge
from app.io.glossary import export_tabular
from app.io.glossary.files import load_glossary

csvl10n = pytest.importorskip("translate.storage.csvl10n", reason="translate-toolkit (test extra) is not installed")

TRUMP = Concept(
    "donald-trump",
    "person",
    ("-Trump", "=Trump()"),
    (ChineseTerm("@川普", ("TW",), "preferred", "Hant", "chuān pǔ"), ChineseTerm("特朗普", ("CN", "HK"))),
    note="+ a note that starts like a formula\nand goes on on a second line",
)


def _read(path):
    store = csvl10n.csvfile()
    store.parse(path.read_bytes())
    return store.units


def test_cells_arrive_as_written_with_the_note(tmp_path):
    path = tmp_path / "cat.csv"
    assert export_tabular.write_cat_csv([TRUMP], path) == 2
    units = _read(path)
    assert [(u.source, u.target, u.getcontext()) for u in units] == [
        ("@川普", "-Trump", "donald-trump"),
        ("特朗普", "-Trump", "donald-trump"),
    ]
    for unit in units:
        assert unit.getnotes("translator") == TRUMP.note
    assert units[0].getnotes("developer") == "TW preferred; chuān pǔ; also: =Trump()"
    assert units[1].getnotes("developer") == "CN/HK preferred; also: =Trump()"
    assert "'" not in path.read_text(encoding="utf-8-sig")


def test_the_spreadsheet_csv_keeps_its_guard(tmp_path):
    """The guard stays where a spreadsheet is the reader: the same concept in `csv`."""
    path = tmp_path / "sheet.csv"
    export_tabular.write_csv([TRUMP], path)
    text = path.read_text(encoding="utf-8-sig")
    assert "'@川普" in text and "'-Trump" in text and "'+ a note" in text


def test_every_bundled_form_reaches_translate_toolkit(tmp_path):
    glossary = load_glossary().glossary
    path = tmp_path / "all.csv"
    ge.export(glossary, path, "cat-csv", derive=True)
    units = _read(path)
    assert [(u.source, u.target) for u in units] == [(t.text, c.preferred_english) for c in glossary for t in c.terms]
    notes = {u.source: u.getnotes("translator") for u in units}
    assert notes["普丁"] == glossary.get("vladimir-putin").note
