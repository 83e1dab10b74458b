"""Glossary exports: CSV bytes, OmegaT layout, TBX 2019 (against the core schema) and 2008, Anki, atomic writes."""

from __future__ import annotations

import csv
import json
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest
from lxml import etree

from app.core.glossary import ChineseTerm, Concept, Glossary
from app.io.glossary import export as ge
from app.io.glossary import export_anki, export_scope, export_tabular, export_tbx
from app.io.glossary.files import load_glossary

PROJECT = Path(__file__).resolve().parents[2]
RNG = PROJECT.parent / "shared" / "data" / "tbx" / "TBXcoreStructV03.rng"
SHARED_DATA = "needs ../shared"
ARTICLES = sorted((PROJECT / "resources" / "articles").glob("*/article.txt"))
TBX = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

PUTIN = Concept(
    "vladimir-putin",
    "person",
    ("Vladimir Putin", "Putin, V."),
    (ChineseTerm("普京", ("CN", "HK"), "preferred", "both", "pǔ jīng"), ChineseTerm("普丁", ("TW",), "admitted")),
    note='He said "no"\nthen left',
    sources=("=cmd|x", "-1"),
    origin="bundled",
)
YALTA = Concept(
    "yalta",
    "place",
    ("Yalta",),
    (
        ChineseTerm("雅尔塔", ("CN",)),
        ChineseTerm("雅爾塔", ("CN",), "admitted"),
        ChineseTerm("雅爾達", ("TW",)),
        ChineseTerm("雅达", ("CN",), "deprecated"),
    ),
    note="@mention\tand a tab",
    origin="user",
)


def rng_schema():
    if not RNG.exists():
        pytest.skip(f"{SHARED_DATA}: the TBX core schema, from ../shared beside the project, is not there")
    return etree.RelaxNG(etree.parse(str(RNG)))


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    result = load_glossary()
    assert result.problems == ()
    return result.glossary


# -- CSV -------------------------------------------------------------------------------------
def test_csv_bytes_exactly(tmp_path):
    out = tmp_path / "g.csv"
    assert export_tabular.write_csv([PUTIN, YALTA], out) == 6
    expected = (
        "\ufeffsource,target,note,concept_id,region,status,pinyin,category,script,sources,origin\r\n"
        '普京,"Vladimir Putin | Putin, V.","He said ""no""\nthen left",vladimir-putin,CN | HK,preferred,pǔ jīng,'
        "person,both,'=cmd|x | -1,bundled\r\n"
        '普丁,"Vladimir Putin | Putin, V.","He said ""no""\nthen left",vladimir-putin,TW,admitted,,'
        "person,,'=cmd|x | -1,bundled\r\n"
        "雅尔塔,Yalta,'@mention\tand a tab,yalta,CN,preferred,,place,,,user\r\n"
        "雅爾塔,Yalta,'@mention\tand a tab,yalta,CN,admitted,,place,,,user\r\n"
        "雅爾達,Yalta,'@mention\tand a tab,yalta,TW,preferred,,place,,,user\r\n"
        "雅达,Yalta,'@mention\tand a tab,yalta,CN,deprecated,,place,,,user\r\n"
    ).encode("utf-8")
    assert out.read_bytes() == expected
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    "cell, guarded",
    [
        ("=1+2", "'=1+2"),
        ("+31 20", "'+31 20"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("'=x", "''=x"),
        ("''-x", "'''-x"),  # a genuine apostrophe before a trigger survives
        ("'quoted", "'quoted"),
        ("'", "'"),
        ("", ""),  # untouched: no trigger after the apostrophes
        ("a=b", "a=b"),
        ("普京", "普京"),
        (" =x", " =x"),
    ],
)
def test_formula_guard_is_applied_and_reversible(cell, guarded):
    from app.io.glossary.importing import unguard_cell

    assert export_tabular.guard_cell(cell) == guarded
    assert unguard_cell(guarded) == cell


def test_csv_guards_every_column(tmp_path):
    nasty = Concept(
        "a-b",
        "other",
        ("=HYPERLINK()", "+x"),
        (ChineseTerm("-汉", ("CN",), "preferred", "", "@pin"),),
        note="\rnote",
        sources=("\tsrc",),
    )
    row = next(export_tabular.csv_rows([nasty]))
    assert row[0] == "'-汉" and row[1] == "'=HYPERLINK() | +x" and row[2] == "'\rnote"
    assert row[6] == "'@pin" and row[9] == "'\tsrc"
    assert not any(c and c[0] in export_tabular.FORMULA_TRIGGERS for c in row)


def test_csv_one_row_per_variant_of_the_bundled_glossary(tmp_path, bundled):
    out = tmp_path / "all.csv"
    rows = export_tabular.write_csv(bundled, out)
    assert rows == sum(len(c.terms) for c in bundled)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        parsed = list(csv.reader(handle))
    assert parsed[0] == list(export_tabular.CSV_COLUMNS) and len(parsed) == rows + 1
    assert all(len(row) == len(export_tabular.CSV_COLUMNS) for row in parsed)
    assert [row[0] for row in parsed[1:]] == [t.text for c in bundled for t in c.terms]


def test_csv_can_fill_pinyin_and_script(tmp_path):
    row = next(export_tabular.csv_rows([YALTA], derive=True))
    assert row[6] == "yǎ ěr tǎ" and row[8] == "Hans"
    assert next(export_tabular.csv_rows([YALTA]))[6] == ""


def test_concept_without_chinese_term_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no Chinese term"):
        export_tabular.write_csv([Concept("x", "other", ("X",), ())], tmp_path / "x.csv")
    assert not list(tmp_path.iterdir())


# -- scope -----------------------------------------------------------------------------------
def test_concepts_in_text_is_the_article_scope(bundled):
    text = ARTICLES[0].read_text(encoding="utf-8")
    found = export_scope.concepts_in_text(bundled, text)
    assert found and len({c.id for c in found}) == len(found) < len(bundled)
    positions = [min(m.start for m in bundled.matches(text) if m.concept.id == c.id) for c in found]
    assert positions == sorted(positions)
    assert export_scope.concepts_in_text(bundled, "今天天氣很好") == []
    assert [c.id for c in export_scope.concepts_in_text(bundled, "普丁與普京")] == ["vladimir-putin"]


# -- OmegaT ----------------------------------------------------------------------------------
def test_omegat_layout(tmp_path):
    out = tmp_path / "g.txt"
    assert export_tabular.write_omegat([PUTIN, YALTA], out) == 6
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    lines = raw.decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 7
    cells = [line.split("\t") for line in lines[:-1]]
    assert all(len(c) == 3 for c in cells)
    assert cells[0][:2] == ["普京", "Vladimir Putin"]
    assert cells[0][2] == 'CN/HK preferred; pǔ jīng; also: Putin, V.; He said "no" then left'
    assert cells[1][2].startswith("TW admitted;")
    assert cells[2] == ["雅尔塔", "Yalta", "CN preferred; @mention and a tab"]
    assert cells[5][0] == "雅达" and "deprecated" in cells[5][2]


# -- TBX 2019 --------------------------------------------------------------------------------
def test_tbx_2019_validates_and_carries_status_and_regions(tmp_path, bundled):
    schema = rng_schema()
    out = tmp_path / "g.tbx"
    assert export_tbx.write_tbx(bundled, out) == len(bundled)
    doc = etree.parse(str(out))
    assert schema.validate(doc), schema.error_log
    root = doc.getroot()
    assert root.tag == TBX + "tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    entries = root.findall(f".//{TBX}conceptEntry")
    assert [e.get("id") for e in entries] == [c.id for c in bundled]
    for entry, concept in zip(entries, bundled):
        assert entry.findtext(f"{TBX}note") == f"Category: {concept.category}"
        zh, en = entry.findall(f"{TBX}langSec")
        assert (zh.get(XML_LANG), en.get(XML_LANG)) == ("zh", "en")
        for sec, term in zip(zh.findall(f"{TBX}termSec"), concept.terms, strict=True):
            assert sec.findtext(f"{TBX}term") == term.text
            assert sec.findtext(f"{TBX}termNote[@type='administrativeStatus']") == f"{term.status}Term-admn-sts"
            regions = [n.text for n in sec.findall(f"{TBX}termNote[@type='geographicalUsage']")]
            assert regions == list(term.regions)
        statuses = [s.findtext(f"{TBX}termNote[@type='administrativeStatus']") for s in en.findall(f"{TBX}termSec")]
        assert statuses == ["preferredTerm-admn-sts"] + ["admittedTerm-admn-sts"] * (len(concept.english) - 1)


def test_tbx_2019_schema_catches_a_broken_document(tmp_path):
    """The validation above can fail: the same file without its language sections does not validate."""
    schema = rng_schema()
    out = tmp_path / "g.tbx"
    export_tbx.write_tbx([PUTIN], out)
    doc = etree.parse(str(out))
    assert schema.validate(doc), schema.error_log
    entry = doc.getroot().find(f".//{TBX}conceptEntry")
    for sec in entry.findall(f"{TBX}langSec"):
        entry.remove(sec)
    assert not schema.validate(doc)


def test_tbx_2019_empty_and_awkward_text_still_valid(tmp_path):
    schema = rng_schema()
    out = tmp_path / "empty.tbx"
    export_tbx.write_tbx([], out)
    assert schema.validate(etree.parse(str(out)))
    odd = Concept(
        "odd", "other", ("<b>&amp;</b>", "a\x01b"), (ChineseTerm("𠀀𪚥", ("HK",), "deprecated"),), note="]]> \r\n & <"
    )
    export_tbx.write_tbx([odd], out)
    doc = etree.parse(str(out))
    assert schema.validate(doc)
    assert [n.text for n in doc.iter(TBX + "note")] == ["Category: other", "]]> \r\n & <"]
    assert [t.text for t in doc.iter(TBX + "term")] == ["𠀀𪚥", "<b>&amp;</b>", "a\ufffdb"]


# -- TBX 2008 --------------------------------------------------------------------------------
def test_tbx_2008_structure(tmp_path):
    """One termEntry per Chinese form (the first under the concept id), each with the concept's
    fields, the form's own notes and every English term."""
    out = tmp_path / "g.tbx"
    assert export_tbx.write_tbx2008([PUTIN, YALTA], out) == 6
    root = etree.parse(str(out)).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX" and root.get(XML_LANG) == "en"
    assert [c.tag for c in root] == ["martifHeader", "text"]
    entries = root.findall("text/body/termEntry")
    assert [e.get("id") for e in entries] == [
        "vladimir-putin",
        "vladimir-putin.2",
        "yalta",
        "yalta.2",
        "yalta.3",
        "yalta.4",
    ]
    for entry in entries[:2]:
        zh, en = entry.findall("langSet")
        assert zh.get(XML_LANG) == "zh" and en.get(XML_LANG) == "en"
        assert [t.text for t in en.findall("tig/term")] == ["Vladimir Putin", "Putin, V."]
        assert entry.findtext("note") == 'He said "no"\nthen left'
        assert entry.findtext("descrip[@type='subjectField']") == "person"
    assert [[t.text for t in e.findall("langSet/tig/term")][0] for e in entries] == [
        "普京",
        "普丁",
        "雅尔塔",
        "雅爾塔",
        "雅爾達",
        "雅达",
    ]
    notes = [[(n.get("type"), n.text) for n in e.find("langSet").findall("tig/termNote")] for e in entries[:2]]
    assert notes == [
        [
            ("administrativeStatus", "preferredTerm-admn-sts"),
            ("geographicalUsage", "CN"),
            ("geographicalUsage", "HK"),
            ("script", "both"),
            ("pronunciation", "pǔ jīng"),
        ],
        [("administrativeStatus", "admittedTerm-admn-sts"), ("geographicalUsage", "TW")],
    ]


# -- Anki ------------------------------------------------------------------------------------
def _notes(apkg: Path) -> list[tuple[str, list[str], str]]:
    with zipfile.ZipFile(apkg) as archive:
        names = archive.namelist()
        collection = next(n for n in names if n.startswith("collection.anki2"))
        data = archive.read(collection)
    db_path = apkg.with_suffix(".sqlite")
    db_path.write_bytes(data)
    with sqlite3.connect(db_path) as db:
        rows = db.execute("select guid, flds, tags from notes order by id").fetchall()
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
    assert str(export_anki.ANKI_DECK_ID) in decks
    return [(guid, flds.split("\x1f"), tags) for guid, flds, tags in rows]


def test_anki_deck_has_one_note_per_concept_with_stable_guids(tmp_path, bundled):
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES]
    out = tmp_path / "g.apkg"
    assert export_anki.write_anki(bundled, out, texts) == len(bundled)
    notes = _notes(out)
    assert len(notes) == len(bundled)
    assert sorted(g for g, _, _ in notes) == sorted(genanki.guid_for(c.id) for c in bundled)
    by_guid = {g: fields for g, fields, _ in notes}
    putin = by_guid[genanki.guid_for("vladimir-putin")]
    assert putin[0] == "普京 (CN, HK) / 普丁 (TW) / 普亭 (TW) / 普欽 (TW)"
    assert putin[1] == "pǔ jīng / pǔ dīng / pǔ tíng / pǔ qīn"
    assert putin[2] == "Vladimir Putin; Putin"
    assert "<b>" in putin[4] and ("普丁" in putin[4] or "普京" in putin[4])
    assert putin[4].endswith(("。", "！", "？", "」")) or "\n" not in putin[4]
    # re-exporting gives the same GUIDs and ids, so Anki updates rather than duplicates
    again = tmp_path / "again.apkg"
    export_anki.write_anki(bundled, again, texts)
    assert [g for g, _, _ in _notes(again)] == [g for g, _, _ in notes]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_example_sentence_rules():
    texts = ["沒有。", "第一句。普丁說話了！後面還有普京。\n另一行普京", "普京。"]
    assert export_anki.example_sentence(PUTIN, texts) == "普丁說話了！"
    assert export_anki.example_sentence(PUTIN, ["他說：「普京來了。」然後走了"]) == "他說：「普京來了。」"
    assert export_anki.example_sentence(PUTIN, ["一行普京\n下一行。"]) == "一行普京"
    assert export_anki.example_sentence(PUTIN, ["沒有"]) == ""
    assert list(export_anki.sentences("甲。乙！丙？\n丁")) == ["甲。", "乙！", "丙？", "丁"]


def test_hanzi_field_lists_every_form_with_regions():
    concept = Concept("p", "person", ("Putin",), (ChineseTerm("普丁", ("TW",)), ChineseTerm("普京", ("CN", "HK"))))
    assert export_anki.hanzi_field(concept) == "普丁 (TW) / 普京 (CN, HK)"


# -- atomic writes ---------------------------------------------------------------------------
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_failed_csv_export_leaves_previous_file(tmp_path, monkeypatch, bundled):
    out = tmp_path / "g.csv"
    export_tabular.write_csv([PUTIN], out)
    before = out.read_bytes()
    real, calls = export_tabular._term_row, []

    def failing(*args):
        calls.append(1)
        if len(calls) > 200:
            raise RuntimeError("disk full")
        return real(*args)

    monkeypatch.setattr(export_tabular, "_term_row", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        export_tabular.write_csv(list(bundled) * 3, out)
    assert len(calls) == 201
    assert out.read_bytes() == before
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", [export_tbx.write_tbx, export_tbx.write_tbx2008, export_tabular.write_omegat])
def test_failed_xml_and_omegat_exports_leave_previous_file(tmp_path, monkeypatch, bundled, writer):
    out = tmp_path / "g.out"
    out.write_bytes(b"previous")
    monkeypatch.setattr(export_tbx, "_escaper", _raise_on(export_tbx._escaper, 1500))
    monkeypatch.setattr(export_tabular, "_one_line", _raise_on(export_tabular._one_line, 15000))
    with pytest.raises(RuntimeError):
        writer(list(bundled) * 40, out)
    assert out.read_bytes() == b"previous"
    assert _leftovers(tmp_path) == []


def _raise_on(function, after):
    calls = []

    def wrapped(*args, **kwargs):
        calls.append(1)
        if len(calls) > after:
            raise RuntimeError("interrupted")
        return function(*args, **kwargs)

    return wrapped


def test_failed_anki_export_leaves_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "deck.apkg"
    out.write_bytes(b"previous deck")

    def half_written(self, path, *args, **kwargs):
        Path(path).write_bytes(b"PK\x03\x04 half")
        raise OSError("interrupted")

    monkeypatch.setattr(genanki.Package, "write_to_file", half_written)
    with pytest.raises(OSError):
        export_anki.write_anki([PUTIN], out)
    assert out.read_bytes() == b"previous deck"
    assert _leftovers(tmp_path) == []


def test_export_dispatch(tmp_path):
    for fmt in ge.FORMATS:
        assert ge.export([PUTIN], tmp_path / f"g.{fmt}", fmt) >= 1
    with pytest.raises(ValueError, match="unknown export format"):
        ge.export([PUTIN], tmp_path / "g.x", "xlsx")


def test_every_registered_format_names_a_writer_that_exists():
    # The registry names its writers as text (imported when used): each must resolve.
    from app.io.glossary.export import EXPORT_FORMATS

    for entry in EXPORT_FORMATS:
        assert callable(entry.function()), entry.name
