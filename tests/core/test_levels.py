"""Word levels: the HSK 3.0 level and frequency of a word, the same in either script, and an
article's profile. The tables are the packages' own, read through app.io."""

from __future__ import annotations

import pytest

from app.core.levels import Levels, profile_line
from app.io.word_levels import hsk_words, zipf_lookup


@pytest.fixture(scope="module")
def levels():
    return Levels(hsk_words(), zipf_lookup())


@pytest.mark.parametrize(
    "simplified, traditional, level",
    [("学校", "學校", "1"), ("银行", "銀行", "3"), ("战争", "戰爭", "6"), ("覆盖率", "覆蓋率", "beyond")],
)
def test_a_word_has_the_same_level_and_frequency_in_either_script(levels, simplified, traditional, level):
    assert levels.of(simplified).hsk_name == levels.of(traditional).hsk_name == level
    assert levels.of(simplified).zipf == levels.of(traditional).zipf > 0


def test_common_words_are_more_frequent_than_rare_ones(levels):
    assert levels.of("的").zipf > 7 > levels.of("学校").zipf > levels.of("覆盖率").zipf > 3
    assert levels.of("㐀㐁").zipf == 0  # never seen


def test_the_profile_counts_running_words_and_the_known_share(levels):
    words = ["学校", "學校", "银行", "覆盖率"]
    profile = levels.profile(words, known=["學校"])
    assert profile["1"] == 0.5 and profile["3"] == 0.25 and profile["beyond"] == 0.25
    assert profile["known"] == 0.25
    assert sum(v for k, v in profile.items() if k != "known") == pytest.approx(1.0)
    assert levels.profile([])["known"] == 0.0


@pytest.mark.parametrize(
    "word, level, above",
    [
        ("学校", 1, False),  # HSK 1 at level 1: not above
        ("銀行", 2, True),  # HSK 3, in either script
        ("银行", 3, False),
        ("戰爭", 5, True),
        ("覆盖率", 9, True),  # in no list: above every level
        ("学校", None, True),  # no level set: every word is above it
    ],
)
def test_a_word_is_above_a_level_when_its_hsk_level_is_higher_or_it_has_none(levels, word, level, above):
    assert levels.above(word, level) is above


def test_levels_seven_to_nine_are_one_list(levels):
    band = next(word for word, level in hsk_words().items() if level == 7)
    assert levels.above(band, 6) and not levels.above(band, 7) and not levels.above(band, 9)


def test_the_profile_line_gives_each_levels_share_and_the_known_share(levels):
    profile = levels.profile(["学校", "學校", "银行", "覆盖率"], known=["学校"])
    assert profile_line(profile) == "HSK 1 50% · 2 0% · 3 25% · 4 0% · 5 0% · 6 0% · 7-9 0% · none 25%; 25% known"
