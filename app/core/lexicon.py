"""A word-frequency lexicon and jieba's segmentation algorithm over it (best path, HMM for the rest).

The algorithm is jieba's: at each position the words of the lexicon that start there form a
graph, the path with the highest product of word probabilities wins, and runs of single
characters that are not words themselves go to a four-state (B/M/E/S) HMM. The lexicon is held
as sorted 64-bit hashes (see `ngrams`), so every word of a whole paragraph is found in a few
vector steps, and the lexicon costs a few MB instead of a dict of a million strings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from app.core import ngrams
from app.core.ngrams import LayeredKeys, LayeredValues, SortedKeys, SortedValues

_MIN_LOGP = -3.14e100

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HMM_HAN_RE = re.compile(rf"([{_HAN}]+)")
_HMM_SKIP_RE = re.compile(r"([a-zA-Z\uff21-\uff3a\uff41-\uff5a]+)")


_STATES = "BMES"
# For each state, the two states that may come before it, the one jieba prefers on a tie first
# (jieba takes the max of (score, state) pairs, so the later letter wins a tie).
_PREVIOUS = ((3, 2), (1, 0), (1, 0), (3, 2))  # B <- S|E, M <- M|B, E <- M|B, S <- S|E


class _HmmArrays(NamedTuple):
    rows: dict[str, int]  # character -> its row of `emit`
    emit: np.ndarray  # (characters + 1, 4): the last row for a character never seen
    trans: np.ndarray  # (4, 4)
    start: np.ndarray  # (4,)


class Hmm:
    """A B/M/E/S character model: log probabilities of the first state, transitions, emissions.

    Kept as arrays only: the dicts it is given (jieba's pickles, the cache's marshal) are 7 MB
    as Python objects for both lexicons, and nothing reads them once the arrays are made."""

    __slots__ = ("_arrays",)

    def __init__(
        self,
        start: Mapping[str, float],
        trans: Mapping[str, Mapping[str, float]],
        emit: Mapping[str, Mapping[str, float]],
    ) -> None:
        chars = sorted({ch for y in _STATES for ch in emit[y]})
        index = {ch: i for i, ch in enumerate(chars)}
        emissions = np.full((len(chars) + 1, 4), _MIN_LOGP)
        for k, y in enumerate(_STATES):
            for ch, lp in emit[y].items():
                emissions[index[ch], k] = lp
        transitions = np.array([[trans[a].get(b, _MIN_LOGP) for b in _STATES] for a in _STATES])
        first = np.array([start[y] for y in _STATES])
        self._arrays = _HmmArrays(index, emissions, transitions, first)

    def states_many(self, texts: Sequence[str]) -> list[str]:
        """The most likely state of each character of each text (Viterbi), the texts side by
        side in one pass per batch of similar lengths."""
        index, emit, trans, start = self._arrays
        unseen = len(emit) - 1
        out: list[str] = [""] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for first in range(0, len(order), 4096):
            rows = order[first : first + 4096]
            steps = max(len(texts[i]) for i in rows)
            if steps == 0:
                continue
            lengths = np.array([len(texts[i]) for i in rows])
            ids = np.full((len(rows), steps), unseen, dtype=np.int64)
            for r, i in enumerate(rows):
                ids[r, : len(texts[i])] = [index.get(ch, unseen) for ch in texts[i]]
            e = emit[ids]  # (rows, steps, 4)
            delta = start[None, :] + e[:, 0]
            back = np.zeros((steps, len(rows), 4), dtype=np.int8)
            for t in range(1, steps):
                new = np.empty_like(delta)
                for y, (p1, p2) in enumerate(_PREVIOUS):
                    # The emission is added before comparing, as jieba does: an unseen
                    # character's -3.14e100 swallows the rest, and the tie rule then decides.
                    a = delta[:, p1] + trans[p1, y] + e[:, t, y]
                    b = delta[:, p2] + trans[p2, y] + e[:, t, y]
                    take_first = a >= b
                    new[:, y] = np.where(take_first, a, b)
                    back[t, :, y] = np.where(take_first, p1, p2)
                live = lengths > t
                delta = np.where(live[:, None], new, delta)
            state = np.where(delta[:, 3] >= delta[:, 2], 3, 2)  # ends in S, or E (S on a tie)
            path = np.empty((steps, len(rows)), dtype=np.int64)
            for t in range(steps - 1, -1, -1):
                path[t] = state
                prev = back[t, np.arange(len(rows)), state]
                state = np.where(lengths > t, prev, state)
            for r, i in enumerate(rows):
                out[i] = "".join(_STATES[k] for k in path[: len(texts[i]), r])
        return out


class Lexicon:
    """Words with log probabilities, every proper prefix of them, and the HMM for unknown runs."""

    __slots__ = ("words", "prefixes", "unknown", "max_length", "hmm", "total")

    def __init__(
        self,
        words: SortedValues | LayeredValues,
        prefixes: SortedKeys | LayeredKeys,
        unknown: float,
        max_length: int,
        hmm: Hmm,
        total: float,
    ) -> None:
        self.words = words  # values: log probability of each word
        self.prefixes = prefixes  # everything a longer word continues
        self.unknown = unknown  # a character that is not a word scores as if seen once
        self.max_length = max_length
        self.hmm = hmm
        self.total = total  # the sum of all counts, for words added later

    @classmethod
    def from_counts(cls, counts: Mapping[str, int], hmm: Hmm) -> Lexicon:
        """From word -> count, as in jieba's dict.txt (entries with count 0 only extend prefixes)."""
        total = float(sum(counts.values()))
        log_total = math.log(total)
        entries = [w for w in counts if w]
        words = [w for w in entries if counts[w] > 0]
        logp = np.array([math.log(counts[w]) - log_total for w in words], dtype=np.float64)
        prefixes = {w[:i] for w in entries for i in range(1, len(w))}
        return cls(
            SortedValues.build_with(ngrams.of_many(words), logp),
            SortedKeys.build(ngrams.of_many(sorted(prefixes))),
            -log_total,
            max((len(w) for w in entries), default=1),
            hmm,
            total,
        )

    def with_words(self, words: Iterable[str], count: float) -> Lexicon:
        """This lexicon with each of `words` scoring at least as a word seen `count` times: the
        words (and their prefixes) in small tables over this one's, which is shared, not copied."""
        if not isinstance(self.words, SortedValues) or not isinstance(self.prefixes, SortedKeys):
            raise TypeError("words go over a lexicon as loaded, not over one that has some already")
        extra = sorted({w for w in words if len(w) > 1})
        if not extra:
            return self
        logp = math.log(count) - math.log(self.total)
        keys = ngrams.of_many(extra)
        known, held = self.words.lookup(keys)
        values = np.full(len(keys), logp)
        values[known] = np.maximum(held, logp)
        prefixes = {w[:i] for w in extra for i in range(1, len(w))}
        return Lexicon(
            LayeredValues(self.words, SortedValues.build_with(keys, values)),
            LayeredKeys(self.prefixes, SortedKeys.build(ngrams.of_many(sorted(prefixes)))),
            self.unknown,
            max(self.max_length, max(map(len, extra))),
            self.hmm,
            self.total,
        )

    # -- segmentation ------------------------------------------------------------------------

    def _candidates(
        self, text: str, blocks: Sequence[tuple[int, int]]
    ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
        """Single-character scores and the multi-character words starting at each position."""
        n = len(text)
        c = ngrams.codes(text)
        inside = np.zeros(n, dtype=bool)
        limit = np.zeros(n, dtype=np.int64)
        for start, end in blocks:
            inside[start:end] = True
            limit[start:end] = end
        pos = np.flatnonzero(inside)
        h = ngrams.extend(np.zeros(len(pos), dtype=np.uint64), c[pos])
        hit, values = self.words.lookup(h)
        single = np.full(n, np.nan)
        single[pos[hit]] = values
        starts, ends, scores = [], [], []
        length = 1
        while len(pos) and length < self.max_length:
            keep = self.prefixes.contains(h) & (pos + length < limit[pos])
            pos, h = pos[keep], h[keep]
            length += 1
            h = ngrams.extend(h, c[pos + length - 1])
            hit, values = self.words.lookup(h)
            starts.append(pos[hit])
            ends.append(pos[hit] + length)
            scores.append(values)
        return single, starts, ends, scores

    def cut(self, text: str, blocks: Sequence[tuple[int, int]], out: set[int]) -> None:
        """Add to `out` the word boundaries inside each (start, end) block of `text`."""
        if not blocks:
            return
        single, starts, ends, scores = self._candidates(text, blocks)
        n = len(text)
        # following[i]: (end, log probability) of each longer word starting at i, shortest first
        following: list[tuple[tuple[int, float], ...]] = [()] * n
        if starts:
            s = np.concatenate(starts)
            e = np.concatenate(ends)
            order = np.lexsort((e, s))
            s, e, lp_all = s[order], e[order].tolist(), np.concatenate(scores)[order].tolist()
            firsts, at = np.unique(s, return_index=True)
            bounds = [*at.tolist(), len(e)]
            for k, i in enumerate(firsts.tolist()):
                following[i] = tuple(zip(e[bounds[k] : bounds[k + 1]], lp_all[bounds[k] : bounds[k + 1]]))
        is_word = ~np.isnan(single)
        base = np.where(is_word, single, self.unknown).tolist()
        word = is_word.tolist()
        best = [0.0] * (n + 1)
        nxt = [0] * (n + 1)
        runs: list[tuple[int, int]] = []  # runs of single characters, for the HMM
        for start, end in blocks:
            best[end] = 0.0
            for i in range(end - 1, start - 1, -1):
                score = base[i] + best[i + 1]
                to = i + 1
                candidates = following[i]
                if candidates:
                    single_ok = word[i]
                    for j, wlp in candidates:
                        v = wlp + best[j]
                        # jieba's graph: a character that is not a word is a candidate only
                        # when no longer word starts at it.
                        if not single_ok and to == i + 1:
                            score, to, single_ok = v, j, True
                        elif v >= score:
                            score, to = v, j
                best[i] = score
                nxt[i] = to
            out.add(start)
            out.add(end)
            i = start
            run = -1
            while i < end:
                j = nxt[i]
                if j - i == 1:
                    if run < 0:
                        run = i
                else:
                    if run >= 0:
                        runs.append((run, i))
                        run = -1
                    out.add(i)
                    out.add(j)
                i = j
            if run >= 0:
                runs.append((run, end))
        self._cut_runs(text, runs, out)

    def _cut_runs(self, text: str, runs: list[tuple[int, int]], out: set[int]) -> None:
        """jieba's rule for runs of single characters: a run that is a word itself stays single
        characters; any other run of two or more goes to the HMM (Han) or stays whole (Latin)."""
        for a, b in runs:
            out.add(a)
            out.add(b)
        longer = [(a, b) for a, b in runs if b - a > 1]
        if not longer:
            return
        hashes = np.fromiter((ngrams.of_text(text[a:b]) for a, b in longer), dtype=np.uint64, count=len(longer))
        is_word = self.words.contains(hashes)
        han_runs: list[tuple[int, str]] = []
        for (a, b), word in zip(longer, is_word.tolist()):
            if word:
                out.update(range(a, b))
                continue
            pos = a
            for blk in _HMM_HAN_RE.split(text[a:b]):
                if not blk:
                    continue
                if _HMM_HAN_RE.fullmatch(blk):
                    han_runs.append((pos, blk))
                else:
                    for x in _HMM_SKIP_RE.split(blk):
                        if x:
                            out.add(pos)
                            pos += len(x)
                            out.add(pos)
                    continue
                pos += len(blk)
        if not han_runs:
            return
        for (pos, blk), states in zip(han_runs, self.hmm.states_many([blk for _, blk in han_runs])):
            out.add(pos)
            out.add(pos + len(blk))
            for k, state in enumerate(states):
                if state in "ES":
                    out.add(pos + k + 1)
