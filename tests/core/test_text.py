"""The text model: paragraphs and tokens keep every character, at the right offsets."""

import pytest
from hypothesis import HealthCheck, given, settings

from app.core.pipeline import Pipeline
from app.core.text import (
    MAX_PARAGRAPH,
    Corrections,
    apply_corrections,
    content_fingerprint,
    paragraph_spans,
    space_runs,
    token_kind,
)
from tests.core.strategies import mixed_text
from tests.helpers import make_segmenter


@pytest.fixture(scope="module")
def pipeline():
    # Glossary terms reach the segmenter as user words; two of them matter here.
    return Pipeline(make_segmenter(["歐洲協調", "大國協調"]))


@pytest.mark.parametrize(
    "text, paragraphs",
    [
        ("", []),
        ("一段", ["一段"]),
        ("第一段\n\n第二段\n", ["第一段", "第二段"]),
        ("甲\r\n乙\r丙", ["甲", "乙", "丙"]),
        ("  \n\u3000\u3000縮排的段落\n \t\n", ["\u3000\u3000縮排的段落"]),
        ("分隔\u2028不斷段", ["分隔\u2028不斷段"]),
    ],
)
def test_paragraphs_are_the_lines_that_hold_text(text, paragraphs):
    assert [text[a:b] for a, b in paragraph_spans(text)] == paragraphs


@pytest.mark.parametrize(
    "text, kind",
    [
        ("普丁", "word"),
        ("A咖", "word"),
        ("𠀋", "word"),
        ("〇", "word"),
        ("，", "punct"),
        ("「", "punct"),
        ("2025", "other"),
        ("Putin", "other"),
        ("🙂", "other"),
        (" \u3000", "space"),
    ],
)
def test_token_kinds(text, kind):
    assert token_kind(text) == kind


def test_tokens_carry_offsets_into_the_article(pipeline):
    text = "標題\n\n普丁與川普在阿拉斯加會晤。\n"
    paragraphs = pipeline.paragraphs(text, with_readings=False)
    assert [p.index for p in paragraphs] == [0, 1]
    for paragraph in paragraphs:
        assert text[paragraph.start : paragraph.end] == paragraph.text
        for token in paragraph.tokens:
            assert text[token.start : token.end] == token.text


def test_only_the_requested_paragraphs_are_built(pipeline):
    text = "一\n二\n三"
    assert [p.text for p in pipeline.paragraphs(text, only=[2, 0, 9])] == ["一", "三"]


def test_white_space_is_a_token_of_its_own(pipeline):
    tokens = pipeline.paragraphs("普丁 \t川普\u3000會晤", with_readings=False)[0].tokens
    assert [(t.text, t.kind) for t in tokens] == [
        ("普丁", "word"),
        (" \t", "space"),
        ("川普", "word"),
        ("\u3000", "space"),
        ("會晤", "word"),
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_text)
def test_tokens_give_back_each_paragraph_exactly(text):
    pipeline = _shared_pipeline()
    spans = paragraph_spans(text)
    paragraphs = pipeline.paragraphs(text)
    assert [(p.start, p.end) for p in paragraphs] == spans
    for paragraph in paragraphs:
        assert "".join(t.text for t in paragraph.tokens) == paragraph.text
        assert all(t.text for t in paragraph.tokens)
        assert [t.start for t in paragraph.tokens[1:]] == [t.end for t in paragraph.tokens[:-1]]
        assert all(len(t.readings) == len(t.text) for t in paragraph.tokens)


_PIPELINE = []


def _shared_pipeline():
    # Hypothesis runs the test body many times; build the pipeline once.
    if not _PIPELINE:
        _PIPELINE.append(Pipeline(make_segmenter()))
    return _PIPELINE[0]


@pytest.mark.parametrize(
    "text, correction, words",
    [
        ("歐洲協調", Corrections(splits=frozenset({2})), "歐洲|協調"),
        ("大國協調", Corrections(splits=frozenset({2})), "大國|協調"),
        ("美俄元首", Corrections(merges=frozenset({2})), "美俄元首"),
        ("普丁 川普", Corrections(merges=frozenset({2, 3})), "普丁| |川普"),
    ],
)
def test_splits_and_merges_apply_at_their_offsets(pipeline, text, correction, words):
    bounds = pipeline.bounds(text, 0, correction)
    assert "|".join(text[a:b] for a, b in zip(bounds, bounds[1:])) == words


def test_corrections_apply_only_inside_their_paragraph(pipeline):
    text = "歐洲協調\n歐洲協調"
    corrections = Corrections(splits=frozenset({7}))  # inside the second paragraph only
    first, second = pipeline.paragraphs(text, corrections, with_readings=False)
    assert [t.text for t in first.tokens] == ["歐洲協調"]
    assert [t.text for t in second.tokens] == ["歐洲", "協調"]


def test_apply_corrections_ignores_offsets_outside_the_span():
    assert apply_corrections([10, 12, 14], 10, 14, Corrections(splits=frozenset({3, 11, 20}))) == [10, 11, 12, 14]


def test_reading_corrections_win(pipeline):
    text = "他還是走了"
    fixed = pipeline.paragraphs(text, Corrections(readings={4: "liao3"}))[0]
    readings = [r for t in fixed.tokens for r in t.readings]
    assert readings[4] == "liao3"
    assert pipeline.paragraphs(text)[0].tokens[-1].readings == ("le5",)


def test_space_runs_cover_the_text():
    assert space_runs("a  b\tc") == [(0, 1, False), (1, 3, True), (3, 4, False), (4, 5, True), (5, 6, False)]


@pytest.mark.parametrize(
    "again",
    [
        "普丁來了。\n\n他說：好。\n",
        "普丁來了。\r\n他說：好。",  # CRLF, no blank line, no final newline
        "  普丁來了。 \n\n\n\u3000\u3000他說：好。\n",  # spacing, an ideographic indent
        "普丁來了。\t\n\t他說：好。\n",  # tabs
    ],
)
def test_the_same_text_saved_differently_has_one_fingerprint(again):
    assert content_fingerprint(again) == content_fingerprint("普丁來了。\n\n他說：好。\n")


@pytest.mark.parametrize(
    "other", ["普京來了。\n\n他說：好。\n", "普丁來了。\n\n他說：好！\n", "普丁来了。\n\n他说：好。\n"]
)
def test_a_changed_character_or_the_other_script_is_another_text(other):
    assert content_fingerprint(other) != content_fingerprint("普丁來了。\n\n他說：好。\n")


def test_composed_and_decomposed_letters_are_one_text():
    assert content_fingerprint("Pu\u030cding 普丁") == content_fingerprint("P\u01d4ding 普丁")


# -- long lines ------------------------------------------------------------------------------


def _pieces(text):
    return [text[a:b] for a, b in paragraph_spans(text)]


def test_a_line_longer_than_the_limit_is_cut_at_sentence_ends():
    sentence = "普京與川普在阿拉斯加會晤，談了三小時。"  # 19 characters
    line = sentence * 1500  # 28,500
    pieces = _pieces(line)
    assert "".join(pieces) == line
    assert all(len(p) <= MAX_PARAGRAPH for p in pieces) and len(pieces) == 3
    assert all(p.endswith("。") for p in pieces)


def test_a_line_without_punctuation_is_cut_at_the_limit_and_covered():
    line = "我們今天在這裡說話的人" * 10_000  # 110,000 characters, no mark to cut at
    spans = paragraph_spans("前言\n" + line + "\n後記\n")
    assert len(spans) == 2 + 11
    assert all(b - a <= MAX_PARAGRAPH for a, b in spans)
    assert [b for _, b in spans[1:-2]] == [a for a, _ in spans[2:-1]]  # pieces meet exactly


def test_clause_marks_then_white_space_are_the_next_choices():
    clauses = ("我們今天在這裡說話的人" * 30 + "，") * 40  # 13,240 characters, commas only
    assert all(p.endswith("，") for p in _pieces(clauses)[:-1])
    spaced = ("abc defgh " * 1500).strip()
    pieces = _pieces(spaced)
    assert "".join(pieces) == spaced and len(pieces) == 2 and pieces[0].endswith(" ")


def test_white_space_left_after_a_cut_stays_with_the_piece_before():
    # The cut falls after the spaces at the limit; what is left is more spaces, not a paragraph.
    line = "字" * (MAX_PARAGRAPH - 2) + " " * 10
    assert paragraph_spans(line) == [(0, len(line))]


def test_the_novels_chapters_are_not_cut():
    # Their longest line (a chapter of 西遊記) is 9,244 characters: under the limit.
    assert MAX_PARAGRAPH > 9_244
    line = "字" * 9_244
    assert paragraph_spans(line) == [(0, 9_244)]
