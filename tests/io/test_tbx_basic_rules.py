"""`glossary export --format tbx` against TBX-Basic's data-category rules (LTAC's TBX-Basic DCA
rules, as issue 14 lists them), checked as code over the parsed file, one test per rule."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from app.core.glossary import ChineseTerm, Concept, Glossary
from app.io.glossary import export as ge
from app.io.glossary import importing as gi
from app.io.glossary.files import load_glossary

TBX = "{urn:iso:std:iso:30042:ed-2}"

# (element, type) -> where it may stand (the local name of its parent).
ALLOWED = {
    ("termNote", "administrativeStatus"): {"termSec"},
    ("termNote", "partOfSpeech"): {"termSec"},
    ("termNote", "geographicalUsage"): {"termSec"},
    ("termNote", "grammaticalGender"): {"termSec"},
    ("termNote", "termLocation"): {"termSec"},
    ("termNote", "termType"): {"termSec"},
    ("descrip", "subjectField"): {"conceptEntry"},
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("descrip", "context"): {"termSec"},
    ("admin", "customerSubset"): {"conceptEntry", "langSec", "termSec"},
    ("admin", "projectSubset"): {"conceptEntry", "langSec", "termSec"},
    ("admin", "source"): {"conceptEntry", "langSec", "termSec"},
    ("ref", "crossReference"): {"conceptEntry", "langSec", "termSec"},
    ("xref", "externalCrossReference"): {"conceptEntry", "langSec", "termSec"},
    ("xref", "xGraphic"): {"conceptEntry", "langSec", "termSec"},
    ("transac", "transactionType"): {"transacGrp"},
    ("transacNote", "responsibility"): {"transacGrp"},
}
PICKLISTS = {
    ("termNote", "administrativeStatus"): {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
    },
    ("termNote", "partOfSpeech"): {"noun", "verb", "adjective", "adverb", "other"},
    ("termNote", "termType"): {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    ("transac", "transactionType"): {"origination", "modification"},
}
TYPED = {"termNote", "descrip", "admin", "ref", "xref", "transac", "transacNote", "adminNote", "descripNote"}

ODD = Concept(
    "odd",
    "event",
    ("Odd & <strange>", "a\x01b"),
    (ChineseTerm("奇", ("TW", "HK"), "deprecated", "Hant", "qí"), ChineseTerm("怪", (), "admitted")),
    note="Category: place (a note that only looks like a label)",
    sources=("=src",),
    origin="user",
)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary().glossary


@pytest.fixture(scope="module")
def exported(bundled, tmp_path_factory) -> tuple[Path, etree._ElementTree]:
    path = tmp_path_factory.mktemp("tbx") / "all.tbx"
    ge.export([*bundled, ODD], path, "tbx", derive=True)
    return path, etree.parse(str(path))


def _typed(doc: etree._ElementTree) -> list[etree._Element]:
    return [e for e in doc.iter() if isinstance(e.tag, str) and _local(e) in TYPED]


def test_every_data_category_is_one_of_tbx_basics(exported):
    _, doc = exported
    used = Counter((_local(e), e.get("type")) for e in _typed(doc))
    assert used, "nothing typed was written"
    assert set(used) <= set(ALLOWED), sorted(set(used) - set(ALLOWED))
    assert ("termNote", "script") not in used and ("termNote", "pronunciation") not in used


def test_every_data_category_stands_where_tbx_basic_allows_it(exported):
    _, doc = exported
    misplaced = [
        (_local(e), e.get("type"), _local(e.getparent()))
        for e in _typed(doc)
        if _local(e.getparent()) not in ALLOWED.get((_local(e), e.get("type")), set())
    ]
    assert misplaced == []


def test_termnotes_only_inside_termsec_and_before_its_notes(exported):
    _, doc = exported
    for sec in doc.iter(TBX + "termSec"):
        kinds = [_local(c) for c in sec]
        assert kinds[0] == "term"
        notes_at = [i for i, k in enumerate(kinds) if k == "termNote"]
        assert notes_at == list(range(1, 1 + len(notes_at)))  # the schema's order: term, termNote*, aux
    assert {_local(n.getparent()) for n in doc.iter(TBX + "termNote")} == {"termSec"}


def test_picklist_values_are_tbx_basics(exported):
    _, doc = exported
    wrong = [
        (_local(e), e.get("type"), e.text)
        for e in _typed(doc)
        if (_local(e), e.get("type")) in PICKLISTS and e.text not in PICKLISTS[(_local(e), e.get("type"))]
    ]
    assert wrong == []


def test_subject_field_is_never_our_category(exported):
    _, doc = exported
    assert [e.text for e in doc.iter(TBX + "descrip") if e.get("type") == "subjectField"] == []


def test_every_term_has_a_geographical_usage(exported, bundled):
    _, doc = exported
    secs = list(doc.iter(TBX + "termSec"))
    english = sum(len(c.english) for c in [*bundled, ODD])
    chinese = sum(len(c.terms) for c in [*bundled, ODD])
    assert len(secs) == english + chinese
    lacking = [s.findtext(TBX + "term") for s in secs if s.find(f"{TBX}termNote[@type='geographicalUsage']") is None]
    assert lacking == []


def test_the_root_declares_tbx_basic(exported):
    _, doc = exported
    root = doc.getroot()
    assert (root.tag, root.get("type"), root.get("style")) == (TBX + "tbx", "TBX-Basic", "dca")


def test_what_tbx_basic_has_no_category_for_comes_back_through_our_import(exported, bundled):
    """Category, script and pinyin ride in labelled notes; our import reads them back, and a
    concept note that merely looks like a label stays a note."""
    path, _ = exported
    report = gi.import_file(path, Glossary.of([]))
    assert report.rejected == []
    back = {c.id: c for c in report.concepts}
    odd = back["odd"]
    assert odd.category == "event" and odd.note == ODD.note and odd.origin == "user"
    assert [(t.text, t.regions, t.status, t.script, t.pinyin) for t in odd.terms][0] == (
        "奇",
        ("TW", "HK"),
        "deprecated",
        "Hant",
        "qí",
    )
    putin = back["vladimir-putin"]
    assert putin.category == "person" and [t.pinyin for t in putin.terms] == ["pǔ jīng", "pǔ dīng", "pǔ tíng", "pǔ qīn"]
    assert all(c.category == bundled.get(c.id).category for c in report.concepts if c.id != "odd")
