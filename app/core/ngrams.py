"""Stable 64-bit hashes of character n-grams, computed for every position of a text at once.

Dictionaries and model features are kept as sorted arrays of these hashes instead of Python
dicts of strings: a 350,000-word lexicon then takes a few MB instead of tens, loads from the
cache without unpickling, and every n-gram of a paragraph is looked up in one numpy call.
Python's own hash() is salted per process, so it cannot be stored; this one is the same in
every process and on every machine.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# Odd multipliers (a 64-bit polynomial hash wraps modulo 2**64). The +1 on every code keeps
# code 0 from vanishing, so n-grams of different lengths do not collide by construction.
_BASE = np.uint64(0x9E3779B97F4A7C15)
_MIX_A = np.uint64(0xBF58476D1CE4E5B9)
_MIX_B = np.uint64(0x94D049BB133111EB)
_ONE = np.uint64(1)


def codes(text: str) -> np.ndarray:
    """The code points of `text` as uint64 (lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def extend(hashes: np.ndarray, next_codes: np.ndarray) -> np.ndarray:
    """Hashes of n-grams one longer: `hashes[i]` of an n-gram followed by `next_codes[i]`."""
    with np.errstate(over="ignore"):
        return hashes * _BASE + (next_codes + _ONE)


_BASE_INT = int(_BASE)
_MASK = (1 << 64) - 1


def of_text(text: str) -> int:
    """The hash of one short text, in plain Python (the same value `extend` builds up)."""
    h = 0
    for ch in text:
        h = (h * _BASE_INT + ord(ch) + 1) & _MASK
    return h


def _of_rows(table: np.ndarray) -> np.ndarray:
    """The hash of each row of a (rows, length) table of codes."""
    h = np.zeros(len(table), dtype=np.uint64)
    for k in range(table.shape[1]):
        h = extend(h, table[:, k])
    return h


def _grouped(count: int, lengths: list[int], table: Callable[[list[int], int], np.ndarray]) -> np.ndarray:
    """Hashes of `count` items grouped by length, `table(index, length)` giving each group's codes."""
    out = np.zeros(count, dtype=np.uint64)
    by_length: dict[int, list[int]] = {}
    for i, length in enumerate(lengths):
        by_length.setdefault(length, []).append(i)
    for length, index in by_length.items():
        if length:
            out[np.asarray(index)] = _of_rows(table(index, length))
    return out


def of_many(words: list[str]) -> np.ndarray:
    """Hashes of many words at once: grouped by length so each length is one vector step."""
    return _grouped(
        len(words),
        [len(w) for w in words],
        lambda index, length: codes("".join(words[i] for i in index)).reshape(len(index), length),
    )


def of_sequences(sequences: list[list[int]]) -> np.ndarray:
    """Hashes of many code sequences (which may hold codes beyond Unicode, for placeholders)."""
    return _grouped(
        len(sequences),
        [len(s) for s in sequences],
        lambda index, length: np.array([sequences[i] for i in index], dtype=np.uint64).reshape(len(index), length),
    )


def mix(*parts: np.ndarray | int) -> np.ndarray:
    """One key from several hashes or small integers (a feature's slot and its n-grams)."""
    key = np.zeros(1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for part in parts:
            value = np.asarray(part, dtype=np.uint64)
            key = (key ^ value) * _MIX_A
            key = (key ^ (key >> np.uint64(31))) * _MIX_B
    return key


class SortedKeys:
    """A set of hashes (sorted, unique); membership for many at once."""

    __slots__ = ("keys",)

    def __init__(self, keys: np.ndarray) -> None:
        self.keys = keys

    @staticmethod
    def build(keys: np.ndarray) -> SortedKeys:
        """From unsorted keys, duplicates allowed."""
        return SortedKeys(np.unique(np.asarray(keys, dtype=np.uint64)))

    def __len__(self) -> int:
        return len(self.keys)

    def with_keys(self, keys: np.ndarray) -> SortedKeys:
        """A copy with `keys` added: a few into many are inserted where they belong, without
        sorting the many again (adding a glossary's words to a lexicon: 8 ms against 0.2 s)."""
        new, at, _ = self._insertion(keys)
        return SortedKeys(np.insert(self.keys, at, new))

    def _insertion(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Of `keys`: the unique ones not held yet, where each goes, and its index in `keys`."""
        new, first = np.unique(np.asarray(keys, dtype=np.uint64), return_index=True)
        absent = ~self.contains(new)
        new, first = new[absent], first[absent]
        return new, np.searchsorted(self.keys, new), first

    def find(self, queries: np.ndarray) -> np.ndarray:
        """For each query its index into `keys`, or -1 when it is not there."""
        if not len(self.keys) or not len(queries):
            return np.full(len(queries), -1, dtype=np.int64)
        if len(queries) > 512 and len(self.keys) > 65536:
            # Searching in sorted order walks the table from one end to the other instead of
            # jumping about it: 5x faster on a table of a million keys (cache misses). A small
            # table stays in the CPU cache, where the sort would only add its own cost.
            order = np.argsort(queries, kind="stable")
            at = np.empty(len(queries), dtype=np.int64)
            at[order] = np.searchsorted(self.keys, queries[order])
        else:
            at = np.searchsorted(self.keys, queries)
        at[at == len(self.keys)] = 0
        return np.where(self.keys[at] == queries, at, -1)

    def contains(self, queries: np.ndarray) -> np.ndarray:
        return self.find(queries) >= 0


class SortedValues(SortedKeys):
    """Sorted keys with a value for each (`values[i]` belongs to `keys[i]`)."""

    __slots__ = ("values",)

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        super().__init__(keys)
        self.values = values

    def with_items(self, keys: np.ndarray, values: np.ndarray) -> SortedValues:
        """A copy with the keys not held yet added with their values (a key held keeps its value)."""
        new, at, first = self._insertion(keys)
        return SortedValues(np.insert(self.keys, at, new), np.insert(self.values, at, np.asarray(values)[first]))

    @staticmethod
    def build_with(keys: np.ndarray, values: np.ndarray) -> SortedValues:
        """From unsorted keys and their values; on a duplicate key the first value wins."""
        unique, first = np.unique(np.asarray(keys, dtype=np.uint64), return_index=True)
        return SortedValues(unique, np.asarray(values)[first])

    def lookup(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which queries are held, and the values of those that are, in the order asked."""
        at = self.find(queries)
        hit = at >= 0
        return hit, self.values[at[hit]]


class LayeredKeys:
    """A large set of keys with a few more over it, neither copied: a lexicon memory-mapped from
    the cache keeps its pages shared and read only where looked up, where a merged copy of it
    (to add a glossary's words) took its 13 MB again, and read every page of it to make it."""

    __slots__ = ("base", "top")

    def __init__(self, base: SortedKeys, top: SortedKeys) -> None:
        self.base, self.top = base, top

    def contains(self, queries: np.ndarray) -> np.ndarray:
        held: np.ndarray = self.base.contains(queries) | self.top.contains(queries)
        return held


class LayeredValues(LayeredKeys):
    """Keys with values, a few over many: where a key is in both, the top's value is the one."""

    __slots__ = ()

    def __init__(self, base: SortedValues, top: SortedValues) -> None:
        super().__init__(base, top)
        self.base: SortedValues = base
        self.top: SortedValues = top

    def lookup(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """As SortedValues.lookup, over both layers."""
        in_base, in_top = self.base.find(queries), self.top.find(queries)
        values = np.empty(len(queries), dtype=self.base.values.dtype)
        below, above = in_base >= 0, in_top >= 0
        values[below] = self.base.values[in_base[below]]
        values[above] = self.top.values[in_top[above]]
        hit = below | above
        return hit, values[hit]
