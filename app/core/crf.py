"""A linear-chain CRF word segmenter (pkuseg's feature templates), run on numpy arrays.

The model (feature weights, its lexicon) is trained elsewhere; `app.io.segment_models` turns
pkuseg's files into the arrays held here. Each character gets a tag (B, B_single, I, I_end,
I_first); a word starts at every B or B_single. Features are the characters around a position,
character bigrams, lexicon words ending or starting there, and pairs of adjacent lexicon words.
All of them are hashed (`ngrams`) and looked up for a whole text in one vector step per
template; the Viterbi search then runs over many sentences side by side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.core import ngrams
from app.core.ngrams import SortedKeys

# How pkuseg's feature extractor sees characters: these become one placeholder each, so the
# weights learned for "a digit" apply to every digit. (Data of the model format, not a choice.)
AMPERSAND = ord("&")
NUMBER = 0x110000  # beyond Unicode: cannot clash with a real character
LETTER = 0x110001
AS_AMPERSAND = "-._,|/*:"
NUMBERS = "0123456789几二三四五六七八九十千万亿兆零１２３４５６７８９０％"
LETTERS = (
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｇｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ／・－"
)

# Feature slots, numbered as the model's feature index numbers them.
BIAS = 1
CHARS = {2: 0, 3: -1, 4: 1, 5: -2, 6: 2}  # slot: offset of the character
BIGRAMS = {7: -1, 8: 0, 9: -2}  # slot: offset of the bigram's first character
WORD_LENGTHS = (6, 5, 4, 3, 2)
WORD_ENDING = 10  # slots 10-14: a lexicon word of length 6..2 ending here
WORD_STARTING = 15  # slots 15-19: one starting here
PAIR_LEFT = 20  # slots 20-44: a word ending just before here, then one starting here
PAIR_RIGHT = 45  # slots 45-69: a word ending here, then one starting just after

# Cut the Viterbi search after these (their tag is always a single-character word), so a
# chapter without line breaks is searched as many short sentences side by side.
_CUT_RE = re.compile("[。！？；!?;]")
_MAX_PIECE = 200
_BATCH = 2048


def transform(text: str) -> np.ndarray:
    """The codes the model reads for `text` (placeholders for digits, letters, separators)."""
    c = ngrams.codes(text)
    if not len(c):
        return c
    table = _TRANSFORM
    small = c < len(table)
    out = c.copy()
    out[small] = table[c[small].astype(np.int64)]
    return out


def _transform_table() -> np.ndarray:
    table = np.arange(0x10000, dtype=np.uint64)
    for ch in AS_AMPERSAND:
        table[ord(ch)] = AMPERSAND
    for ch in NUMBERS:
        if ch not in AS_AMPERSAND:
            table[ord(ch)] = NUMBER
    for ch in LETTERS:
        if ch not in AS_AMPERSAND and ch not in NUMBERS:
            table[ord(ch)] = LETTER
    return table


_TRANSFORM = _transform_table()


def token_codes(token: str) -> list[int]:
    """The codes of a feature's text as the model's files write it ("**Num", "**Letter" placeholders)."""
    out, i = [], 0
    while i < len(token):
        if token.startswith("**Num", i):
            out.append(NUMBER)
            i += 5
        elif token.startswith("**Letter", i):
            out.append(LETTER)
            i += 8
        else:
            out.append(ord(token[i]))
            i += 1
    return out


def feature_key(slot: np.ndarray | int, first: np.ndarray | int = 0, second: np.ndarray | int = 0) -> np.ndarray:
    """The hash under which a feature is stored: its slot and the hashes of its n-grams."""
    return ngrams.mix(slot, first, second)


@dataclass(frozen=True)
class CrfModel:
    features: SortedKeys  # feature hashes; `weights` rows are in the same order
    weights: np.ndarray  # (features, tags) float32
    transitions: np.ndarray  # (tags, tags): [previous tag, tag]
    words: SortedKeys  # the model's lexicon (hashes of its words)
    begins: tuple[int, ...]  # the tags that start a word
    single: int  # the tag of a one-character word

    def boundaries(self, text: str, chunks: Sequence[tuple[int, int]], out: set[int]) -> None:
        """Add to `out` every word start inside each (start, end) chunk (a run without white space)."""
        chunks = [(a, b) for a, b in chunks if b > a]
        if not chunks:
            return
        tags = self.tag(text, chunks)
        begins = np.isin(tags, self.begins)
        for a, b in chunks:
            out.add(a)
            out.add(b)
            out.update((a + np.flatnonzero(begins[a:b])).tolist())

    def tag(self, text: str, chunks: Sequence[tuple[int, int]]) -> np.ndarray:
        """The best tag of every character (positions outside the chunks are left at 0)."""
        scores = self.scores(text, chunks)
        tags = np.zeros(len(text), dtype=np.int64)
        pieces = []
        for a, b in chunks:
            start = a
            for m in _CUT_RE.finditer(text, a, b):
                cut = m.end()
                while cut - start > _MAX_PIECE:
                    pieces.append((start, start + _MAX_PIECE, start != a))
                    start += _MAX_PIECE
                if cut - start >= 2 and cut < b:
                    pieces.append((start, cut, start != a))
                    start = cut
            while b - start > _MAX_PIECE:
                pieces.append((start, start + _MAX_PIECE, start != a))
                start += _MAX_PIECE
            pieces.append((start, b, start != a))
        self._viterbi(scores, pieces, tags)
        return tags

    def scores(self, text: str, chunks: Sequence[tuple[int, int]]) -> np.ndarray:
        """The node score of every tag at every position: the sum of its features' weights."""
        n = len(text)
        t = transform(text)
        lo = np.zeros(n, dtype=np.int64)
        hi = np.zeros(n, dtype=np.int64)
        for a, b in chunks:
            lo[a:b] = a
            hi[a:b] = b
        pos = np.flatnonzero(hi > 0)
        # grams[L][i]: hash of the L tokens starting at i (valid while i + L <= hi[i])
        grams = [np.zeros(n, dtype=np.uint64)]
        for length in range(1, max(WORD_LENGTHS) + 1):
            prev = grams[-1]
            nxt = np.zeros(n, dtype=np.uint64)
            if n - length + 1 > 0:
                nxt[: n - length + 1] = ngrams.extend(prev[: n - length + 1], t[length - 1 :])
            grams.append(nxt)
        score = np.zeros((n, self.weights.shape[1]), dtype=np.float64)

        def add(slot: int, where: np.ndarray, first: np.ndarray, second: np.ndarray | int = 0) -> None:
            if not len(where):
                return
            at = self.features.find(feature_key(slot, first, second))
            hit = at >= 0
            score[where[hit]] += self.weights[at[hit]]

        add(BIAS, pos, np.zeros(len(pos), dtype=np.uint64))
        # A window holds a few thousand distinct characters and bigrams among its 20,000
        # positions: each is looked up once per slot, and the answer shared by its positions.
        for size, slots in ((1, CHARS), (2, BIGRAMS)):
            distinct, inverse = np.unique(grams[size], return_inverse=True)
            for slot, offset in slots.items():
                rows = self.features.find(feature_key(slot, distinct))
                where = pos[(pos + offset >= lo[pos]) & (pos + offset + size <= hi[pos])]
                found = rows[inverse[where + offset]]
                hit = found >= 0
                score[where[hit]] += self.weights[found[hit]]
        # lexicon words ending at (inclusive) / starting at each position, by length
        ending, starting = {}, {}
        for length in WORD_LENGTHS:
            ok = pos[pos + length <= hi[pos]]
            starting[length] = ok[self.words.contains(grams[length][ok])]
            ending[length] = starting[length] + length - 1
        for k, length in enumerate(WORD_LENGTHS):
            where = ending[length]
            add(WORD_ENDING + k, where, grams[length][where - length + 1])
            where = starting[length]
            add(WORD_STARTING + k, where, grams[length][where])
        ends_before = {length: where + 1 for length, where in ending.items()}  # word ends at p-1
        starts_after = {length: where - 1 for length, where in starting.items()}  # word starts at p+1
        for a, left in enumerate(WORD_LENGTHS):
            for b, right in enumerate(WORD_LENGTHS):
                where = np.intersect1d(ends_before[left], starting[right], assume_unique=True)
                where = where[where - left >= lo[where]]
                add(PAIR_LEFT + a * 5 + b, where, grams[left][where - left], grams[right][where])
                where = np.intersect1d(ending[left], starts_after[right], assume_unique=True)
                where = where[where + 1 + right <= hi[where]]
                add(PAIR_RIGHT + a * 5 + b, where, grams[left][where - left + 1], grams[right][where + 1])
        return score

    def _viterbi(self, scores: np.ndarray, pieces: list[tuple[int, int, bool]], tags: np.ndarray) -> None:
        trans = self.transitions
        n_tags = trans.shape[0]
        single = self.single
        pieces.sort(key=lambda p: p[1] - p[0])
        for first in range(0, len(pieces), _BATCH):
            batch = pieces[first : first + _BATCH]
            lengths = np.array([b - a for a, b, _ in batch])
            steps = int(lengths.max())
            rows = len(batch)
            node = np.zeros((steps, rows, n_tags))
            for r, (a, b, after_cut) in enumerate(batch):
                node[: b - a, r] = scores[a:b]
                if after_cut:  # the piece before ended on a single-character word
                    node[0, r] += trans[single]
            delta = node[0].copy()
            back = np.zeros((steps, rows, n_tags), dtype=np.int8)
            ident = np.broadcast_to(np.arange(n_tags, dtype=np.int8), (rows, n_tags))
            for s in range(1, steps):
                cand = delta[:, :, None] + trans[None, :, :]
                best = cand.argmax(axis=1)
                live = (lengths > s)[:, None]
                delta = np.where(live, np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + node[s], delta)
                back[s] = np.where(live, best, ident)
            state = delta.argmax(axis=1)
            path = np.empty((steps, rows), dtype=np.int64)
            for s in range(steps - 1, -1, -1):
                path[s] = state
                state = back[s, np.arange(rows), state]
            for r, (a, b, _) in enumerate(batch):
                tags[a:b] = path[: b - a, r]
