"""Script conversion: the shadow keeps length, display conversions keep offsets."""

import pytest
from hypothesis import given, settings

from app.core.script_detection import detect_script
from app.core.scripts import convert_for_display, converter, simplified_shadow
from tests.core.strategies import mixed_text


@pytest.mark.parametrize(
    "text, shadow",
    [
        ("普丁與川普在阿拉斯加會晤", "普丁与川普在阿拉斯加会晤"),
        ("銀行長期協調", "银行长期协调"),
        ("一目瞭然", "一目了然"),  # a phrase of TSPhrases
        ("乾燥的乾隆", "干燥的乾隆"),  # one character, two Simplified forms, chosen by phrase
        ("已經是简体字", "已经是简体字"),
        ("", ""),
    ],
)
def test_simplified_shadow(text, shadow):
    assert simplified_shadow(text) == shadow


@settings(max_examples=200, deadline=None)
@given(mixed_text)
def test_shadow_always_keeps_length(text):
    assert len(simplified_shadow(text)) == len(text)


@settings(max_examples=100, deadline=None)
@given(mixed_text)
def test_shadow_agrees_with_the_full_t2s_conversion_where_lengths_agree(text):
    full = converter("t2s").convert(text).text
    if len(full) == len(text):
        assert simplified_shadow(text) == full


@pytest.mark.parametrize(
    "text, script, expected",
    [
        ("软件和鼠标", "tw", "軟體和滑鼠"),
        ("这个U盘", "tw", "這個隨身碟"),
        ("軟體和滑鼠", "cn", "软件和鼠标"),
        ("普丁與川普", "original", "普丁與川普"),
        ("僞造的兌換", "hk", "偽造的兑換"),
        ("着急", "hk", "着急"),
    ],
)
def test_display_scripts(text, script, expected):
    assert convert_for_display(text, script).text == expected


def test_offsets_survive_a_length_changing_phrase():
    converted = convert_for_display("这个U盘很好用", "tw")
    assert converted.text == "這個隨身碟很好用"
    # Token by token, the converted pieces still join up to the whole text.
    bounds = [0, 2, 4, 5, 6, 7]
    pieces = [converted.span(a, b) for a, b in zip(bounds, bounds[1:])]
    assert pieces == ["這個", "隨身碟", "很", "好", "用"]
    # A token boundary inside the changed span gives the whole span to the later token.
    assert [converted.span(0, 3), converted.span(3, 7)] == ["這個", "隨身碟很好用"]


@settings(max_examples=150, deadline=None)
@given(mixed_text, mixed_text)
def test_converted_spans_join_up_for_any_cut(text, other):
    converted = convert_for_display(text + "U盘" + other, "tw", "simplified")
    n = len(converted.source)
    cuts = sorted({0, n, *range(0, n, 3)})
    assert "".join(converted.span(a, b) for a, b in zip(cuts, cuts[1:])) == converted.text


@pytest.mark.parametrize(
    "text, script", [("普丁與川普在阿拉斯加會晤", "traditional"), ("普京与特朗普会晤", "simplified")]
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_unknown_script_is_refused():
    with pytest.raises(ValueError, match="unknown script"):
        convert_for_display("字", "jp")


# -- which script a text is in ---------------------------------------------------------------------

from app.core.script_detection import (  # noqa: E402
    MIXED,
    NEITHER,
    SIMPLIFIED,
    TRADITIONAL,
    paragraph_script,
    script_of,
    script_runs,
)
from app.core.scripts import forms, traditional_shadow  # noqa: E402


@pytest.mark.parametrize(
    "text, script",
    [
        ("我们今天去银行办事", SIMPLIFIED),
        ("普丁與川普在阿拉斯加會晤", TRADITIONAL),
        ("台灣的總統府", TRADITIONAL),  # 台 is written in both; 灣 and 總 only in Traditional
        ("后来他去了", SIMPLIFIED),  # 后 tells nothing, 来 does
        ("皇后", NEITHER),  # "empress" in either script
        ("中文", NEITHER),
        ("Putin 2025", NEITHER),
        ("", NEITHER),
        ("極音速", TRADITIONAL),
        ("极音速", NEITHER),  # 极 is also a (rare) Traditional character
        ("银銀", SIMPLIFIED),  # a tie: the first telling character decides
    ],
)
def test_script_of(text, script):
    assert script_of(text) == script


@pytest.mark.parametrize(
    "text, runs, paragraph",
    [
        ("普丁與川普會晤。", [(0, 8, TRADITIONAL)], TRADITIONAL),
        ("我们去银行。你们呢？", [(0, 10, SIMPLIFIED)], SIMPLIFIED),
        # a Simplified quotation in a Traditional sentence is a run of its own
        ("這是「中华人民共和国」的說法。", [(0, 3, TRADITIONAL), (3, 11, SIMPLIFIED), (11, 15, TRADITIONAL)], MIXED),
        ("2025年8月15日", [(0, 10, NEITHER)], NEITHER),
        ("第一句。第二句是簡體嗎？", [(0, 4, NEITHER), (4, 12, TRADITIONAL)], TRADITIONAL),
    ],
)
def test_script_runs_and_the_paragraph_script(text, runs, paragraph):
    assert [(r.start, r.end, r.script) for r in script_runs(text)] == runs
    assert paragraph_script(text) == paragraph


@pytest.mark.parametrize(
    "text, traditional, simplified",
    [
        ("我们去银行", "我們去銀行", "我们去银行"),  # Simplified text is its own Simplified form
        ("我們去銀行", "我們去銀行", "我们去银行"),  # and Traditional text its own Traditional form
        ("皇后去了銀行。后来他们走了。", "皇后去了銀行。後來他們走了。", "皇后去了银行。后来他们走了。"),
        ("裡面", "裡面", "里面"),  # a Taiwan variant character goes through its standard form
    ],
)
def test_forms_convert_each_sentence_only_out_of_its_own_script(text, traditional, simplified):
    assert forms(text) == (traditional, simplified)


def test_forcing_a_script():
    assert forms("后来", "simplified") == ("後來", "后来")
    assert forms("皇后", "traditional") == ("皇后", "皇后")
    with pytest.raises(ValueError):
        forms("x", "klingon")


@settings(max_examples=100, deadline=None)
@given(mixed_text)
def test_forms_and_runs_keep_length_and_cover_the_text(text):
    trad, simp = forms(text)
    assert len(trad) == len(simp) == len(text)
    runs = script_runs(text)
    assert [r.start for r in runs] == [0] + [r.end for r in runs[:-1]] if runs else text == ""
    assert (runs[-1].end if runs else 0) == len(text)
    assert len(traditional_shadow(text)) == len(text)


def test_the_long_phrase_table_matches_as_the_regular_expression_would():
    # s2t has 50,000 phrases, matched by hashed n-grams: leftmost, then longest, as OpenCC does
    assert traditional_shadow("台湾的干部和干净的头发") == "臺灣的幹部和乾淨的頭髮"


# -- the tables come from the caller -------------------------------------------------------------


class _Tables:
    """A few entries of OpenCC's data, held in memory: core reads no file of its own."""

    DICTIONARIES = {
        "TSCharacters.txt": {"銀": ["银"], "後": ["后"]},
        "TSPhrases.txt": {"銀行業": ["银行业"]},
        "STCharacters.txt": {"银": ["銀"], "后": ["後", "后"]},
    }

    def candidates(self, name):
        return self.DICTIONARIES.get(name, {})

    def chain(self, config):
        return [["TSPhrases.txt", "TSCharacters.txt"]] if config == "t2s" else []


def test_conversions_use_the_tables_they_are_given(monkeypatch):
    from app.core import opencc_tables

    monkeypatch.setattr(opencc_tables, "_tables", None)  # the tables in use come back after the test
    opencc_tables.use_tables(_Tables())
    assert simplified_shadow("銀行後面") == "银行后面"  # 行 and 面 are not in these tables
    assert converter("t2s").convert("銀行業").text == "银行业"
    assert script_of("銀") == TRADITIONAL and script_of("后") == NEITHER  # 后 is both scripts'


def test_without_tables_a_conversion_says_what_is_missing(monkeypatch):
    from app.core import opencc_tables

    monkeypatch.setattr(opencc_tables, "_tables", None)
    with pytest.raises(RuntimeError, match="no OpenCC tables"):
        simplified_shadow("銀行")
    with pytest.raises(RuntimeError, match="no OpenCC tables"):
        script_of("銀行")
