"""A word typed by the user looked up: the glossary's concepts first, then CC-CEDICT by characters or by pinyin."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.glossary import ChineseTerm, Concept, Glossary
from app.core.lookup import english_rank

if TYPE_CHECKING:
    from app.io.cedict.dictionary import Cedict
    from app.io.cedict.parse import Entry

# Enough CC-CEDICT entries for a toneless syllable ("shi" reads as some 150 characters);
# the rest are there with tones ("shi4").
PINYIN_LIMIT = 50


@dataclass(frozen=True)
class WordSearch:
    query: str
    concepts: tuple[Concept, ...]
    found: tuple[Concept, ChineseTerm] | None  # the concept and term the query is exactly, if any
    entries: tuple[Entry, ...]
    by_pinyin: bool  # the entries were found by reading, not by characters

    @property
    def empty(self) -> bool:
        return not self.concepts and not self.entries


def has_han(text: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("CJK") for ch in text)


def search_word(
    glossary: Glossary, dictionary: Cedict | None, query: str, frequency: Callable[[str], float] | None = None
) -> WordSearch:
    """Everything known about `query` (Chinese in either script, English, or pinyin with or
    without tones). `dictionary` None (the window's, while it is being indexed) skips CC-CEDICT.
    Latin letters are read both ways: entries whose sense is the query itself first ("hang": 掛),
    then those read so, then those with the query as a word of a sense, the more frequent first
    (`frequency`: word -> Zipf) among the English ones."""
    query = query.strip()
    concepts = tuple(glossary.search(query)) if query else ()
    found = glossary.find_term(query) if query else None
    entries: tuple[Entry, ...] = ()
    by_pinyin = bool(query) and not has_han(query)
    if dictionary is not None and query:
        entries = tuple(dictionary.lookup_pinyin(query, PINYIN_LIMIT) if by_pinyin else dictionary.lookup(query))
    if dictionary is not None and by_pinyin:
        english = dictionary.lookup_english(query, PINYIN_LIMIT, frequency)
        exact = [entry for entry in english if english_rank(entry.senses, query) == 0]
        ordered = [*exact, *entries, *english]
        entries = tuple(entry for at, entry in enumerate(ordered) if entry not in ordered[:at])
    return WordSearch(query, concepts, found, entries, by_pinyin)
