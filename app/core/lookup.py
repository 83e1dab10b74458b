"""Looking up a word at a position: the glossary concept first, then dictionary entries, then characters."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from app.core.glossary import ChineseTerm, Concept, Glossary, Match

# A dictionary's entries are passed through as they come (app.io.cedict's Entry for CC-CEDICT).
Entry = TypeVar("Entry")
_EntryOut = TypeVar("_EntryOut", covariant=True)


class Dictionary(Protocol[_EntryOut]):
    """What look-up needs of a dictionary (CC-CEDICT behind app.io.cedict.dictionary)."""

    def longest_at(self, text: str, position: int, max_len: int = 12) -> Sequence[_EntryOut]: ...

    def lookup(self, word: str) -> Sequence[_EntryOut]: ...


@dataclass(frozen=True)
class ConceptHit:
    """A glossary concept found at the position, the form the text uses, and its other forms."""

    concept: Concept
    found: ChineseTerm
    start: int
    end: int
    others: tuple[ChineseTerm, ...]

    def variant_label(self) -> str:
        """E.g. "TW form; CN/HK form 普京" — which variant this is and the other regions' forms."""
        label = f"{self.found.region_label} form"
        others = "; ".join(f"{t.region_label} form {t.text}" for t in self.others)
        return f"{label}; {others}" if others else label


@dataclass(frozen=True)
class LookupResult(Generic[Entry]):
    position: int
    concepts: tuple[ConceptHit, ...]  # longest first
    entries: tuple[Entry, ...]  # dictionary entries starting at the position, longest first
    characters: tuple[tuple[str, tuple[Entry, ...]], ...]  # the character at the position and its own entries


def concept_at(
    glossary: Glossary, text: str, position: int, matches: Sequence[Match] | None = None
) -> list[ConceptHit]:
    """Glossary terms of `text` that cover `position` (the same matches the reader marks)."""
    found = matches if matches is not None else glossary.matches(text)
    hits = [
        ConceptHit(m.concept, m.term, m.start, m.end, tuple(m.concept.other_forms(m.term)))
        for m in found
        if m.start <= position < m.end
    ]
    return sorted(hits, key=lambda h: h.start - h.end)


def look_up(
    text: str,
    position: int,
    glossary: Glossary,
    dictionary: Dictionary[Entry] | None,
    matches: Sequence[Match] | None = None,
    word_start: int | None = None,
) -> LookupResult[Entry]:
    """Everything known about the word at `position` of `text`, in the order a popup shows it.

    Dictionary entries are looked up from the start of the word: `word_start` when the caller
    knows the token, else the start of the glossary term covering the position, else the
    position itself. The character list is for the character at the position.
    """
    if not 0 <= position < len(text):
        return LookupResult(position, (), (), ())
    concepts = tuple(concept_at(glossary, text, position, matches))
    entries: tuple[Entry, ...] = ()
    characters: tuple[tuple[str, tuple[Entry, ...]], ...] = ()
    if dictionary is not None:
        start = word_start if word_start is not None else (concepts[0].start if concepts else position)
        entries = tuple(dictionary.longest_at(text, start))
        char = text[position]
        characters = ((char, tuple(dictionary.lookup(char))),)
    return LookupResult(position, concepts, entries, characters)


def english_rank(senses: Sequence[str], query: str) -> int | None:
    """How well a dictionary entry's English senses answer an English query (Pleco's search by
    meaning): 0 a sense is the query ("bank"; "to " and brackets aside), 1 a sense starts with it
    ("bank account"), 2 a sense has it as a whole word ("river bank"), None: no sense has it
    ("bankrupt" does not answer "bank")."""
    wanted = " ".join(query.lower().split()).removeprefix("to ")
    if not wanted:
        return None
    whole_word = re.compile(rf"(?<![\w-]){re.escape(wanted)}(?![\w-])")
    best: int | None = None
    for sense in senses:
        text = sense.lower()
        # A sense may list several meanings ("bank; shore; beach"): each is weighed on its own.
        cores = [" ".join(_BRACKETS.sub(" ", part).split()).removeprefix("to ") for part in text.split(";")]
        if wanted in cores:
            return 0
        if any(core.startswith(wanted) and whole_word.match(core) for core in cores):
            rank = 1
        elif whole_word.search(text):
            rank = 2
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
