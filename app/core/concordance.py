"""Concordance: every place a word occurs across the library, variants folded, each in its sentence."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.find import find_all
from app.core.glossary import Glossary
from app.core.scripts import simplified_shadow
from app.core.text import paragraph_spans

# What ends a sentence; line ends too, since a paragraph is one line.
SENTENCE_ENDS = "。！？!?；;\n\r"
# Closing quotes and brackets after a full stop still belong to the sentence it ends.
_CLOSERS = "」』”’）)》〉】"
# A sentence longer than this (a novel's run-on dialogue) is cut to this much around the hit.
MAX_SENTENCE = 200
CONTEXT = 20
TRIMMED = "…"


@dataclass(frozen=True)
class Source:
    """One text to search; `shadow` and `paragraph_starts` are made once by whoever holds the text."""

    id: str
    title: str
    text: str = field(repr=False, compare=False)
    shadow: str = field(repr=False, compare=False)
    # Offsets where paragraphs start; worked out on each search when left empty (8 ms for a novel).
    paragraph_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def of(cls, id: str, title: str, text: str) -> Source:
        """A source with its shadow and paragraph starts made now (0.1 s for a 2 MB novel): keep it."""
        return cls(id, title, text, simplified_shadow(text), paragraph_starts(text))


@dataclass(frozen=True)
class Hit:
    article: str
    title: str
    form: str  # the text as found: 普丁 when the query was 普京
    concept: str | None  # the glossary concept when the query is one of its terms
    paragraph: int  # its number as people count, from 1
    start: int  # offsets into the article's text
    end: int
    sentence: str  # with … where a long sentence was cut
    left: str  # at most CONTEXT characters of the sentence before the hit
    right: str  # and after it


def paragraph_starts(text: str) -> tuple[int, ...]:
    return tuple(start for start, _ in paragraph_spans(text))


def concordance(sources: Iterable[Source], query: str, glossary: Glossary | None) -> list[Hit]:
    """Every occurrence of `query` (any word; a glossary term brings all its regional forms) in
    `sources`, in source order then text order, each with its paragraph and sentence."""
    query = query.strip()
    if not query:
        return []
    term = glossary.find_term(query) if glossary is not None else None
    concept = term[0].id if term else None
    hits: list[Hit] = []
    for source in sources:
        spans = find_all(source.text, query, glossary, shadow=source.shadow)
        if not spans:
            continue
        starts = source.paragraph_starts or paragraph_starts(source.text)
        for start, end in spans:
            hits.append(_hit(source, concept, starts, start, end))
    return hits


def _hit(source: Source, concept: str | None, starts: tuple[int, ...], start: int, end: int) -> Hit:
    text = source.text
    first, last, cut_before, cut_after = sentence_bounds(text, start, end)
    sentence = (TRIMMED if cut_before else "") + text[first:last] + (TRIMMED if cut_after else "")
    paragraph = max(bisect_right(starts, start) - 1, 0) + 1
    return Hit(
        article=source.id,
        title=source.title,
        form=text[start:end],
        concept=concept,
        paragraph=paragraph,
        start=start,
        end=end,
        sentence=sentence,
        left=text[max(first, start - CONTEXT) : start],
        right=text[end : min(last, end + CONTEXT)],
    )


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int, bool, bool]:
    """(first, last, cut before, cut after): the sentence around text[start:end], at most about
    MAX_SENTENCE characters; the flags say where a longer sentence was cut."""
    half = MAX_SENTENCE // 2
    low, high = max(0, start - half), min(len(text), end + half)
    # One rfind/find per terminator runs in C; a per-character loop would cost ~20 µs a hit.
    before = max(text.rfind(ch, low, start) for ch in SENTENCE_ENDS)
    first = before + 1 if before >= 0 else low
    cut_before = before < 0 and low > 0
    while first < start and (text[first] in _CLOSERS or text[first].isspace()):
        first += 1
    afters = [i for i in (text.find(ch, end, high) for ch in SENTENCE_ENDS) if i >= 0]
    if afters:
        last = min(afters)
        cut_after = False
        if text[last] not in "\r\n":
            last += 1
            while last < len(text) and last < high + 4 and text[last] in _CLOSERS:
                last += 1
    else:
        last, cut_after = high, high < len(text)
    while last > end and text[last - 1].isspace():
        last -= 1
    return first, last, cut_before, cut_after
