"""A student's vocabulary: word statuses, per-article figures, and the sentence a word was met in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from app.core.annotated import AnnotatedParagraph
from app.core.text import HAN, WORD, Token

STATUSES = ("new", "learning", "known")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
# Where a long sentence may be cut: after a clause (commas, enumeration commas, colons).
_CLAUSE_END = re.compile(r"[，、：,:]")


@dataclass(frozen=True)
class VocabularyStats:
    words: int  # running Chinese words, glossary names left out
    distinct: int
    known: int  # distinct words marked known
    learning: int
    names: int  # distinct glossary terms, not counted as unknown

    @property
    def share_known(self) -> float:
        return self.known / self.distinct if self.distinct else 0.0


def countable(token_text: str) -> bool:
    return bool(HAN.search(token_text))


def running_words(paragraphs: Iterable[AnnotatedParagraph]) -> Iterator[tuple[str, bool]]:
    """Each running Chinese word of the paragraphs, and whether it is inside a glossary term."""
    return ((token.text, is_name) for token, is_name in running_tokens(paragraphs))


def running_tokens(paragraphs: Iterable[AnnotatedParagraph]) -> Iterator[tuple[Token, bool]]:
    """`running_words`, as the tokens (with their places in the article)."""
    for paragraph in paragraphs:
        # Tokens and terms both run left to right without overlapping, so one pointer walks the
        # terms: a paragraph of a million characters holds tens of thousands of each.
        terms = paragraph.terms
        at = 0
        for token in paragraph.tokens:
            if token.kind != WORD or not countable(token.text):
                continue
            while at < len(terms) and terms[at].end <= token.start:
                at += 1
            yield token, at < len(terms) and terms[at].start < token.end


def stats(paragraphs: Iterable[AnnotatedParagraph], statuses: Mapping[str, str]) -> VocabularyStats:
    """Figures for an article; tokens inside glossary terms (names, places...) are not vocabulary."""
    running = 0
    distinct: set[str] = set()
    names: set[str] = set()
    for word, is_name in running_words(paragraphs):
        if is_name:
            names.add(word)
            continue
        running += 1
        distinct.add(word)
    known = sum(1 for w in distinct if statuses.get(w) == "known")
    learning = sum(1 for w in distinct if statuses.get(w) == "learning")
    return VocabularyStats(running, len(distinct), known, learning, len(names))


def sentence_around(text: str, start: int, end: int, limit: int = 120) -> str:
    """The sentence of `text` holding [start, end): from the previous sentence end to the next.

    A sentence longer than `limit` is cut at clause boundaries (，、：, ...) around the word,
    whole clauses only, and each cut is marked with an ellipsis; a single clause longer than
    the limit is cut around the word itself.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = [m.end() for m in _SENTENCE_END.finditer(text, line_start, start)]
    first = before[-1] if before else line_start
    after = _SENTENCE_END.search(text, end, line_end)
    last = after.end() if after else line_end
    while first < start and text[first].isspace():
        first += 1
    while last > end and text[last - 1].isspace():
        last -= 1
    if last - first <= limit:
        return text[first:last]
    # Clause ends inside the sentence; the word's own clause, then its neighbours while they fit.
    cuts = [first] + [m.end() for m in _CLAUSE_END.finditer(text, first, last)] + [last]
    cuts = sorted(set(cuts))
    low = max(i for i, c in enumerate(cuts) if c <= start)
    high = min(i for i, c in enumerate(cuts) if c >= end)
    if cuts[high] - cuts[low] > limit:
        half = max(0, (limit - (end - start)) // 2)
        a = max(first, start - half)
        b = min(last, a + limit)
        return ("…" if a > first else "") + text[a:b] + ("…" if b < last else "")
    while True:
        grown = False
        if low > 0 and cuts[high] - cuts[low - 1] <= limit:
            low -= 1
            grown = True
        if high < len(cuts) - 1 and cuts[high + 1] - cuts[low] <= limit:
            high += 1
            grown = True
        if not grown:
            break
    a, b = cuts[low], cuts[high]
    kept = text[a:b].strip()
    if b < last:
        kept = kept.rstrip("，、：,: ")  # the ellipsis stands for the rest of the clause list
    return ("…" if a > first else "") + kept + ("…" if b < last else "")
