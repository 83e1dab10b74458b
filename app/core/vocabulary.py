"""A student's vocabulary: word statuses, per-article figures, and the sentence a word was met in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.core.annotated import AnnotatedParagraph
from app.core.text import HAN, WORD

STATUSES = ("new", "learning", "known")
_SENTENCE_END = re.compile(r"[。！？!?；;]")


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


def stats(paragraphs: Iterable[AnnotatedParagraph], statuses: Mapping[str, str]) -> VocabularyStats:
    """Figures for an article; tokens inside glossary terms (names, places...) are not vocabulary."""
    running = 0
    distinct: set[str] = set()
    names: set[str] = set()
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
            if at < len(terms) and terms[at].start < token.end:
                names.add(token.text)
                continue
            running += 1
            distinct.add(token.text)
    known = sum(1 for w in distinct if statuses.get(w) == "known")
    learning = sum(1 for w in distinct if statuses.get(w) == "learning")
    return VocabularyStats(running, len(distinct), known, learning, len(names))


def sentence_around(text: str, start: int, end: int, limit: int = 120) -> str:
    """The sentence of `text` holding [start, end): from the previous sentence end to the next."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = [m.end() for m in _SENTENCE_END.finditer(text, line_start, start)]
    first = before[-1] if before else line_start
    after = _SENTENCE_END.search(text, end, line_end)
    last = after.end() if after else line_end
    sentence = text[first:last].strip()
    if len(sentence) > limit:
        middle = start - first
        sentence = sentence[max(0, middle - limit // 2) : max(0, middle - limit // 2) + limit]
    return sentence
