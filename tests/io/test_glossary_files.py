"""The glossary files: the bundled term base loads clean; every problem is reported as file:line."""

from pathlib import Path

import pytest

from app.core.glossary import REGIONS
from app.io.articles.bundled import bundled_articles
from app.io.glossary.files import load_glossary

GOOD = """# test domain
[[concept]]
id = "vladimir-putin"
category = "person"
english = ["Vladimir Putin"]
note = "President of Russia."
terms = [
  { zh = "普京", region = ["CN", "HK"] },
  { zh = "普丁", region = "TW" },
]
"""


@pytest.fixture(scope="module")
def bundled():
    return load_glossary()


def test_the_bundled_glossary_loads_without_problems(bundled):
    assert [str(p) for p in bundled.problems] == []
    assert 150 <= len(bundled.glossary) <= 220


def test_every_bundled_concept_has_forms_for_each_region_english_a_note_and_sources(bundled):
    for concept in bundled.glossary:
        # A form for every region: the popup must offer CN, TW and HK readers their own.
        regions = {r for t in concept.terms for r in t.regions if t.status != "deprecated"}
        assert regions == set(REGIONS), concept.id
        assert concept.english and concept.note, concept.id
        assert concept.sources and all(s.strip() for s in concept.sources), concept.id


def test_every_form_is_written_in_its_regions_script(bundled):
    from app.core.scripts import simplified_shadow, traditional_shadow

    for concept in bundled.glossary:
        for term in concept.terms:
            if "CN" in term.regions:  # a CN form is Simplified: converting it changes nothing
                assert simplified_shadow(term.text) == term.text, (concept.id, term.text)
            if {"TW", "HK"} & set(term.regions):  # a TW or HK form is not a Simplified one
                simplified = simplified_shadow(term.text) == term.text != traditional_shadow(term.text)
                assert not simplified, (concept.id, term.text)


@pytest.mark.parametrize(
    "form, regions, status",
    [
        # Issue 17: the forms each region's media really write.
        ("梅爾茨", {"TW"}, "preferred"),
        ("梅爾茲", {"TW"}, "admitted"),
        ("默茨", {"CN", "HK"}, "preferred"),
        ("普亭", {"TW"}, "admitted"),
        ("普欽", {"TW"}, "admitted"),
        ("頓內茨克人民共和國", {"TW"}, "preferred"),
        ("北韓", {"TW", "HK"}, "preferred"),
        ("南韓", {"TW", "HK"}, "preferred"),
        ("飛彈", {"TW", "HK"}, "preferred"),
        ("北朝鮮", {"TW", "HK"}, "deprecated"),
        ("歐盟委員會", {"HK"}, "preferred"),
        ("雅爾塔", {"HK"}, "preferred"),
        ("導彈", {"HK"}, "preferred"),
    ],
)
def test_regional_forms_carry_the_regions_their_media_write_them_in(bundled, form, regions, status):
    concept, _ = bundled.glossary.find_term(form)
    # By its exact characters: 歐盟委員會 (HK) folds to the same key as 欧盟委员会 (CN).
    [term] = [t for t in concept.terms if t.text == form]
    assert (set(term.regions), term.status) == (regions, status)


@pytest.mark.parametrize(
    "forms, english",
    [
        (("普京", "普丁"), "Vladimir Putin"),
        (("特朗普", "川普"), "Donald Trump"),
        (("泽连斯基", "澤倫斯基"), "Volodymyr Zelensky"),
        (("默茨", "梅爾茲"), "Friedrich Merz"),
        (("雅尔塔", "雅爾達"), "Yalta"),
        (("朝鲜", "北韓"), "North Korea"),
        (("欧洲协调", "歐洲協調"), "Concert of Europe"),
        (("大國協調",), "great-power concert"),
        (("西伐利亞體系",), "Westphalian system"),
        (("維也納會議",), "Congress of Vienna"),
        (("慕尼黑協定",), "Munich Agreement"),
        (("國際刑事法院",), "International Criminal Court"),
        (("聯合國憲章",), "Charter of the United Nations"),
        (("榛樹",), "Oreshnik"),
    ],
)
def test_the_variants_named_in_the_brief_are_one_concept(bundled, forms, english):
    concepts = {bundled.glossary.find_term(form)[0].id for form in forms}
    assert len(concepts) == 1
    concept = bundled.glossary.get(concepts.pop())
    assert concept.english[0].casefold() == english.casefold()


def test_putin_variants_carry_their_regions(bundled):
    concept, term = bundled.glossary.find_term("普丁")
    assert term.regions == ("TW",)
    assert "CN" in concept.term("普京").regions


def test_every_article_name_is_in_the_glossary(bundled):
    # Both articles' ways of writing the key names are all glossary forms.
    texts = "".join(a.text for a in bundled_articles())
    for form in [
        "普京",
        "普丁",
        "川普",
        "澤倫斯基",
        "梅爾茲",
        "雅爾達",
        "北韓",
        "歐洲協調",
        "大國協調",
        "國際刑事法院",
        "聯合國憲章",
        "榛樹",
        "慕尼黑協定",
        "維也納會議",
        "西伐利亞體系",
    ]:
        assert form in texts
        assert bundled.glossary.find_term(form), form


def write(folder: Path, name: str, text: str, encoding="utf-8") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def test_problems_name_file_and_line_and_the_rest_still_loads(tmp_path):
    folder = tmp_path / "g"
    write(folder, "a.toml", GOOD)
    write(
        folder,
        "b.toml",
        """[[concept]]
id = "vladimir-putin"
category = "person"
english = ["Putin again"]
terms = [{ zh = "蒲亭", region = "HK" }]

[[concept]]
id = "kremlin"
category = "organisation"
english = ["Kremlin"]
terms = [
  { zh = "克里姆林宫", region = "CN" },
  { zh = "普丁", region = "TW" },
]

[[concept]]
id = "yalta"
category = "place"
english = []
terms = [{ zh = "雅爾達", region = "TW" }]

[[concept]]
id = "moscow"
category = "place"
english = ["Moscow"]
terms = [
  { zh = "莫斯科", region = "MARS" },
]

[[concept]]
id = "kyiv"
category = "place"
english = ["Kyiv"]
terms = [{ zh = "基輔", region = "TW", status = "approved" }]

[[concept]]
id = "ukraine"
category = "place"
english = ["Ukraine"]
terms = [{ zh = "乌克兰", region = "CN" }, { zh = "烏克蘭", region = "TW" }]
""",
    )
    result = load_glossary(folder)
    messages = [str(p) for p in result.problems]
    assert messages == [
        "b.toml:19: yalta: no English term",
        "b.toml:27: moscow: 莫斯科: unknown region 'MARS' (expected CN, TW, HK)",
        "b.toml:34: kyiv: 基輔: unknown status 'approved' (expected preferred, admitted, deprecated)",
        "b.toml:1: duplicate id 'vladimir-putin' (first at a.toml:2)",
        "b.toml:13: kremlin: term 普丁 is already claimed by concept 'vladimir-putin'",
    ]
    assert sorted(result.glossary.concepts) == ["ukraine", "vladimir-putin"]
    assert result.glossary.get("vladimir-putin").english == ("Vladimir Putin",)


@pytest.mark.parametrize(
    "content, encoding, message",
    [
        ('[[concept]]\nid = "a"\nenglish = ["A"\n', "utf-8", "bad.toml:3: not valid TOML"),
        (GOOD, "big5", "bad.toml:8: not valid UTF-8"),
    ],
)
def test_a_broken_file_is_reported_and_the_others_load(tmp_path, content, encoding, message):
    folder = tmp_path / "g"
    write(folder, "good.toml", GOOD)
    write(folder, "bad.toml", content, encoding)
    result = load_glossary(folder)
    assert len(result.problems) == 1 and str(result.problems[0]).startswith(message)
    assert "vladimir-putin" in result.glossary.concepts
