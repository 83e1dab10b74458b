"""Tone colours' pure part: a syllable's tone in each reading style, a word's reading in runs by
tone (joined, exactly the reading shown), each character's tone, the palettes and contrast."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import reading_styles
from app.core.orthography import token_pinyin
from app.core.reading_styles import STYLES, style_reading
from app.core.tones import (
    NEUTRAL,
    TONE_PALETTES,
    character_tones,
    contrast_ratio,
    numbered_tone,
    pinyin_tones,
    reading_runs,
    syllable_tone,
    tone_colour,
)


@pytest.mark.parametrize(
    "syllable, style, tone",
    [
        ("zhōng", "marks", 1),
        ("yín", "marks", 2),
        ("lǚ", "marks", 3),
        ("Pǔ", "marks", 3),  # a capital (a name)
        ("kàn", "marks", 4),
        ("le", "marks", NEUTRAL),  # no mark: the neutral tone
        ("ḿ", "marks", 2),  # a syllabic m
        ("r", "marks", NEUTRAL),  # erhua written on its own
        ("3", "marks", None),  # a digit written as it is
        ("中", "marks", None),  # a character without a reading
        ("zhong1", "numbers", 1),
        ("Xi1", "numbers", 1),
        ("le5", "numbers", NEUTRAL),
        ("lv4", "numbers", 4),
        ("D", "numbers", None),
        ("ㄓㄨㄥ", "zhuyin", 1),  # zhuyin writes no mark for the 1st tone
        ("ㄧㄣˊ", "zhuyin", 2),
        ("ㄋㄧˇ", "zhuyin", 3),
        ("ㄎㄢˋ", "zhuyin", 4),
        ("˙ㄇㄣ", "zhuyin", NEUTRAL),  # Taiwan's zhuyin puts the neutral dot first
        ("ㄦ", "zhuyin", 1),
        ("T", "zhuyin", None),
    ],
)
def test_syllable_tone(syllable, style, tone):
    assert syllable_tone(syllable, style) == tone


@pytest.mark.parametrize("reading, tone", [("zhong4", 4), ("le5", 5), ("r5", 5), (None, None), ("", None), ("x", None)])
def test_numbered_tone(reading, tone):
    assert numbered_tone(reading) == tone


def test_every_known_syllable_written_in_each_style_has_its_digit_as_tone():
    # The tone read back from any style agrees with the reading it was written from.
    table = reading_styles._table.get()
    for numbered in table:
        for style in STYLES:
            assert syllable_tone(style_reading(numbered, style), style) == numbered_tone(numbered), (numbered, style)


@pytest.mark.parametrize(
    "text, readings, style, capitals, runs",
    [
        ("銀行", ("yin2", "hang2"), "marks", None, (("yínháng", 2),)),  # one tone: one run
        ("西安", ("xi1", "an1"), "marks", None, (("xī", 1), ("'", None), ("ān", 1))),
        ("我們", ("wo3", "men5"), "marks", None, (("wǒ", 3), ("men", 5))),
        ("我們", ("wo3", "men5"), "numbers", None, (("wo3", 3), ("men5", 5))),
        ("我們", ("wo3", "men5"), "zhuyin", None, (("ㄨㄛˇ", 3), (" ", None), ("˙ㄇㄣ", 5))),
        (
            "毛泽东",
            ("mao2", "ze2", "dong1"),
            "marks",
            (True, True, False),
            (("Máo", 2), (" ", None), ("Zé", 2), ("dōng", 1)),
        ),
        ("T恤", (None, "xu4"), "marks", None, (("T", None), ("xù", 4))),  # a Latin letter: ordinary ink
        ("哪兒", ("na3", "er2"), "marks", None, (("nǎ", 3), ("'", None), ("ér", 2))),  # 兒 on its own syllable
        ("哪兒", ("na3", "r5"), "marks", None, (("nǎ", 3), ("r", 5))),  # corrected to erhua: neutral
        ("3D", (None, None), "marks", None, ()),
    ],
)
def test_reading_runs(text, readings, style, capitals, runs):
    names = (lambda word: capitals) if capitals else (lambda word: None)
    assert reading_runs(text, readings, style, names) == runs


syllables = st.sampled_from(["zhong1", "an1", "er2", "men5", "lv4", "e4", "ou3", "r5", None])


@given(st.lists(syllables, min_size=1, max_size=5), st.sampled_from(STYLES), st.booleans())
def test_runs_join_to_the_reading_shown(readings, style, name):
    text = "中" * len(readings)
    capitals = (lambda word: (True,) + (False,) * (len(word) - 1)) if name else (lambda word: None)
    runs = reading_runs(text, readings, style, capitals)
    assert "".join(piece for piece, _ in runs) == (token_pinyin(text, readings, style, capitals) or "")
    # Every syllable's run has its reading's tone; what is between syllables has none.
    assert {tone for _, tone in runs} - {None} <= {numbered_tone(r) for r in readings}


@pytest.mark.parametrize(
    "shown, readings, tones",
    [
        ("中國", ("zhong1", "guo2"), (1, 2)),
        ("T恤", (None, "xu4"), (None, 4)),
        ("哪兒", ("na3", "er2"), (3, 2)),
        ("乾隆", ("qian2", None), (2, None)),  # a character the tables do not read
        ("里", ("li3", "mian4"), (None,)),  # a conversion changed the length: no map, no colours
    ],
)
def test_character_tones(shown, readings, tones):
    assert character_tones(shown, readings) == tones


def test_pinyin_tones_of_a_cedict_reading():
    assert pinyin_tones("Pǔ dīng") == [("Pǔ", 3), (" ", None), ("dīng", 1)]
    assert pinyin_tones("") == []


def test_palettes_have_every_tone_in_both_themes():
    for theme in ("light", "dark"):
        assert [tone_colour(t, theme) for t in range(1, 6)] == [TONE_PALETTES[theme][t] for t in range(1, 6)]
        assert tone_colour(None, theme) is None
    assert len(set(TONE_PALETTES["light"].values())) == 5


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # WCAG's usual grey
    assert contrast_ratio("#ffffff", "#767676") == contrast_ratio("#767676", "#ffffff")
