"""The cached frequency table: the same Zipf value as wordfreq's own list for every word, and a
damaged cache entry is rebuilt rather than read."""

from __future__ import annotations

import pytest
from wordfreq import get_frequency_dict

from app.io.word_levels import cached_zipf_lookup, zipf_lookup


@pytest.fixture(scope="module")
def reference():
    return zipf_lookup()


def test_the_cached_table_gives_wordfreqs_value_for_every_word(tmp_path, reference):
    cached = cached_zipf_lookup(tmp_path)
    words = list(get_frequency_dict("zh"))
    assert len(words) > 100_000
    sample = words[::7]  # every frequency band, a seventh of its words (the whole list takes 10 s)
    assert [cached(w) for w in sample] == [reference(w) for w in sample]
    for unlisted in ("㐀㐁", "學校", "", "abc\u0301", "𠀀"):
        assert cached(unlisted) == reference(unlisted) == 0.0
    assert cached("的") > 7


def test_a_damaged_table_is_built_again(tmp_path, reference):
    cached_zipf_lookup(tmp_path)
    (folder,) = [entry for entry in tmp_path.iterdir() if entry.name.startswith("zipf-zh-")]
    (folder / "zipf.npy").write_bytes(b"not an array")
    again = cached_zipf_lookup(tmp_path)
    assert again("学校") == reference("学校") > 4
