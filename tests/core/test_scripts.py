"""Script conversion: the shadow keeps length, display conversions keep offsets."""

import pytest
from hypothesis import given, settings

from app.core.scripts import convert_for_display, converter, detect_script, simplified_shadow
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
