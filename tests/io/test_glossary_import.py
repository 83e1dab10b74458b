"""Glossary import: round trips (property-based and of the bundled glossary), plain CSV, TBX, bad and unsafe input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from app.core.glossary import CATEGORIES, ORIGINS, REGIONS, SCRIPTS, STATUSES, ChineseTerm, Concept, Glossary, fold
from app.io.glossary import export as ge
from app.io.glossary import export_tabular, export_tbx
from app.io.glossary import importing as gi
from app.io.glossary.files import load_glossary
from app.io.glossary.import_tbx import _parser as xml_parser  # the importer's own XML-safe parser
from app.io.glossary.importing import GlossaryImportError

HEADER = "source,target,note,concept_id,region,status,pinyin,category,script,sources,origin\r\n"


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    result = load_glossary()
    assert result.problems == ()
    return result.glossary


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# -- generated glossaries --------------------------------------------------------------------
_TRICKY = list(",\"'=+-@;:| \t\r\n") + ["é", "ß", "—", "“", "”", "𠀀", "𪚥", "中", "<", ">", "&", "]"]
_cell_char = st.one_of(
    st.sampled_from(_TRICKY),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # CJK Extension B
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co")),
)
_text = st.text(_cell_char, max_size=20)
_prefix = st.sampled_from(["", "", "=", "+", "-", "@", "'", "'=", "''+", "\t", "\n", "\r", " "])
_free = st.builds(lambda p, t: p + t, _prefix, _text)  # notes: anything, leading triggers included
# English terms and sources: stripped, non-empty, no `|` (the join character)
_item = st.builds(lambda p, t: (p + t).replace("|", "/").strip(), _prefix, _text).filter(bool)
_han = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
)
_zh = st.text(_han, min_size=1, max_size=4)
_pinyin = st.sampled_from(["", "pǔ jīng", "yǎ ěr dá", "=lǜ", "-ā"])
_ids = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)


@st.composite
def glossaries(draw) -> list[Concept]:
    ids = draw(st.lists(_ids, min_size=1, max_size=5, unique=True))
    texts = draw(st.lists(_zh, min_size=len(ids), max_size=len(ids) * 3, unique_by=fold))
    cut = (
        sorted(draw(st.lists(st.integers(1, len(texts) - 1), max_size=len(ids) - 1, unique=True)))
        if len(texts) > 1
        else []
    )
    cut = cut[: len(ids) - 1]
    bounds = [0, *cut, len(texts)]
    concepts = []
    for number, concept_id in enumerate(ids[: len(bounds) - 1]):
        terms = tuple(
            ChineseTerm(
                text,
                tuple(draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3, unique=True))),
                draw(st.sampled_from(STATUSES)),
                draw(st.sampled_from(("",) + SCRIPTS)),
                draw(_pinyin),
            )
            for text in texts[bounds[number] : bounds[number + 1]]
        )
        concepts.append(
            Concept(
                concept_id,
                draw(st.sampled_from(CATEGORIES)),
                tuple(draw(st.lists(_item, min_size=1, max_size=3))),
                terms,
                draw(_free),
                tuple(draw(st.lists(_item, max_size=2))),
                draw(st.sampled_from(ORIGINS)),
            )
        )
    return concepts


_PROPERTY = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@_PROPERTY
@given(concepts=glossaries())
def test_csv_round_trip_gives_back_the_same_concepts(tmp_path, concepts):
    path = tmp_path / "g.csv"
    export_tabular.write_csv(concepts, path)
    report = gi.import_csv(path)
    assert report.rejected == []
    assert report.concepts == concepts
    assert (report.added, report.updated) == (len(concepts), 0)
    again = gi.import_csv(path, Glossary.of(concepts))
    assert (again.added, again.updated) == (0, len(concepts))


@_PROPERTY
@given(concepts=glossaries(), version=st.sampled_from(["2019", "2008"]))
def test_tbx_round_trip_gives_back_the_same_concepts(tmp_path, concepts, version):
    path = tmp_path / "g.tbx"
    (export_tbx.write_tbx if version == "2019" else export_tbx.write_tbx2008)(concepts, path)
    report = gi.import_tbx(path)
    assert report.rejected == []
    assert report.concepts == concepts


@pytest.mark.parametrize("fmt", ["csv", "tbx", "tbx2008"])
def test_bundled_glossary_round_trips_through_every_full_format(tmp_path, bundled, fmt):
    path = tmp_path / f"all.{fmt}"
    ge.export(bundled, path, fmt)
    report = gi.import_file(path, bundled)
    assert report.rejected == []
    assert report.concepts == list(bundled)
    assert (report.added, report.updated) == (0, len(bundled))


def test_derived_export_round_trips_to_the_completed_concepts(tmp_path, bundled):
    from app.core.glossary import complete

    some = list(bundled)[:10]
    export_tabular.write_csv(some, tmp_path / "g.csv", derive=True)
    assert gi.import_csv(tmp_path / "g.csv").concepts == [complete(c) for c in some]


# -- CSV: the app's own format with problems ----------------------------------------------------
def test_bad_rows_are_rejected_with_their_line_and_the_rest_imported(tmp_path):
    content = (
        "\ufeff"
        + HEADER
        + "普京,Vladimir Putin,,vladimir-putin,CN | HK,preferred,,person,,,bundled\r\n"  # 2
        + "普丁,Vladimir Putin,,vladimir-putin,TW,preferred,,person,,,bundled\r\n"  # 3
        + ",Nobody,,nobody,CN,preferred,,person,,,user\r\n"  # 4 empty source
        + "川普,Trump,,donald-trump,US,preferred,,person,,,user\r\n"  # 5 unknown region
        + "特朗普,Trump,,donald-trump,CN,favourite,,person,,,user\r\n"  # 6 unknown status
        + "普京,Someone else,,someone,CN,preferred,,person,,,user\r\n"  # 7 claimed
        + "川普,Trump,,donald-trump,TW\r\n"  # 8 ragged
        + "川普,Trump,,donald-trump,TW,preferred,,person,,,user,extra\r\n"  # 9 ragged
        + '川普,"Trump,,donald-trump,TW,preferred,,person,,,user\r\n'  # 10 unbalanced
        + "川普,Trump,,donald-trump,TW,preferred,,person,,,user\r\n"  # 11 fine
        + "中國,China,,china,TW,preferred,,country,,,user\r\n"  # 12 category
    )
    report = gi.import_csv(write(tmp_path, "bad.csv", content))
    assert [c.id for c in report.concepts] == ["vladimir-putin", "donald-trump"]
    assert [t.text for t in report.concepts[0].terms] == ["普京", "普丁"]
    assert report.concepts[1].terms == (ChineseTerm("川普", ("TW",)),)
    lines = [int(r.split(":")[1]) for r in report.rejected]
    assert lines == [4, 5, 6, 7, 8, 9, 10, 12]
    assert all(r.startswith("bad.csv:") for r in report.rejected)
    text = "\n".join(report.rejected)
    for reason in (
        "empty source",
        "unknown region 'US'",
        "unknown status 'favourite'",
        "already claimed by concept 'vladimir-putin'",
        "has 5 fields, expected 11",
        "has 12 fields",
        "unbalanced quotes",
        "unknown category 'country'",
    ):
        assert reason in text


def test_a_stray_quote_inside_a_cell_rejects_that_row_only(tmp_path):
    content = (
        HEADER + '普京,Putin "V",,p,CN,preferred,,person,,,user\r\n'
        'xy,"a"b,,q,CN,preferred,,person,,,"user"\r\n'
        "普丁,Putin,,p,TW,preferred,,person,,,user\r\n"
    )
    report = gi.import_csv(write(tmp_path, "q.csv", content))
    assert [t.text for c in report.concepts for t in c.terms] == ["普京", "普丁"]
    assert report.concepts[0].english == ('Putin "V"',)
    assert len(report.rejected) == 1 and report.rejected[0].startswith("q.csv:3: not a valid CSV row")


def test_multiline_cells_keep_line_numbers_right(tmp_path):
    content = (
        HEADER + '普京,Putin,"one\r\ntwo\nthree",p,CN,preferred,,person,,,user\r\n'
        "普丁,Putin,,p,XX,preferred,,person,,,user\r\n"
    )
    report = gi.import_csv(write(tmp_path, "m.csv", content))
    assert report.concepts[0].note == "one\r\ntwo\nthree"
    assert report.rejected == ["m.csv:5: unknown region 'XX' (expected CN, TW, HK)"]


def test_utf16_with_bom_and_utf8_without_bom_are_read(tmp_path):
    content = HEADER + "普京,Putin,,p,CN,preferred,,person,,,user\r\n"
    for name, data in (
        ("le.csv", codecs.BOM_UTF16_LE + content.encode("utf-16-le")),
        ("be.csv", codecs.BOM_UTF16_BE + content.encode("utf-16-be")),
        ("plain.csv", content.encode("utf-8")),
    ):
        report = gi.import_csv(write(tmp_path, name, data))
        assert [c.id for c in report.concepts] == ["p"], name


# -- CSV: plain source,target[,note] ------------------------------------------------------------
def test_plain_csv_without_header_groups_variants_and_derives_regions(tmp_path):
    content = "俄罗斯,Russia | Russian Federation,big\n俄羅斯,Russia,\n雅爾達,Yalta,\n停火,ceasefire,\n"
    report = gi.import_csv(write(tmp_path, "plain.csv", content))
    assert report.rejected == []
    russia, yalta, ceasefire = report.concepts
    assert russia.id == "russia" and russia.category == "other" and russia.origin == "user"
    assert russia.english == ("Russia", "Russian Federation") and russia.note == "big"
    assert [(t.text, t.regions) for t in russia.terms] == [("俄罗斯", ("CN",)), ("俄羅斯", ("TW",))]
    assert yalta.terms[0].regions == ("TW",)
    assert ceasefire.terms[0].regions == ("CN", "TW")
    assert report.added == 3


def test_plain_csv_with_header_and_ids_that_must_be_unique(tmp_path, bundled):
    # "Russia." is not the bundled concept's English term, but its id would be.
    content = "source,target\n烏俄關係,Russia.\n俄烏,3 Days\n"
    report = gi.import_csv(write(tmp_path, "plain.csv", content), bundled)
    ids = [c.id for c in report.concepts]
    assert ids[0] == "russia-2"  # "russia" is taken by the bundled concept
    assert ids[1] == "term-3-days"
    assert all(i not in bundled.concepts for i in ids)


def test_plain_csv_merges_into_the_concept_that_has_the_term(tmp_path, bundled):
    content = "source,target,note\n普丁,Vladimir V. Putin | Putin,seen in the TW press\n普京,Vladimir Putin,\n"
    report = gi.import_csv(write(tmp_path, "merge.csv", content), bundled)
    assert (report.added, report.updated) == (0, 1)
    [putin] = report.concepts
    original = bundled.get("vladimir-putin")
    assert putin.id == original.id and putin.terms == original.terms
    assert putin.english == original.english + ("Vladimir V. Putin",)
    assert putin.note.startswith(original.note) and putin.note.endswith("\nseen in the TW press")


def test_plain_csv_adds_a_missing_script_twin_to_the_existing_concept(tmp_path):
    base = Glossary.of([Concept("russia", "place", ("Russia",), (ChineseTerm("俄罗斯", ("CN",)),))])
    report = gi.import_csv(write(tmp_path, "twin.csv", "俄羅斯,Russia\n"), base)
    assert [(t.text, t.regions) for t in report.concepts[0].terms] == [("俄罗斯", ("CN",)), ("俄羅斯", ("TW",))]
    assert report.updated == 1


def test_guarded_cells_from_a_spreadsheet_are_unguarded(tmp_path):
    content = "source,target,note\n普京,'=Putin,'@note\n"
    [concept] = gi.import_csv(write(tmp_path, "g.csv", content)).concepts
    assert concept.english == ("=Putin",) and concept.note == "@note"


# -- whole-file refusals ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf \r\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "a binary file"),
        (b"source,target\r\n", "only a header row"),
        (b"just some words\nand more\n", "not a CSV glossary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),
    ],
)
def test_unusable_csv_files_give_one_clear_error(tmp_path, content, message):
    path = write(tmp_path, "in.csv", content)
    with pytest.raises(GlossaryImportError) as caught:
        gi.import_file(path)
    assert str(caught.value).startswith("in.csv: ") and message in str(caught.value)


@pytest.mark.parametrize("encoding, label", [("big5", "Big5"), ("gb18030", "GB18030")])
def test_legacy_chinese_encodings_are_refused_not_misread(tmp_path, encoding, label):
    content = "source,target,note\r\n普丁,Vladimir Putin,俄羅斯總統\r\n澤倫斯基,Volodymyr Zelensky,烏克蘭總統\r\n"
    path = write(tmp_path, "legacy.csv", content.encode(encoding))
    with pytest.raises(GlossaryImportError) as caught:
        gi.import_csv(path)
    message = str(caught.value)
    assert message.startswith("legacy.csv: not UTF-8") and "save the file as UTF-8" in message
    assert f"looks like {label}" in message


# -- TBX -------------------------------------------------------------------------------------
FOREIGN_2008 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="C-17">
  <descrip type="subjectField">politics</descrip>
  <langSet xml:lang="en"><tig><term>ceasefire</term></tig></langSet>
  <langSet xml:lang="zh-TW"><tig><term>停火</term></tig>
    <tig><term>休戰</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
  <langSet xml:lang="zh-CN"><ntig><termGrp><term>停战</term></termGrp></ntig></langSet>
</termEntry>
<termEntry id="bad">
  <langSet xml:lang="en"><tig><term>Nothing</term></tig></langSet>
</termEntry>
<termEntry id="odd">
  <langSet xml:lang="en"><tig><term>Odd</term></tig></langSet>
  <langSet xml:lang="zh"><tig><term>奇怪</term><termNote type="geographicalUsage">Mars</termNote></tig>
    <tig><term>停火</term></tig><tig><term>古怪</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_foreign_tbx_2008_with_a_plain_doctype(tmp_path):
    report = gi.import_tbx(write(tmp_path, "f.tbx", FOREIGN_2008))
    ceasefire, odd = report.concepts
    assert ceasefire.id == "ceasefire" and ceasefire.category == "other"
    assert ceasefire.note == "Subject field: politics"
    assert [(t.text, t.regions, t.status) for t in ceasefire.terms] == [
        ("停火", ("TW",), "preferred"),
        ("休戰", ("TW",), "deprecated"),
        ("停战", ("CN",), "preferred"),
    ]
    assert [t.text for t in odd.terms] == ["古怪"]
    assert report.rejected == [
        "f.tbx:12: concept bad: no Chinese term",
        "f.tbx:17: 奇怪: unknown region 'Mars' (expected CN, TW, HK)",
        "f.tbx:18: term 停火 is already claimed by concept 'ceasefire'",
    ]


def test_tbx_2019_import_counts_against_the_glossary(tmp_path, bundled):
    some = list(bundled)[:3]
    new = Concept("brand-new", "concept", ("New",), (ChineseTerm("嶄新詞", ("TW",)),))
    export_tbx.write_tbx([*some, new], tmp_path / "g.tbx")
    report = gi.import_file(tmp_path / "g.tbx", bundled)
    assert (report.added, report.updated) == (1, 3)
    merged = gi.merged(bundled, report)
    assert merged.get("brand-new").origin == "user" and len(merged) == len(bundled) + 1


@pytest.mark.parametrize(
    "content, message",
    [
        ("<html><body/></html>", "not a TBX document (the root element is <html>"),
        ("<martif><text><body><termEntry>", "not well-formed XML (line 1"),
    ],
)
def test_unusable_xml(tmp_path, content, message):
    with pytest.raises(GlossaryImportError) as caught:
        gi.import_file(write(tmp_path, "x.tbx", content))
    assert str(caught.value).startswith("x.tbx: ") and message in str(caught.value)


def _xxe(secret: Path) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        '<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>&xxe;</term>'
        '</tig></langSet><langSet xml:lang="zh"><tig><term>秘密&xxe;</term></tig></langSet>'
        "</termEntry></body></text></martif>"
    )


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10)
    )
    + ']>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>'
    '<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>&lol9;</term></termSec></langSec>'
    '<langSec xml:lang="zh"><termSec><term>笑&lol9;</term></termSec></langSec></conceptEntry>'
    "</body></text></tbx>"
)


def test_external_entity_is_refused_and_never_read(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP-SECRET-42")
    path = write(tmp_path, "xxe.tbx", _xxe(secret))
    with pytest.raises(GlossaryImportError) as caught:
        gi.import_file(path)
    assert str(caught.value).startswith("xxe.tbx: the document declares XML entities")
    # The parser itself is safe too, should a payload ever get past the refusal.
    root = etree.fromstring(_xxe(secret).encode(), xml_parser())
    assert b"TOP-SECRET" not in etree.tostring(root)


def test_billion_laughs_is_refused_and_never_expanded(tmp_path):
    path = write(tmp_path, "lol.tbx", LAUGHS)
    with pytest.raises(GlossaryImportError, match="declares XML entities"):
        gi.import_tbx(path)
    # The parser itself never expands them either: libxml2 refuses the amplification outright,
    # and whatever it does return holds no expanded text.
    try:
        root = etree.fromstring(LAUGHS.encode(), xml_parser())
    except etree.XMLSyntaxError as error:
        assert "amplification" in str(error) or "entity" in str(error).lower()
    else:
        assert len(etree.tostring(root)) < 2000
        assert "lol" * 10 not in "".join(root.itertext())


def test_entity_declared_in_an_unloaded_external_dtd_is_refused(tmp_path):
    write(tmp_path, "secret.txt", "TOP-SECRET-42")
    dtd = write(tmp_path, "evil.dtd", f'<!ENTITY leak SYSTEM "{(tmp_path / "secret.txt").as_uri()}">')
    content = (
        f'<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "{dtd.as_uri()}">\n'
        '<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>&leak;</term>'
        '</tig></langSet><langSet xml:lang="zh"><tig><term>漏</term></tig></langSet></termEntry></body></text>'
        "</martif>"
    )
    with pytest.raises(GlossaryImportError) as caught:
        gi.import_file(write(tmp_path, "ext.tbx", content))
    assert "TOP-SECRET" not in str(caught.value)
    assert "entity" in str(caught.value)


def test_entities_hidden_in_utf16_are_refused_too(tmp_path):
    data = codecs.BOM_UTF16_LE + LAUGHS.replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    ).encode("utf-16-le")
    with pytest.raises(GlossaryImportError, match="declares XML entities"):
        gi.import_file(write(tmp_path, "lol16.tbx", data))


def test_a_new_form_joins_the_concept_with_the_same_english_term(tmp_path, bundled):
    report = gi.import_csv(write(tmp_path, "hk.csv", "蒲亭,Vladimir Putin,HK press spelling\n"), bundled)
    (concept,) = report.concepts
    assert concept.id == "vladimir-putin" and report.updated == 1 and report.added == 0
    assert "蒲亭" in [t.text for t in concept.terms] and "普丁" in [t.text for t in concept.terms]
