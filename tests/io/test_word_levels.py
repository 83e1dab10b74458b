"""The word-level data kept in the cache folder: the frequency table gives wordfreq's own value for
every listed word and none for a word it does not list, a table whose files were cut short is built
again, not read; the HSK list read back is the package's."""

from __future__ import annotations

import pytest
from wordfreq import get_frequency_dict

from app.io.word_levels import cached_hsk_words, cached_zipf_lookup, hsk_words, zipf_lookup


@pytest.fixture(scope="module")
def reference():
    return zipf_lookup()


def test_the_cached_table_gives_wordfreqs_value_for_every_word(tmp_path, reference):
    cached = cached_zipf_lookup(tmp_path)
    words = list(get_frequency_dict("zh"))
    assert len(words) > 300_000
    assert [cached(w) for w in words] == [reference(w) for w in words]
    for unlisted in ("㐀㐁", "學校", "", "abc\u0301", "𠀀"):
        assert cached(unlisted) == reference(unlisted) == 0.0
    assert cached("的") > 7 and cached("学校") == reference("学校") > 4


def test_a_table_read_again_is_the_one_built(tmp_path, reference):
    cached_zipf_lookup(tmp_path)
    (folder,) = tmp_path.glob("zipf-zh-*")
    stamp = (folder / "keys.u64").stat().st_mtime_ns
    again = cached_zipf_lookup(tmp_path)
    assert (folder / "keys.u64").stat().st_mtime_ns == stamp
    assert again("银行") == reference("银行")


def test_a_table_cut_short_is_built_again(tmp_path, reference):
    cached_zipf_lookup(tmp_path)
    (folder,) = tmp_path.glob("zipf-zh-*")
    # Both files cut by the same share still pair up, key for value: only the count tells.
    for name in ("keys.u64", "zipf.f64"):
        data = (folder / name).read_bytes()
        (folder / name).write_bytes(data[: len(data) // 2])
    again = cached_zipf_lookup(tmp_path)
    words = list(get_frequency_dict("zh"))[::50]
    assert [again(w) for w in words] == [reference(w) for w in words]


def test_the_cached_hsk_list_is_the_packages(tmp_path):
    first = cached_hsk_words(tmp_path)
    (entry,) = tmp_path.glob("hsk-words-*.marshal")
    stamp = entry.stat().st_mtime_ns
    again = cached_hsk_words(tmp_path)
    assert entry.stat().st_mtime_ns == stamp  # read, not written again
    assert first == again == hsk_words()
    assert again["学校"] == 1 and len(again) > 10_000
