"""Pinyin written as words (GB/T 16159): syllables run together, apostrophes, capitals for names.

- The syllables of a word are written together: yínháng.
- A syllable starting with a, o or e inside a word gets an apostrophe: Xī'ān, nuòbèi'ěr.
- A proper name starts with a capital; a name of several parts capitalises each part and
  writes the parts apart (Máo Zédōng, Zhōnghuá Rénmín Gònghéguó). Which words are names, and
  where their parts start, comes from the glossary's people, places and organisations and from
  CC-CEDICT, which writes proper nouns with capitals ("Xi1 an1", "Mao2 Ze2 dong1").

Zhuyin is written as it is, a syllable per character; tone-number readings keep capitals but
need no apostrophe (the digit already ends each syllable).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from app.core.glossary import Glossary
from app.core.reading_styles import style_reading

# Glossary categories whose terms are proper names.
PROPER_CATEGORIES = frozenset({"person", "place", "organisation", "event", "treaty"})

_APOSTROPHE_BEFORE = frozenset("aāáǎàoōóǒòeēéěèêế")

# capitals(word) -> for each character, whether a capitalised part starts there; None: not a name
Capitals = Callable[[str], "tuple[bool, ...] | None"]


def no_capitals(word: str) -> tuple[bool, ...] | None:
    return None


def write_word(syllables: Sequence[str], capitals: Sequence[bool] | None = None, style: str = "marks") -> str:
    """One word's syllables (already in `style`, one per character) written as a word.

    `capitals` marks where the parts of a proper name start (None for a common word).
    """
    return "".join(piece for piece, _ in written_pieces(syllables, capitals, style))


def written_pieces(
    syllables: Sequence[str], capitals: Sequence[bool] | None = None, style: str = "marks"
) -> list[tuple[str, int]]:
    """The word `write_word` writes, in pieces: each syllable as written (a capital included) with
    its index, and what stands between two (an apostrophe, a space) with -1. Joined, the word."""
    if style == "zhuyin":
        pieces: list[tuple[str, int]] = []
        for k, syllable in enumerate(syllables):
            pieces += [(" ", -1), (syllable, k)] if k else [(syllable, k)]
        return pieces
    parts: list[list[int]] = []
    for k in range(len(syllables)):
        if not parts or (capitals is not None and k < len(capitals) and capitals[k]):
            parts.append([])
        parts[-1].append(k)
    written: list[tuple[str, int]] = []
    for part in parts:
        if written:
            written.append((" ", -1))
        first = syllables[part[0]]
        if capitals is not None:
            first = first[:1].upper() + first[1:]
        written.append((first, part[0]))
        previous = first
        for k in part[1:]:
            syllable = syllables[k]
            if style == "marks" and syllable[:1].lower() in _APOSTROPHE_BEFORE and previous[-1:].isalpha():
                written.append(("'", -1))
            written.append((syllable, k))
            previous = syllable
    return written


def token_pinyin(
    text: str, readings: Sequence[str | None], style: str = "marks", capitals: Capitals = no_capitals
) -> str | None:
    """A word's reading written as a word (None when none of its characters has a reading).

    `readings` are tone-number readings, one per character; a character without one is
    written as it is.
    """
    if not any(readings):
        return None
    return _token_pinyin(text, tuple(readings), style, capitals)


@lru_cache(maxsize=100_000)
def _token_pinyin(text: str, readings: tuple[str | None, ...], style: str, capitals: Capitals) -> str:
    # A text repeats its words: a novel's 400,000 characters hold about 30,000 distinct ones.
    syllables = [style_reading(r, style) if r else ch for ch, r in zip(text, readings)]
    return write_word(syllables, capitals(text) if style != "zhuyin" else None, style)


class ProperNames:
    """Which words are proper names, and where their parts start.

    `dictionary` maps a word (either script) to the capital pattern of its CC-CEDICT reading;
    glossary terms of PROPER_CATEGORIES are names too (one part, unless the dictionary says more).
    """

    def __init__(self, dictionary: Mapping[str, tuple[bool, ...]], glossary: Glossary | None = None):
        self._dictionary = dictionary
        self._glossary = glossary
        self._seen: dict[str, tuple[bool, ...] | None] = {}

    def __call__(self, word: str) -> tuple[bool, ...] | None:
        if word not in self._seen:
            self._seen[word] = self._find(word)
        return self._seen[word]

    def _find(self, word: str) -> tuple[bool, ...] | None:
        found = self._dictionary.get(word)
        if found is not None and len(found) == len(word):
            return found
        if self._glossary is not None and len(word) > 1:
            hit = self._glossary.find_term(word)
            if hit is not None and hit[0].category in PROPER_CATEGORIES:
                return (True,) + (False,) * (len(word) - 1)
        return None
