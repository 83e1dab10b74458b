"""A student's vocabulary: word statuses, per-article figures, and the sentence a word was met in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.core.text import HAN, WORD, Paragraph

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


def stats(
    paragraphs: Iterable[Paragraph], statuses: Mapping[str, str], glossary_spans: Mapping[int, list[tuple[int, int]]]
) -> VocabularyStats:
    """Figures for an article; tokens inside glossary terms (names, places...) are not vocabulary."""
    running = 0
    distinct: set[str] = set()
    names: set[str] = set()
    for paragraph in paragraphs:
        # Tokens and spans both run left to right, so one pointer walks the spans: a paragraph
        # of a million characters holds tens of thousands of each.
        spans = _merged(glossary_spans.get(paragraph.index, []))
        at = 0
        for token in paragraph.tokens:
            if token.kind != WORD or not countable(token.text):
                continue
            while at < len(spans) and spans[at][1] <= token.start:
                at += 1
            if at < len(spans) and spans[at][0] < token.end:
                names.add(token.text)
                continue
            running += 1
            distinct.add(token.text)
    known = sum(1 for w in distinct if statuses.get(w) == "known")
    learning = sum(1 for w in distinct if statuses.get(w) == "learning")
    return VocabularyStats(running, len(distinct), known, learning, len(names))


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and joined where they overlap: disjoint, so their ends rise too."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


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
