"""Reading forms, one table of cases per conversion: tone numbers, tone marks, zhuyin, typed and
CC-CEDICT pinyin, comparison keys, a character's readings; the style table agrees with pypinyin."""

import pytest

from app.core import reading_styles
from app.core.reading_styles import (
    STYLES,
    character_readings,
    convert_reading,
    marks_to_numbers,
    normalise_numbered,
    normalise_pinyin,
    numbered_from_cedict,
    numbers_to_marks,
    pinyin_keys,
    style_reading,
)

# -- into tone numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marked, numbered",
    [("zhòng", "zhong4"), ("le", "le5"), ("lǜ", "lv4"), ("nǚ", "nv3"), ("Pǔ", "Pu3"), ("ḿ", "m2"), ("er", "er5")],
)
def test_marks_to_numbers(marked, numbered):
    assert marks_to_numbers(marked) == numbered


@pytest.mark.parametrize(
    "reading, numbered",
    [
        (" Zhong4 ", "zhong4"),
        ("lü4", "lv4"),
        ("lu:4", "lv4"),
        ("zhōng", "zhong1"),  # typed with marks
        ("ZHŌNG", "zhong1"),
        ("le", "le5"),  # typed without a tone: neutral
        ("r5", "r5"),
        ("1", "1"),  # not a syllable: left as it is
        ("", ""),
    ],
)
def test_normalise_numbered(reading, numbered):
    assert normalise_numbered(reading) == numbered


@pytest.mark.parametrize("reading, numbered", [("lu:4", "lv4"), ("Pu3", "pu3"), ("xx5", "xx5"), ("m2", "m2")])
def test_numbered_from_cedict(reading, numbered):
    assert numbered_from_cedict(reading) == numbered


@pytest.mark.parametrize(
    "char, readings",
    [
        ("了", ("le5", "liao3", "liao4")),
        ("長", ("zhang3", "chang2", "zhang4")),
        ("重", ("zhong4", "chong2", "tong2")),
        ("綠", ("lv4",)),
        ("銀", ("yin2",)),
        ("a", ()),  # a Latin letter, punctuation, an emoji, two characters: no reading to offer
        ("，", ()),
        ("😀", ()),
        ("銀行", ()),
    ],
)
def test_character_readings(char, readings):
    assert character_readings(char) == readings


def test_character_readings_are_what_pypinyin_offers():
    from pypinyin import Style, pinyin

    for char in "了長重綠行還著乾":
        offered = pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
        assert character_readings(char) == tuple(dict.fromkeys(r.replace("ü", "v") for r in offered))


# -- out of tone numbers ---------------------------------------------------------------------------------

STYLE_CASES = [
    ("zhong4", "marks", "zhòng"),
    ("zhong4", "numbers", "zhong4"),
    ("zhong4", "zhuyin", "ㄓㄨㄥˋ"),
    ("le5", "marks", "le"),
    ("le5", "numbers", "le5"),
    ("le5", "zhuyin", "˙ㄌㄜ"),
    ("lv4", "marks", "lǜ"),
    ("lv4", "zhuyin", "ㄌㄩˋ"),
    ("nv3", "marks", "nǚ"),
    ("lve4", "zhuyin", "ㄌㄩㄝˋ"),
    ("xue2", "zhuyin", "ㄒㄩㄝˊ"),
    ("shi1", "zhuyin", "ㄕ"),
    ("er2", "zhuyin", "ㄦˊ"),
    ("ma5", "zhuyin", "˙ㄇㄚ"),
    ("hao3", "marks", "hǎo"),
    ("gui4", "marks", "guì"),
    ("lu:4", "numbers", "lv4"),
]


@pytest.mark.parametrize("numbered, style, expected", STYLE_CASES)
def test_convert_reading(numbered, style, expected):
    assert convert_reading(numbered, style) == expected


def test_unknown_style_is_an_error():
    with pytest.raises(ValueError):
        convert_reading("zhong4", "ipa")


def test_every_style_round_trips_through_pypinyin_forms():
    for style in STYLES:
        assert convert_reading("zhong1", style) in {"zhōng", "zhong1", "ㄓㄨㄥ"}


@pytest.mark.parametrize("numbered", ["zhong1", "lv4", "le5", "nv3", "er2", "yin2", "xiong2", "lve4"])
@pytest.mark.parametrize("style", ["marks", "numbers", "zhuyin"])
def test_the_table_agrees_with_pypinyin(numbered, style):
    assert style_reading(numbered, style) == convert_reading(numbered, style)


def test_a_syllable_outside_the_table_is_still_converted():
    assert "xx5" not in reading_styles.build_table()
    assert style_reading("xx5", "marks") == convert_reading("xx5", "marks")


# -- pinyin strings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "numbers, marks",
    [
        ("Pu3 ding1", "Pǔ dīng"),
        ("lu:3 you2", "lǚ yóu"),
        ("nu:e4", "nüè"),
        ("gou3 hui4 liu2 Ou1", "gǒu huì liú Ōu"),
        ("de5 r5", "de r"),
        ("m2 ng2", "ḿ ńg"),
        ("san1 C", "sān C"),
        ("xx5", "xx"),
    ],
)
def test_numbers_to_marks(numbers, marks):
    assert numbers_to_marks(numbers) == marks


def test_cedict_marks_agree_with_pypinyin_on_every_syllable_it_knows():
    # Two ways to tone marks: CC-CEDICT's strings keep capitals and non-syllables, which
    # pypinyin's converter does not take; on real syllables they must never differ.
    table = reading_styles.build_table()
    assert len(table) > 1500
    assert [n for n, (marks, _) in table.items() if numbers_to_marks(n.replace("v", "u:")) != marks] == []


@pytest.mark.parametrize(
    "typed, marks",
    [
        ("pu3 jing1", "pǔ jīng"),
        ("pǔ jīng", "pǔ jīng"),  # marks pass through
        ("Pu3 Ding1", "pǔ dīng"),
        ("pu3  jing1", "pǔ jīng"),
        ("lv4", "lǜ"),
        ("xyz9 abc", "xyz9 abc"),  # not pinyin: kept as typed
        ("", ""),
    ],
)
def test_normalise_pinyin(typed, marks):
    assert normalise_pinyin(typed) == marks


@pytest.mark.parametrize(
    "text, keys",
    [
        ("pǔ jīng", ("pu3jing1", "pujing")),
        ("Xī'ān", ("xi1an1", "xian")),
        ("lǜ", ("lv4", "lv")),
        ("chángqī", ("chang2qi1", "changqi")),
        ("le", ("le", "le")),
        ("hǎn", ("han3", "han")),
        ("pu3 jing1", ("pu3jing1", "pujing")),  # typed with numbers, the same keys
        ("Pujing", ("pujing", "pujing")),
    ],
)
def test_pinyin_keys(text, keys):
    assert pinyin_keys(text) == keys
