"""Tests of the segmentation stage: words of real sentences, user words, the span invariant, the cache."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.segment import Segmenter, default_segmenter
from tests.core.strategies import chinese_char, mixed_text

USER_WORDS = ["普丁", "澤倫斯基", "歐洲協調", "雅尔达会议"]  # the last one given in Simplified


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("segment-cache")


@pytest.fixture(scope="module")
def segmenter(cache_dir):
    return Segmenter(USER_WORDS, cache_dir=cache_dir)


@pytest.fixture(scope="module")
def plain(cache_dir):
    return Segmenter(cache_dir=cache_dir)


def words(segmenter, text):
    return "|".join(text[a:b] for a, b in segmenter.spans(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("普丁與川普在阿拉斯加會晤", "普丁|與|川普|在|阿拉斯加|會晤"),
        ("澤倫斯基前往布魯塞爾", "澤倫斯基|前往|布魯塞爾"),
        ("歐洲協調的當代版", "歐洲協調|的|當代|版"),
        ("雅爾達會議決定了戰後秩序", "雅爾達會議|決定|了|戰後|秩序"),
        ("我們明天去銀行辦理手續", "我們|明天|去|銀行|辦理|手續"),
        ("台灣的總統府位於台北市", "台灣|的|總統府|位於|台北市"),
        ("他在電腦上安裝了新的程式", "他|在|電腦|上|安裝|了|新|的|程式"),
        ("颱風明天將登陸臺灣東部", "颱風|明天|將|登陸|臺灣|東部"),
    ],
)
def test_words_of_sentences(segmenter, text, expected):
    assert words(segmenter, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # numbers with separators stay whole, so do Latin words; every white space run is one span
        ("人口有16,250人，增長3.5%", "人口|有|16,250|人|，|增長|3.5%"),
        ("使用 Python 與 ABC  寫", "使用| |Python| |與| |ABC|  |寫"),
        ("標題\r\n\t正文", "標題|\r\n\t|正文"),
        ("全形ＡＢＣ１２３", "全形|ＡＢＣ|１２３"),
        # outside jieba's Han range: Extension B, emoji, an ideographic variation sequence
        ("𠀀𠀁好", "𠀀|𠀁|好"),
        ("好😀", "好|😀"),
        ("葛\U000e0100亮", "葛\U000e0100|亮"),
        ("e\u0301t\u200dé", "e\u0301|t\u200d|é"),
        ("", ""),
        ("   ", "   "),
    ],
)
def test_odd_characters(plain, text, expected):
    assert words(plain, text) == expected


def test_user_words_either_script_are_never_split(cache_dir):
    # Without the user words these names break apart; with them, in whichever script they
    # were given, every occurrence in either script is one word.
    seg = Segmenter(cache_dir=cache_dir)
    text = "普魯申科和葉甫根尼在雅爾達，普鲁申科和叶甫根尼在雅尔达"
    before = words(seg, text).split("|")
    assert "普魯申科" not in before and "葉甫根尼" not in before
    seg.add_words(["普魯申科", "叶甫根尼"])
    after = words(seg, text).split("|")
    for term in ("普魯申科", "普鲁申科", "葉甫根尼", "叶甫根尼"):
        assert term in after, (term, after)


def test_user_word_wins_against_overlapping_dictionary_words(cache_dir):
    # 雅典 is a dictionary word overlapping the user word; the user word must still be whole
    seg = Segmenter(["會晤雅"], cache_dir=cache_dir)
    pieces = words(seg, "在阿拉斯加會晤雅典人").split("|")
    assert "會晤雅" in pieces and "雅典" not in pieces


def test_user_words_with_white_space_are_ignored(cache_dir):
    seg = Segmenter(["新 北", "x"], cache_dir=cache_dir)
    assert words(seg, "新 北市") == "新| |北市"


def check_spans(text, spans):
    assert all(a < b for a, b in spans), spans
    assert [a for a, _ in spans] == [0] + [b for _, b in spans[:-1]] if spans else text == "", spans
    assert (spans[-1][1] if spans else 0) == len(text)
    for a, b in spans:
        piece = text[a:b]
        # white space is never glued to anything else
        assert piece.isspace() or not any(ch.isspace() for ch in piece), (piece, text)


odd_text = st.one_of(
    st.text(),
    st.text(chinese_char),
    mixed_text,
    st.text(st.characters(codec=None, blacklist_categories=()), max_size=20),  # lone surrogates too
)


@settings(max_examples=400, deadline=None)
@given(odd_text)
def test_spans_cover_any_string(segmenter, text):
    check_spans(text, segmenter.spans(text))


@settings(max_examples=100, deadline=None)
@given(odd_text)
def test_shadow_argument_does_not_change_coverage(segmenter, text):
    check_spans(text, segmenter.spans(text, shadow=text))


def test_long_paragraph_and_white_space_runs(segmenter):
    text = "三國演義　第一回\n" + "宴桃園豪傑三結義，斬黃巾英雄首立功。" * 200 + " \u3000\t"
    spans = segmenter.spans(text)
    check_spans(text, spans)
    assert text[spans[-1][0]:] == " \u3000\t"


def test_cache_is_written_then_reused(tmp_path, monkeypatch):
    first = Segmenter(cache_dir=tmp_path)
    first.preload()
    files = list(tmp_path.glob("segment-*.marshal"))
    assert files == [first.cache_path]
    assert not list(tmp_path.glob(".segment-*"))  # no temp file left behind

    import app.core.segment as segment_module

    def no_build(source):
        raise AssertionError("rebuilt although a cache was present")

    monkeypatch.setattr(segment_module, "_build_model", no_build)
    second = Segmenter(cache_dir=tmp_path)
    assert words(second, "普丁與川普在阿拉斯加會晤") == words(first, "普丁與川普在阿拉斯加會晤")


def test_damaged_cache_is_rebuilt(tmp_path):
    seg = Segmenter(cache_dir=tmp_path)
    seg.preload()
    seg.cache_path.write_bytes(b"\x00garbage")
    again = Segmenter(cache_dir=tmp_path)
    assert words(again, "我們明天去銀行") == "我們|明天|去|銀行"
    assert again.cache_path.stat().st_size > 1_000_000


def test_cache_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DUBEN_CACHE_DIR", str(tmp_path / "env-cache"))
    seg = Segmenter()
    seg.preload()
    assert seg.cache_path.parent == tmp_path / "env-cache" and seg.cache_path.exists()


def test_preload_is_idempotent_and_thread_safe(tmp_path):
    import threading

    seg = Segmenter(cache_dir=tmp_path)
    threads = [threading.Thread(target=seg.preload) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    model = seg._model
    seg.preload()
    assert seg._model is model and len(list(tmp_path.glob("segment-*"))) == 1


def test_default_segmenter_is_shared():
    assert default_segmenter() is default_segmenter()


def test_module_does_not_import_qt():
    import app.core.segment as segment_module

    source = open(segment_module.__file__, encoding="utf-8").read()
    assert not re.search(r"^\s*(from|import)\s+PySide6", source, re.M)
