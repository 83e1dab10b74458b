"""Readings: context polyphones on Traditional text, styles, corrections, and one entry per character."""

import re
import unicodedata
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import polyphone
from app.core.readings import has_reading, read_many, read_spans
from app.core.scripts import simplified_shadow


def read(text: str) -> list:
    shadow = simplified_shadow(text)
    return read_spans(shadow, [(s, e) for _, s, e in jieba.tokenize(shadow)])


def reading_of(text: str, word: str, occurrence: int = 0) -> str:
    """The readings of `word` (its n-th occurrence) in `text`, space-separated."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return " ".join(read(text)[start : start + len(word)])


CONTEXT_CASES = [
    # (Traditional text, word in it, which occurrence, expected readings)
    ("我去銀行存錢。", "銀行", 0, "yin2 hang2"),
    ("這是一個長期的計劃。", "長期", 0, "chang2 qi1"),
    ("雙方需要協調立場。", "協調", 0, "xie2 tiao2"),
    ("這件事很重要。", "重要", 0, "zhong4 yao4"),
    ("我們重新開始吧。", "重新", 0, "chong2 xin1"),
    ("他吃了飯。", "了", 0, "le5"),
    ("我了解你的意思。", "了解", 0, "liao3 jie3"),
    ("他走不了了。", "了", 0, "liao3"),
    ("他走不了了。", "了", 1, "le5"),
    ("綠色的草地", "綠", 0, "lv4"),
    ("你要茶還是咖啡？", "還是", 0, "hai2 shi4"),
    ("他還沒有回來。", "還", 0, "hai2"),
    ("把書還給我。", "還", 0, "huan2"),
    ("孩子長大了。", "長", 0, "zhang3"),
    ("她抱著孩子回來。", "著", 0, "zhe5"),
    ("這是一本著名的小說。", "著名", 0, "zhu4 ming2"),
    ("他睡著了。", "睡著", 0, "shui4 zhao2"),
]


@pytest.mark.parametrize("text, word, occurrence, expected", CONTEXT_CASES)
def test_context_readings_on_traditional_text(text, word, occurrence, expected):
    assert reading_of(text, word, occurrence) == expected


def test_corrections_win():
    text = "他吃了飯。"
    shadow = simplified_shadow(text)
    spans = [(s, e) for _, s, e in jieba.tokenize(shadow)]
    assert read_spans(shadow, spans)[2] == "le5"
    corrected = read_spans(shadow, spans, corrections={2: "liao3", 4: "lü4", 99: "a1", -1: "a1"})
    assert corrected[2] == "liao3"
    assert corrected[4] == "lv4"  # even on punctuation: the user decides
    assert corrected[:2] == ["ta1", "chi1"]


def test_read_many_equals_read_spans_one_by_one():
    texts = ["我去銀行存錢。", "他走不了了。", "", "abc", "還是重新開始吧"]
    items = []
    for t in texts:
        shadow = simplified_shadow(t)
        items.append((shadow, [(s, e) for _, s, e in jieba.tokenize(shadow)]))
    assert read_many(items) == [read_spans(s, sp) for s, sp in items]


def test_bad_spans_never_raise():
    assert read_spans("银行", [(5, 9), (-3, 1), (1, 0), (0, 2), (0, 2)]) == ["yin2", "hang2"]
    assert read_spans("", [(0, 3)]) == []


def test_long_paragraph_is_split_into_capped_sentences():
    text = "天下大勢，分久必合，合久必分" * 20 + "。短句。"
    spans = polyphone.split_sentences(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert max(e - s for s, e in spans) <= polyphone.MAX_SENTENCE
    assert text[spans[-1][0] : spans[-1][1]] == "短句。"


def test_batched_model_equals_g2pm_own_predict():
    from g2pM import G2pM

    own = G2pM()
    model = polyphone.get_model()
    sentences = [
        "他走不了了。",
        "重要的是重新开始。",
        "银行长期协调各方的利益，还是很难。",
        "长大以后他成了一名音乐家，喜欢快乐的曲子。",
        "我们都觉得这种说法不对，应该调查一下。",
        "天下大势，分久必合，合久必分。",
        "他一个人在家里。",
    ]
    targets = [[i for i, ch in enumerate(s) if model.is_polyphone(ch)] for s in sentences]
    assert sum(map(len, targets)) > 15
    ours = model.predict(sentences, targets, restrict=False)
    for sentence, tgt, mine in zip(sentences, targets, ours):
        theirs = own(sentence, char_split=True)
        assert mine == [theirs[i].replace("u:", "v") for i in tgt], sentence


CPP_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cpp-dev" / "dev.sent"


@pytest.mark.skipif(not CPP_DEV.is_file(), reason="needs ../shared: the cpp-dev polyphone sentences are not there")
def test_float32_gate_table_reads_a_gold_sample_as_float64_does():
    # The model keeps its tabulated gate inputs in float32 to halve its memory; on real sentences
    # every polyphone must still get the reading the float64 table gives it.
    import numpy as np

    from app.io.core_data import load_g2pm_weights

    weights = load_g2pm_weights()
    lean, full = polyphone.PolyphoneModel(weights), polyphone.PolyphoneModel(weights, table_dtype=np.float64)
    assert lean._proj[0].dtype == np.float32 and full._proj[0].dtype == np.float64
    with open(CPP_DEV, encoding="utf-8") as handle:
        sentences = [line.rstrip("\n").replace("\u2581", "") for _, line in zip(range(600), handle)]
    targets = [[i for i, ch in enumerate(s) if lean.is_polyphone(ch)] for s in sentences]
    assert sum(map(len, targets)) > 3000
    for restrict in (True, False):
        expected = full.predict(sentences, targets, restrict=restrict)
        assert lean.predict(sentences, targets, restrict=restrict) == expected


READING = re.compile(r"[a-zv]+[1-5]|ê[1-5]")

mixed_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
        st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # Ext-B
        st.sampled_from("😀🎉👍🏽\u200d❤️"),  # emoji, modifiers, ZWJ
        st.sampled_from("\u0301\u0308\u20dd"),  # combining marks
        st.sampled_from(" \t\n\u3000\u00a0"),  # whitespace
        st.characters(min_codepoint=0x21, max_codepoint=0x7E),  # Latin, digits, ASCII punctuation
        st.sampled_from("，。、：；「」『』？！…—（）"),  # CJK punctuation
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(mixed_text, st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45)), max_size=6))
def test_one_entry_per_character_and_none_exactly_without_a_reading(text, spans):
    out = read_spans(text, spans)
    assert len(out) == len(text)
    for ch, reading in zip(text, out):
        assert (reading is None) == (not has_reading(ch)), (ch, reading)
        if reading is not None:
            assert READING.fullmatch(reading), (ch, reading)
        if unicodedata.category(ch)[0] in "PSZM" or ch.isascii():
            assert reading is None, ch


def test_every_basic_cjk_character_in_the_table_gets_a_reading():
    text = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 400))
    out = read_spans(text, [])
    assert all(r is not None for ch, r in zip(text, out) if has_reading(ch))
    assert sum(r is not None for r in out) > 390
