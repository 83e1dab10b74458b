"""Concordance: every hit across sources, regional forms folded, each in its paragraph and sentence."""

import pytest

from app.core.concordance import CONTEXT, MAX_SENTENCE, Source, concordance
from app.core.glossary import ChineseTerm, Concept, Glossary

PUTIN = Concept(
    "vladimir-putin", "person", ("Vladimir Putin",), (ChineseTerm("普京", ("CN", "HK")), ChineseTerm("普丁", ("TW",)))
)
GLOSSARY = Glossary.of([PUTIN])

SOURCES = [
    Source.of("cn", "甲", "普京抵达阿拉斯加。\n\n峰会开始了！普京说话"),
    Source.of("tw", "乙", "標題\n川普與普丁在峰會會晤；普丁表示滿意。"),
]


def shown(hits) -> list[str]:
    """Each hit as `article:paragraph left[form]right`, so expectations read as text."""
    return [f"{h.article}:{h.paragraph} {h.left}[{h.form}]{h.right}" for h in hits]


@pytest.mark.parametrize(
    "query, expected",
    [
        # a glossary term brings its other regional forms, each labelled as found
        (
            "普京",
            ["cn:1 [普京]抵达阿拉斯加。", "cn:2 [普京]说话", "tw:2 川普與[普丁]在峰會會晤；", "tw:2 [普丁]表示滿意。"],
        ),
        (
            "普丁",
            ["cn:1 [普京]抵达阿拉斯加。", "cn:2 [普京]说话", "tw:2 川普與[普丁]在峰會會晤；", "tw:2 [普丁]表示滿意。"],
        ),
        # any word, not only glossary terms, across scripts
        ("峰會", ["cn:2 [峰会]开始了！", "tw:2 川普與普丁在[峰會]會晤；"]),
        ("會晤", ["tw:2 川普與普丁在峰會[會晤]；"]),
        ("標題", ["tw:1 [標題]"]),
        ("莫斯科", []),
        ("  ", []),
    ],
)
def test_hits_across_sources(query, expected):
    assert shown(concordance(SOURCES, query, GLOSSARY)) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        # find across the library takes any text: a phrase, punctuation and all, in either script
        ("峰会开始", ["cn:2 [峰会开始]了！"]),
        ("峰會開始", ["cn:2 [峰会开始]了！"]),
        ("在峰会会晤", ["tw:2 川普與普丁[在峰會會晤]；"]),
        ("阿拉斯加。", ["cn:1 普京抵达[阿拉斯加。]"]),
        # a phrase holding a glossary form is plain text: only the variant typed is found
        ("普丁说", []),
        ("普京说", ["cn:2 [普京说]话"]),
        # plain text with no match anywhere
        ("会晤了", []),
    ],
)
def test_any_text_is_found_in_either_script(query, expected):
    assert shown(concordance(SOURCES, query, GLOSSARY)) == expected


@pytest.mark.parametrize("query, concept", [("普京", "vladimir-putin"), ("普丁", "vladimir-putin"), ("峰會", None)])
def test_a_glossary_query_names_its_concept(query, concept):
    assert {h.concept for h in concordance(SOURCES, query, GLOSSARY)} == {concept}


def test_without_a_glossary_only_the_form_typed_is_found():
    assert shown(concordance(SOURCES, "普京", None)) == ["cn:1 [普京]抵达阿拉斯加。", "cn:2 [普京]说话"]


def test_hit_offsets_sentence_and_title():
    hit = concordance(SOURCES, "普丁", GLOSSARY)[2]
    text = SOURCES[1].text
    assert (hit.article, hit.title, text[hit.start : hit.end]) == ("tw", "乙", "普丁")
    assert hit.sentence == "川普與普丁在峰會會晤；"


@pytest.mark.parametrize(
    "text, sentence",
    [
        # a closing quote after the full stop belongs to the sentence; the one before does not
        ("他說：「好。」普京答：「行！」然後", "普京答：「行！」"),
        ("前一句。  普京到了\n下一行", "普京到了"),
        ("普京到了", "普京到了"),
    ],
)
def test_sentence_bounds(text, sentence):
    [hit] = concordance([Source.of("a", "a", text)], "普京", None)
    assert hit.sentence == sentence


def test_a_long_sentence_is_trimmed_around_the_hit_and_context_is_short():
    text = "甲" * 500 + "普京" + "乙" * 500 + "。"
    [hit] = concordance([Source.of("a", "a", text)], "普京", None)
    assert hit.sentence.startswith("…") and hit.sentence.endswith("…")
    assert len(hit.sentence) <= MAX_SENTENCE + len("普京") + 2
    assert (hit.left, hit.right) == ("甲" * CONTEXT, "乙" * CONTEXT)


def test_paragraph_numbers_follow_the_paragraph_spans():
    text = "普京\n\n\n  \n第二段普京\n第三段\n普京"
    hits = concordance([Source.of("a", "a", text), Source("b", "b", text, text)], "普京", None)
    assert [(h.article, h.paragraph) for h in hits] == [("a", 1), ("a", 2), ("a", 4), ("b", 1), ("b", 2), ("b", 4)]
