"""`glossary export --format tbx2008` read by translate-toolkit itself (its TBX store and tbx2po):
every Chinese form arrives, each with its own notes (issue 14, item 4)."""

from __future__ import annotations

import io

import pytest

from app.core.glossary import Glossary, complete
from app.io.glossary import export as ge
from app.io.glossary.files import load_glossary

tbx = pytest.importorskip("translate.storage.tbx", reason="translate-toolkit (test extra) is not installed")
tbx2po = pytest.importorskip("translate.convert.tbx2po")


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary().glossary


@pytest.fixture(scope="module")
def exported(bundled, tmp_path_factory):
    path = tmp_path_factory.mktemp("tbx2008") / "all.tbx"
    ge.export(bundled, path, "tbx2008", derive=True)  # what `glossary export` writes
    return path


def _forms(glossary: Glossary) -> list[tuple[str, tuple[str, ...], str]]:
    return [(t.text, t.regions, c.preferred_english) for c in glossary for t in c.terms]


@pytest.mark.parametrize("languages", [{}, {"sourcelanguage": "zh", "targetlanguage": "en"}])
def test_translate_toolkit_sees_every_chinese_form_with_its_english(exported, bundled, languages):
    with exported.open("rb") as handle:
        store = tbx.tbxfile(handle, **languages)
    seen = [(u.source, u.target) for u in store.units]
    forms = _forms(bundled)
    assert sorted(seen) == sorted((text, english) for text, _, english in forms)
    # The forms Taiwan writes and the mainland does not: the ones the old file lost.
    not_mainland = [text for text, regions, _ in forms if "TW" in regions and "CN" not in regions]
    assert len(not_mainland) > 100 and set(not_mainland) <= {s for s, _ in seen}
    assert ("普丁", "Vladimir Putin") in seen and ("普京", "Vladimir Putin") in seen


def test_each_unit_carries_its_own_forms_notes(exported, bundled):
    with exported.open("rb") as handle:
        store = tbx.tbxfile(handle)
    by_source = {u.source: u for u in store.units}
    for text, regions, _ in _forms(bundled):
        (term,) = by_source[text].get_source_terms()
        assert tuple(n.text for n in term.notes if n.category == "geographicalUsage") == regions, text
    putin = by_source["普丁"]
    pos = putin.getnotes("pos").split("\n")
    assert "TW" in pos and "CN" not in pos and "pǔ dīng" in pos and "pǔ jīng" not in pos
    assert putin.get_source_terms()[0].administrative_status == "preferredTerm-admn-sts"
    assert [t.text for t in putin.get_target_terms()] == list(bundled.get("vladimir-putin").english)


def test_tbx2po_gives_one_message_per_form_with_its_own_notes(exported, bundled):
    with exported.open("rb") as handle:
        po = tbx2po.tbx2po().convertfile(tbx.tbxfile(handle))
    messages = {u.source: u for u in po.units if u.source}
    assert sorted(messages) == sorted(text for text, _, _ in _forms(bundled))
    putin = messages["普丁"]
    assert putin.target == "Vladimir Putin"
    comment = putin.getnotes("developer")
    assert "TW" in comment and "CN" not in comment.split("Part of speech:")[1].split()
    assert "pǔ jīng" not in comment


def test_a_tbx_2008_file_of_ours_comes_back_as_the_same_concepts(exported, bundled):
    from app.io.glossary import importing as gi

    report = gi.import_file(exported, bundled)
    assert report.rejected == [] and (report.added, report.updated) == (0, len(bundled))
    assert report.concepts == [complete(c) for c in bundled]  # the export filled in script and pinyin


def test_the_file_parses_as_xml_for_any_reader(exported):
    from lxml import etree

    entries = etree.parse(io.BytesIO(exported.read_bytes())).getroot().findall("text/body/termEntry")
    ids = [e.get("id") for e in entries]
    assert len(ids) == len(set(ids))  # XML ids stay unique with one entry per form
