"""Consistency checks: mixed variants, candidates, missing approved translations, deprecated terms."""

import pytest

from app.core.annotated import annotate
from app.core.consistency import CheckedArticle, check, english_pattern
from app.core.glossary import ChineseTerm, Concept, Glossary
from app.core.notes import Note
from tests.helpers import marked_paragraphs

PUTIN = Concept(
    "vladimir-putin", "person", ("Vladimir Putin",), (ChineseTerm("普京", ("CN", "HK")), ChineseTerm("普丁", ("TW",)))
)
BELARUS = Concept(
    "belarus",
    "place",
    ("Belarus",),
    (ChineseTerm("白俄羅斯", ("CN", "TW")), ChineseTerm("白俄國", ("TW",), "deprecated")),
)
SPHERE = Concept("sphere-of-influence", "concept", ("sphere of influence",), (ChineseTerm("勢力範圍", ("TW",)),))
RUSSIA = Concept("russia", "place", ("Russia", "Russian Federation"), (ChineseTerm("俄國", ("TW",)),))
GLOSSARY = Glossary.of([PUTIN, BELARUS, SPHERE, RUSSIA])
KNOWN = {"會晤", "表示", "今天"}


def article(id: str, *paragraphs: str, notes: dict[int, str] | None = None) -> CheckedArticle:
    """An article from paragraphs written with `/` between tokens: "普京/會晤/。", annotated
    with GLOSSARY."""
    built = marked_paragraphs(*paragraphs)
    text = "".join(p.text + "\n" for p in built)
    notes = {p: [Note(p, "", t)] for p, t in (notes or {}).items()}
    return CheckedArticle(id, f"《{id}》", text, annotate(built, GLOSSARY, notes))


def lines(findings, kind):
    return [f"{f.article}:{f.paragraph} {f.term} ×{f.count}: {f.message}" for f in findings if f.kind == kind]


@pytest.mark.parametrize(
    "articles, expected",
    [
        # across articles: one finding per article, the counts of each form
        (
            [article("a", "普京/會晤/。", "普京/表示/。"), article("b", "普丁/今天/表示/。")],
            [
                "a:1 普京 ×2: Vladimir Putin: 普京 ×2 here; 普丁 ×1 in 《b》",
                "b:1 普丁 ×1: Vladimir Putin: 普丁 ×1 here; 普京 ×2 in 《a》",
            ],
        ),
        # within one article: pointed at the rarer form
        (
            [article("a", "普京/會晤/。", "普京/、/普丁/。")],
            ["a:2 普京|普丁 ×3: Vladimir Putin: 普京 ×2, 普丁 ×1 here"],
        ),
        # one form everywhere (script twins are one form): nothing to say
        ([article("a", "普丁/。"), article("b", "普丁/。")], []),
    ],
)
def test_mixed_variants(articles, expected):
    assert lines(check(articles, GLOSSARY, KNOWN.__contains__), "mixed-variants") == expected


@pytest.mark.parametrize(
    "articles, expected",
    [
        # recurring across articles, most frequent first; known words, glossary terms, single
        # characters, Latin and one-off words are left out
        (
            [
                article("a", "美俄/會晤/美俄/，/俄方/說/。", "俄方/OK/OK/。"),
                article("b", "俄方/普丁/普丁/美俄/，/生詞/。"),
            ],
            [
                "a:1 美俄 ×3: 美俄 ×3: in neither the glossary nor CC-CEDICT",
                "a:1 俄方 ×3: 俄方 ×3: in neither the glossary nor CC-CEDICT",
            ],
        ),
        # a token that is only part of a glossary term is not a candidate
        ([article("a", "白俄/羅斯/，/白俄/羅斯/。")], []),
        # dates and amounts are not terms
        ([article("a", "二〇二五/年/、/二〇二五/年/、/三十五/、/三十五/。")], []),
    ],
)
def test_candidates(articles, expected):
    assert lines(check(articles, GLOSSARY, KNOWN.__contains__), "candidate") == expected


@pytest.mark.parametrize(
    "note, missing",
    [
        ("Putin met Lukashenko.", []),  # a person's last name is enough
        ("VLADIMIR PUTIN's visit", []),  # any case, possessive
        ("The president met him.", ["普京"]),
        ("Putinism aside", ["普京"]),  # a whole word only
    ],
)
def test_missing_translation(note, missing):
    found = check([article("a", "普京/會晤/。", notes={0: note})], GLOSSARY, KNOWN.__contains__)
    assert [f.term for f in found if f.kind == "missing-translation"] == missing
    assert all(f.severity == "warning" and f.paragraph == 1 for f in found if f.kind == "missing-translation")


@pytest.mark.parametrize(
    "concept, english, accepted",
    [
        (SPHERE, "two spheres of influence", True),  # plural inside a multi-word term
        (SPHERE, "a sphere‑of‑influence deal", True),  # hyphens for spaces
        (RUSSIA, "Russian troops", True),  # a place's adjective
        (RUSSIA, "the Russian Federation's army", True),
        (RUSSIA, "the Kremlin", False),
        (PUTIN, "Vladimir Putin’s", True),
    ],
)
def test_what_counts_as_the_approved_english(concept, english, accepted):
    assert bool(english_pattern(concept).search(english)) is accepted


def test_a_paragraph_without_a_translation_is_not_checked():
    assert [
        f for f in check([article("a", "普京/。")], GLOSSARY, KNOWN.__contains__) if f.kind == "missing-translation"
    ] == []


def test_deprecated_terms_once_per_article_with_count_and_advice():
    found = check([article("a", "白俄國/、/白俄國/。")], GLOSSARY, KNOWN.__contains__)
    assert lines(found, "deprecated") == ["a:1 白俄國 ×2: 白俄國 ×2 is deprecated (TW) for Belarus; use 白俄羅斯"]
    assert found[0].start == 0 and found[0].end == 3 and found[0].severity == "warning"


def test_findings_come_by_kind_then_article():
    articles = [article("a", "普京/，/白俄國/。", notes={0: "He went."}), article("b", "普丁/新詞/新詞/。")]
    kinds = [(f.kind, f.article) for f in check(articles, GLOSSARY, KNOWN.__contains__)]
    assert kinds == [
        ("missing-translation", "a"),
        ("missing-translation", "a"),
        ("deprecated", "a"),
        ("mixed-variants", "a"),
        ("mixed-variants", "b"),
        ("candidate", "b"),
    ]


# -- the real bundled articles, the real glossary and CC-CEDICT ----------------------------------
@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """(findings, context) over the two bundled articles; the dictionary index is built once."""
    from app.io.paths import resolve
    from app.services.checks import checked_articles
    from app.services.context import AppContext
    from app.services.documents import Documents

    context = AppContext(resolve(tmp_path_factory.mktemp("duben-home")))
    articles = checked_articles(Documents(context), ["newtalk-alaska-concert", "prospect-alaska-northeast-asia"])
    return check(articles, context.glossary, context.cedict.has_word), context


def test_bundled_putin_is_reported_as_mixed_variants_across_the_two_articles(bundled):
    findings, _ = bundled
    putin = [
        (f.article, f.term, f.severity)
        for f in findings
        if f.kind == "mixed-variants" and f.concept == "vladimir-putin"
    ]
    assert putin == [("newtalk-alaska-concert", "普京", "info"), ("prospect-alaska-northeast-asia", "普丁", "info")]


def test_bundled_candidates_are_in_neither_the_glossary_nor_the_dictionary(bundled):
    findings, context = bundled
    candidates = [f for f in findings if f.kind == "candidate"]
    assert candidates and "美俄" in [f.term for f in candidates]
    assert [f.term for f in candidates if context.glossary.find_term(f.term) or context.cedict.has_word(f.term)] == []
    assert [f.count for f in candidates] == sorted((f.count for f in candidates), reverse=True)


def test_bundled_deprecated_terms_are_warnings(bundled):
    findings, _ = bundled
    assert {f.term for f in findings if f.kind == "deprecated"} >= {"白俄國國防部長", "特別會議"}
