"""Checks on the user's translation: one test per kind of finding, and what must not be flagged."""

from app.core.annotated import annotate
from app.core.glossary import ChineseTerm, Concept, Glossary
from app.core.paragraph_terms import DEPRECATED, OTHER_REGION, paragraph_terms
from app.core.text import Paragraph, Token
from app.core.translation import KINDS, check_translation, default_target
from tests.helpers import marked_paragraphs

PUTIN = Concept(
    "vladimir-putin",
    "person",
    ("Vladimir Putin",),
    (ChineseTerm("普京", ("CN", "HK")), ChineseTerm("普丁", ("TW",))),
    deprecated_english=("Poutine",),
)
ZELENSKY = Concept("volodymyr-zelensky", "person", ("Zelenskyy", "Zelensky"), (ChineseTerm("澤倫斯基", ("TW",)),))
US = Concept(
    "united-states", "place", ("United States", "US"), (ChineseTerm("美國", ("TW", "HK")), ChineseTerm("美国", ("CN",)))
)
GLOSSARY = Glossary.of([PUTIN, ZELENSKY, US])


def paragraphs(*marked: str):
    """Annotated paragraphs from texts written with `/` between tokens: "普丁/會晤/。"."""
    return annotate(marked_paragraphs(*marked), GLOSSARY)


def findings(marked, translations, target="TW"):
    return [
        (f.paragraph, f.kind, f.source) for f in check_translation(paragraphs(*marked), translations, GLOSSARY, target)
    ]


def test_a_faithful_translation_has_no_finding():
    marked = ["普丁/與/澤倫斯基/會晤/三/年/半/。", "普丁/說/。"]
    translations = {0: "Vladimir Putin met Zelenskyy for three and a half years.", 1: "Putin said so."}
    assert findings(marked, translations) == []


def test_an_empty_paragraph_is_untranslated():
    assert findings(["普丁/說/。", "澤倫斯基/說/。"], {0: "Vladimir Putin said so.", 1: "  "}) == [
        (1, "untranslated", "澤倫斯基說。")
    ]


def test_a_paragraph_left_in_chinese_is_untranslated():
    assert findings(["普丁/說/。"], {0: "普丁說。"}) == [(0, "untranslated", "普丁說。")]


def test_a_paragraph_without_chinese_needs_no_translation():
    assert findings(["Tel: 886-2-23654366"], {}) == []


def test_an_approved_term_missing_is_caught():
    assert findings(["普丁/說/。"], {0: "The Russian president said so."}) == [(0, "missing-term", "普丁")]


def test_a_deprecated_english_term_is_caught():
    found = check_translation(paragraphs("普丁/說/。"), {0: "Vladimir Putin, or Poutine, said so."}, GLOSSARY, "TW")
    assert [(f.kind, f.source) for f in found] == [("deprecated-term", "普丁")]
    assert "'Poutine' is deprecated" in found[0].detail and "'Vladimir Putin'" in found[0].detail


def test_putin_where_the_short_form_is_deprecated_is_caught():
    strict = Concept("vladimir-putin", "person", ("Vladimir Putin",), PUTIN.terms, deprecated_english=("Putin",))
    glossary = Glossary.of([strict])
    annotated = annotate(
        [Paragraph(0, 0, 4, "普丁說。", (Token("普丁", 0, 2, "word"), Token("說。", 2, 4, "word")))], glossary
    )
    caught = check_translation(annotated, {0: "Putin said so."}, glossary, "TW")
    assert [f.kind for f in caught] == ["missing-term", "deprecated-term"]
    # Inside the approved form it is no use of the deprecated one.
    assert check_translation(annotated, {0: "Vladimir Putin said so."}, glossary, "TW") == []


def test_a_dropped_number_is_caught():
    found = check_translation(
        paragraphs("戰爭/持續/三/年/半/，/死傷/一百萬/人/。"),
        {0: "The war went on for years; a million died."},
        GLOSSARY,
        "TW",
    )
    assert [(f.kind, f.source) for f in found] == [("number", "三年半")]
    assert found[0].detail == "3.5 (written 三年半) is not in the translation"


def test_a_term_rendered_differently_in_another_paragraph_is_inconsistent():
    marked = ["澤倫斯基/說/。", "澤倫斯基/說/。", "澤倫斯基/說/。"]
    translations = {0: "Zelenskyy said.", 1: "Zelensky said.", 2: "Zelenskyy said so."}
    found = check_translation(paragraphs(*marked), translations, GLOSSARY, "TW")
    assert [(f.paragraph, f.kind) for f in found] == [(1, "inconsistent")]
    assert found[0].detail == "Zelenskyy: rendered 'Zelensky' here but 'Zelenskyy' in paragraphs 1, 3"


def test_a_short_form_of_the_same_rendering_is_consistent():
    translations = {0: "Vladimir Putin said.", 1: "Putin said."}
    assert findings(["普丁/說/。", "普丁/說/。"], translations) == []


def test_a_source_form_of_another_region_is_caught():
    found = check_translation(paragraphs("普京/說/。"), {0: "Vladimir Putin said so."}, GLOSSARY, "TW")
    assert [(f.kind, f.source) for f in found] == [("region", "普京")]
    assert found[0].detail == "普京 is the CN/HK form; for TW the glossary has 普丁"
    assert findings(["普京/說/。"], {0: "Vladimir Putin said so."}, target="CN") == []


def test_a_script_twin_of_the_targets_form_is_no_region_finding():
    assert findings(["美國/說/。"], {0: "The United States said so."}, target="CN") == []


def test_findings_come_by_paragraph_then_kind():
    found = findings(["普京/說/三/次/。", ""], {0: "He said so."})
    assert found == [(0, "missing-term", "普京"), (0, "number", "三"), (0, "region", "普京")]
    assert set(KINDS) == {"untranslated", "missing-term", "deprecated-term", "number", "inconsistent", "region"}


def test_the_default_target_follows_the_article():
    assert default_target("Hant", "HK") == "HK"
    assert default_target("Hant") == "TW" and default_target("Hans") == "CN"


def test_the_term_pane_rows_flag_deprecated_and_other_regions_forms():
    belarus = Concept(
        "belarus",
        "place",
        ("Belarus",),
        (ChineseTerm("白俄羅斯", ("TW",)), ChineseTerm("白俄國", ("TW",), "deprecated")),
    )
    glossary = Glossary.of([PUTIN, belarus])
    (paragraph,) = annotate(marked_paragraphs("普京/與/白俄國/。/普京"), glossary)
    rows = paragraph_terms(paragraph, glossary, "TW")
    assert [(r.concept_id, r.written, r.status, r.flags) for r in rows] == [
        ("vladimir-putin", "普京", "preferred", (OTHER_REGION,)),
        ("belarus", "白俄國", "deprecated", (DEPRECATED,)),
    ]
    assert rows[0].others == (("普丁", "TW", "preferred"),) and rows[0].deprecated_english == ("Poutine",)
    assert [r.flags for r in paragraph_terms(paragraph, glossary, "CN")] == [(), (DEPRECATED, OTHER_REGION)]
