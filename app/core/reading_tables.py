"""pypinyin's character and phrase tables, and its strict maximum-matching cut, as a few arrays.

Readings need three things of pypinyin: each character's readings, each phrase's readings, and
the cut of a span into the longest phrases of its table (`pypinyin.seg.mmseg.seg`, strict mode).
pypinyin keeps them as Python dicts and sets of strings, about 55 MB once imported; here they
are sorted arrays of n-gram hashes (app.core.ngrams) and uint16 indexes into the list of the
1,600-odd syllables, a few MB that app.io memory-maps from the cache folder. The tables are made
once from pypinyin (`from_pypinyin`); readings then never import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.provided import Provided

if TYPE_CHECKING:
    import numpy as np

    from app.core.ngrams import SortedKeys


@dataclass(frozen=True)
class ReadingTables:
    """Readings in tone numbers as pypinyin's to_tone3 writes them ("zhong4", "lv3", "le5")."""

    syllables: tuple[str, ...]
    char_codes: np.ndarray  # uint32, sorted: the code points pypinyin's character table knows
    char_offsets: np.ndarray  # uint32, len(char_codes) + 1: where each one's readings start
    char_readings: np.ndarray  # uint16 syllable indexes, the most common reading first
    phrase_keys: SortedKeys  # hashes of the phrases
    phrase_offsets: np.ndarray  # uint32, len(phrase_keys) + 1: each character's first reading
    phrase_readings: np.ndarray  # uint16 syllable indexes; none for an entry readings cannot use
    prefixes: SortedKeys  # hashes of every prefix of every phrase (the phrases included)
    longest: int  # characters in the longest phrase

    def _char_index(self, char: str) -> int:
        if len(char) != 1 or not len(self.char_codes):
            return -1
        code = ord(char)
        at = int(self.char_codes.searchsorted(code))
        return at if at < len(self.char_codes) and int(self.char_codes[at]) == code else -1

    def knows(self, char: str) -> bool:
        """Whether the character table has the character at all."""
        return self._char_index(char) >= 0

    def readings_of(self, char: str) -> tuple[str, ...]:
        """Every reading the character table gives one character, in its order; () for none."""
        at = self._char_index(char)
        if at < 0:
            return ()
        start, end = int(self.char_offsets[at]), int(self.char_offsets[at + 1])
        return tuple(self.syllables[i] for i in self.char_readings[start:end].tolist())

    def phrase(self, word: str) -> tuple[str, ...] | None:
        """Each character's first reading when `word` is a phrase of the table whose entry gives
        every character one, else None."""
        import numpy as np

        from app.core import ngrams

        found = int(self.phrase_keys.find(np.array([ngrams.of_text(word)], dtype=np.uint64))[0])
        if found < 0:
            return None
        start, end = int(self.phrase_offsets[found]), int(self.phrase_offsets[found + 1])
        if end - start != len(word):
            return None
        return tuple(self.syllables[i] for i in self.phrase_readings[start:end].tolist())

    def cut(self, text: str) -> list[str]:
        """`text` cut as pypinyin's strict maximum matching cuts it (`seg.cut` of pypinyin.seg.mmseg).

        From each place: extend while the text so far is a prefix of some phrase, remembering the
        longest phrase met; a dead end gives that phrase, or one character when there was none;
        reaching the end of the text as a prefix without any phrase gives every character left
        on its own (pypinyin's own rule, kept so the cut is the same).
        """
        prefix, phrase = self._matches(text)
        pieces: list[str] = []
        i, n = 0, len(text)
        while i < n:
            last, k = 0, 1
            while i + k <= n and k <= self.longest and prefix[i][k]:
                if phrase[i][k]:
                    last = k
                k += 1
            if last:
                pieces.append(text[i : i + last])
                i += last
            elif i + k <= n:
                pieces.append(text[i])
                i += 1
            else:
                pieces.extend(text[i:])
                break
        return pieces

    def _matches(self, text: str) -> tuple[list[list[bool]], list[list[bool]]]:
        """For each place i and length k: whether text[i:i+k] is a prefix, and a phrase (one
        vector step a length, extending only what is still a prefix)."""
        import numpy as np

        from app.core import ngrams

        n, longest = len(text), self.longest
        prefix = np.zeros((n, longest + 1), dtype=bool)
        phrase = np.zeros((n, longest + 1), dtype=bool)
        codes = ngrams.codes(text)
        hashes = np.zeros(n, dtype=np.uint64)
        active = np.arange(n)
        for k in range(1, longest + 1):
            active = active[active + k <= n]
            if not len(active):
                break
            hashes[active] = ngrams.extend(hashes[active], codes[active + k - 1])
            known = self.prefixes.contains(hashes[active])
            prefix[active, k] = known
            active = active[known]
            phrase[active, k] = self.phrase_keys.contains(hashes[active])
        return prefix.tolist(), phrase.tolist()


def from_pypinyin() -> ReadingTables:
    """The tables made from the installed pypinyin (imports it: app.io does this once, in the cache)."""
    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    def numbered(marked: str) -> str:
        return str(to_tone3(marked, neutral_tone_with_five=True))

    return build(pinyin_dict, phrases_dict, numbered)


def build(
    single: Mapping[int, str],
    phrases: Mapping[str, Sequence[Sequence[str]]],
    numbered: Callable[[str], str],
) -> ReadingTables:
    """The tables of a character table (code point -> "reading,reading" in marks) and a phrase
    table (word -> each character's readings in marks), readings turned into tone numbers."""
    import numpy as np

    from app.core import ngrams

    syllables: dict[str, int] = {}
    converted: dict[str, int] = {}

    def index(marked: str) -> int:
        found = converted.get(marked)
        if found is None:
            found = converted[marked] = syllables.setdefault(numbered(marked), len(syllables))
        return found

    codes = sorted(single)
    char_lists = [[index(s) for s in single[code].split(",")] if single[code] else [] for code in codes]
    words = list(phrases)
    # An entry readings would not use (a length other than the word's, a character without a
    # reading) keeps no readings, so that it still counts as a phrase for the cut.
    phrase_lists = [
        [index(item[0]) for item in entry] if len(entry) == len(word) and all(entry) else []
        for word, entry in ((w, phrases[w]) for w in words)
    ]
    if len(syllables) > 65535:
        raise ValueError("more syllables than uint16 indexes hold")
    keys = ngrams.of_many(words)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    if len(np.unique(sorted_keys)) != len(sorted_keys):
        raise ValueError("two phrases of the table share a hash")
    char_offsets, char_readings = _flat(char_lists)
    phrase_offsets, phrase_readings = _flat([phrase_lists[i] for i in order.tolist()])
    return ReadingTables(
        syllables=tuple(syllables),
        char_codes=np.asarray(codes, dtype=np.uint32),
        char_offsets=char_offsets,
        char_readings=char_readings,
        phrase_keys=ngrams.SortedKeys(sorted_keys),
        phrase_offsets=phrase_offsets,
        phrase_readings=phrase_readings,
        prefixes=ngrams.SortedKeys.build(ngrams.of_many(sorted({w[:k] for w in words for k in range(1, len(w) + 1)}))),
        longest=max((len(w) for w in words), default=0),
    )


def _flat(lists: Iterable[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (uint32, one more than lists) and the items of all lists one after the other (uint16)."""
    import numpy as np

    items: list[int] = []
    offsets = [0]
    for one in lists:
        items.extend(one)
        offsets.append(len(items))
    return np.asarray(offsets, dtype=np.uint32), np.asarray(items, dtype=np.uint16)


_tables: Provided[ReadingTables] = Provided(from_pypinyin)


def use_tables(load: Callable[[], ReadingTables]) -> None:
    """Where the tables come from, called on first use; without one they are made from pypinyin."""
    _tables.use(load)


def tables() -> ReadingTables:
    """The process's tables, loaded (or made) on first use."""
    return _tables.get()
