"""The glossary model: variants of one concept match, search and fold as one term."""

import pytest

from app.core.glossary import (
    ChineseTerm,
    Concept,
    Glossary,
    complete,
    derive_script,
    fold,
    problems_of,
)
from app.core.lookup import look_up

PUTIN = Concept(
    "vladimir-putin",
    "person",
    ("Vladimir Putin", "Putin"),
    (ChineseTerm("普京", ("CN", "HK")), ChineseTerm("普丁", ("TW",))),
    note="President of Russia.",
)
YALTA = Concept(
    "yalta-conference",
    "event",
    ("Yalta Conference",),
    (ChineseTerm("雅尔塔会议", ("CN",)), ChineseTerm("雅爾達會議", ("TW",))),
)
NB8 = Concept(
    "nordic-baltic-eight", "organisation", ("Nordic-Baltic Eight",), (ChineseTerm("北歐‧波羅的海八國", ("TW",)),)
)


@pytest.fixture
def glossary():
    return Glossary.of([PUTIN, YALTA, NB8])


@pytest.mark.parametrize(
    "query, ids",
    [
        ("普京", ["vladimir-putin"]),
        ("普丁", ["vladimir-putin"]),
        ("Putin", ["vladimir-putin"]),
        ("putin", ["vladimir-putin"]),
        ("pujing", ["vladimir-putin"]),
        ("pu3jing1", ["vladimir-putin"]),
        ("pǔjīng", ["vladimir-putin"]),
        ("Pǔ dīng", ["vladimir-putin"]),
        ("雅爾塔會議", ["yalta-conference"]),  # the CN form written in Traditional characters
        ("雅爾達", ["yalta-conference"]),  # part of a term
        ("Yalta", ["yalta-conference"]),
        ("pu4jing1", []),  # wrong tone
        ("Stalin", []),
    ],
)
def test_search_by_chinese_english_or_pinyin(glossary, query, ids):
    assert [c.id for c in glossary.search(query)] == ids


def test_matches_fold_scripts_and_keep_the_form_found(glossary):
    text = "普丁說，普京与雅尔塔会议"
    found = [(text[m.start : m.end], m.concept.id, m.term.text) for m in glossary.matches(text)]
    assert found == [
        ("普丁", "vladimir-putin", "普丁"),
        ("普京", "vladimir-putin", "普京"),
        ("雅尔塔会议", "yalta-conference", "雅尔塔会议"),
    ]


def test_matches_fold_middle_dots_and_spaces(glossary):
    text = "北歐・波羅的海 八國領袖"
    (match,) = glossary.matches(text)
    assert text[match.start : match.end] == "北歐・波羅的海 八國" and match.concept.id == "nordic-baltic-eight"


def test_lookup_names_the_variant_and_the_other_forms(glossary):
    result = look_up("俄國總統普丁抵達", 5, glossary, None)
    (hit,) = result.concepts
    assert hit.concept.preferred_english == "Vladimir Putin"
    assert hit.variant_label() == "TW form; CN/HK form 普京"


RUSSIAN_FORCES = Concept(
    "russian-armed-forces",
    "organisation",
    ("Russian Armed Forces",),
    (ChineseTerm("俄军", ("CN",)), ChineseTerm("俄軍", ("TW",))),
)


@pytest.mark.parametrize(
    "text, form, label",
    [
        # Script twins in two regions: the form the text writes is the one found, the twin is
        # the other region's form (the index keeps only one of the two under their common key).
        ("俄軍撤退", "俄軍", "TW form; CN form 俄军"),
        ("俄军撤退", "俄军", "CN form; TW form 俄軍"),
    ],
)
def test_script_twins_of_two_regions_are_told_apart(text, form, label):
    glossary = Glossary.of([RUSSIAN_FORCES])
    (match,) = glossary.matches(text)
    assert match.term.text == form
    (aligned,) = glossary.matches(text, bounds=[0, 2, 4])
    assert aligned.term.text == form
    assert glossary.find_term(form) == (RUSSIAN_FORCES, match.term)
    (hit,) = look_up(text, 0, glossary, None).concepts
    assert hit.variant_label() == label


@pytest.mark.parametrize("text, script", [("普丁", "both"), ("澤倫斯基", "Hant"), ("泽连斯基", "Hans")])
def test_script_is_derived(text, script):
    assert derive_script(text) == script


def test_complete_derives_pinyin_in_context():
    done = complete(Concept("x", "concept", ("coordination",), (ChineseTerm("協調", ("TW",)),)))
    assert done.terms[0].pinyin == "xié tiáo" and done.terms[0].script == "Hant"


@pytest.mark.parametrize(
    "concept, message",
    [
        (Concept("1st", "person", ("A",), (ChineseTerm("甲", ("TW",)),)), "must be lower-case"),
        (Concept("a", "wizard", ("A",), (ChineseTerm("甲", ("TW",)),)), "unknown category 'wizard'"),
        (Concept("a", "person", (), (ChineseTerm("甲", ("TW",)),)), "no English term"),
        (Concept("a", "person", ("A",), (ChineseTerm("甲", ("JP",)),)), "unknown region 'JP'"),
        (Concept("a", "person", ("A",), (ChineseTerm("甲", ("TW",), "best"),)), "unknown status 'best'"),
    ],
)
def test_problems_of_a_concept(concept, message):
    assert any(message in p for p in problems_of(concept))


def test_user_layer_replaces_and_deletes(glossary):
    edited = Concept("vladimir-putin", "person", ("V. Putin",), PUTIN.terms, origin="user")
    layered = glossary.layered({"vladimir-putin": edited, "yalta-conference": None})
    assert layered.get("vladimir-putin").english == ("V. Putin",)
    assert layered.get("yalta-conference") is None
    assert len(glossary) == 3  # the bundled layer is untouched


def test_fold():
    assert fold("雅爾達 會議") == "雅尔达会议"


def test_terms_of_a_segmented_paragraph_are_whole_words_only():
    from app.core.text import Paragraph, tokens_from_bounds

    eu = Concept("european-union", "organisation", ("European Union",), (ChineseTerm("歐盟", ("TW",)),))
    allies = Concept("allies", "concept", ("allies",), (ChineseTerm("盟邦", ("TW",)),))
    usa = Concept("united-states", "place", ("United States",), (ChineseTerm("美國", ("TW",)),))
    glossary = Glossary.of([eu, allies, usa])
    text = "引發亞歐盟邦焦慮，歐盟與美國"
    bounds = [0, 2, 4, 6, 8, 9, 11, 12, 14]  # 引發|亞歐|盟邦|焦慮|，|歐盟|與|美國
    paragraph = Paragraph(0, 0, len(text), text, tokens_from_bounds(text, 0, bounds))
    # Unsegmented, 歐盟 is found inside 亞歐|盟邦 and hides 盟邦; segmented, neither happens.
    assert [(text[m.start : m.end], m.concept.id) for m in glossary.matches(text)][0] == ("歐盟", "european-union")
    found = [(text[m.start : m.end], m.concept.id) for m in glossary.paragraph_matches(paragraph)]
    assert found == [("盟邦", "allies"), ("歐盟", "european-union"), ("美國", "united-states")]
