"""A word typed by the user looked up: the glossary's concepts first, then CC-CEDICT by characters or by pinyin."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.glossary import ChineseTerm, Concept, Glossary

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


def search_word(glossary: Glossary, dictionary: Cedict | None, query: str) -> WordSearch:
    """Everything known about `query` (Chinese in either script, English, or pinyin with or
    without tones). `dictionary` None (the window's, while it is being indexed) skips CC-CEDICT."""
    query = query.strip()
    concepts = tuple(glossary.search(query)) if query else ()
    found = glossary.find_term(query) if query else None
    entries: tuple[Entry, ...] = ()
    by_pinyin = bool(query) and not has_han(query)
    if dictionary is not None and query:
        entries = tuple(dictionary.lookup_pinyin(query, PINYIN_LIMIT) if by_pinyin else dictionary.lookup(query))
    return WordSearch(query, concepts, found, entries, by_pinyin)
