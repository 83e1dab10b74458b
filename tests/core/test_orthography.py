"""Pinyin written as words: syllables together, apostrophes, capitals for proper names."""

import pytest

from app.core.glossary import ChineseTerm, Concept, Glossary
from app.core.orthography import ProperNames, token_pinyin, write_word


@pytest.mark.parametrize(
    "syllables, capitals, style, written",
    [
        (["yín", "háng"], None, "marks", "yínháng"),
        (["xī", "ān"], (True, False), "marks", "Xī'ān"),
        (["nuò", "bèi", "ěr"], None, "marks", "nuòbèi'ěr"),
        (["tiān", "é"], None, "marks", "tiān'é"),
        (["Pǔ", "dīng"], None, "marks", "Pǔdīng"),
        (["pǔ", "dīng"], (True, False), "marks", "Pǔdīng"),
        (["máo", "zé", "dōng"], (True, True, False), "marks", "Máo Zédōng"),
        (["ā", "lā", "sī", "jiā"], (True, False, False, False), "marks", "Ālāsījiā"),
        # tone numbers: capitals yes, apostrophes no (the digit ends each syllable)
        (["xi1", "an1"], (True, False), "numbers", "Xi1an1"),
        (["yin2", "hang2"], None, "numbers", "yin2hang2"),
        # zhuyin unchanged: a syllable per character, no capitals
        (["ㄒㄧ", "ㄢ"], (True, False), "zhuyin", "ㄒㄧ ㄢ"),
    ],
)
def test_write_word(syllables, capitals, style, written):
    assert write_word(syllables, capitals, style) == written


def test_token_pinyin_reads_tone_numbers_and_keeps_characters_without_a_reading():
    assert token_pinyin("銀行", ("yin2", "hang2")) == "yínháng"
    assert token_pinyin("A咖", (None, "ka1")) == "Akā"
    assert token_pinyin("，", (None,)) is None
    assert token_pinyin("西安", ("xi1", "an1"), "marks", lambda w: (True, False)) == "Xī'ān"


def test_proper_names_from_the_dictionary_and_the_glossary():
    putin = Concept(
        "vladimir-putin", "person", ("Vladimir Putin",), (ChineseTerm("普丁", ("TW",)), ChineseTerm("普京", ("CN",)))
    )
    allies = Concept("allies", "concept", ("allies",), (ChineseTerm("盟邦", ("TW",)),))
    names = ProperNames({"西安": (True, False), "毛泽东": (True, True, False)}, Glossary.of([putin, allies]))
    assert names("西安") == (True, False)
    assert names("毛泽东") == (True, True, False)
    assert names("普丁") == names("普京") == (True, False)  # a person in the glossary, either form
    assert names("盟邦") is None  # a concept, not a name
    assert names("銀行") is None
