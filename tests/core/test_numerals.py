"""Numbers in Chinese and English as values: what the translation check compares."""

import pytest

from app.core.numerals import Number, chinese_numeral, english_values, kept, source_numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百萬", 1_000_000),
        ("百萬", 1_000_000),
        ("二十三", 23),
        ("十五", 15),
        ("十", 10),
        ("三千零五", 3005),
        ("兩千三百萬", 23_000_000),
        ("一億兩千萬", 120_000_000),
        ("十萬億", 10**13),
        ("二〇二五", 2025),
        ("萬", 10_000),
    ],
)
def test_chinese_numerals_are_read_as_numbers(text, value):
    assert chinese_numeral(text) == value


def test_a_text_that_is_not_a_numeral_has_no_value():
    assert chinese_numeral("三國") is None and chinese_numeral("") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("持續三年半的戰爭", [(3.5, "三年半")]),
        ("一個半月後", [(1.5, "一個半")]),
        ("超過一百萬人", [(1_000_000, "一百萬")]),
        ("支持率 22.6%", [(22.6, "22.6")]),
        ("百分之二十的選民", [(20, "百分之二十")]),
        ("人口 2,300 萬", [(23_000_000, "2,300 萬")]),
        ("２０２５ 年", [(2025, "２０２５")]),
        ("2025 年 8 月 15 日", [(2025, "2025"), (8, "8"), (15, "15")]),
        ("三點五億", [(350_000_000.0, "三點五億")]),
        ("第一次會面", [(1, "一")]),
        # A lone 一 is "a", and these words hold numerals without being numbers.
        ("一個國家一直統一", []),
        ("兩岸關係陷入兩難", []),
    ],
)
def test_numbers_of_a_chinese_paragraph(text, found):
    assert [(n.value, n.text) for n in source_numbers(text)] == found


def test_an_approximate_number_is_marked():
    (number,) = source_numbers("十餘國")
    assert (number.value, number.text, number.approximate) == (10, "十餘", True)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three and a half years", 3.5),
        ("3 and a half years", 3.5),
        ("one million people", 1_000_000),
        ("a million people", 1_000_000),
        ("1 million people", 1_000_000),
        ("1,000,000 people", 1_000_000),
        ("22.6% of voters", 22.6),
        ("twenty per cent", 20),
        ("twenty-three", 23),
        ("two hundred and fifty thousand", 250_000),
        ("3.5 billion", 3_500_000_000),
        ("on 15 August 2025", 8),
        ("the twenty-first century", 21),
        ("World War II", 2),
        ("met twice", 2),
        ("the G20 summit", 20),
    ],
)
def test_numbers_an_english_text_writes(text, value):
    assert kept(Number(value, 0, 0, ""), english_values(text))


def test_a_number_not_written_is_not_kept():
    assert not kept(Number(3, 0, 0, "三"), english_values("for more than four years"))


def test_an_approximate_number_is_kept_by_a_larger_one_below_twice_it():
    values = english_values("a dozen countries")
    assert kept(Number(10, 0, 0, "十餘", approximate=True), values)
    assert not kept(Number(10, 0, 0, "十"), values)
