"""The glossary terms the segmenter takes, each with every form it is read in.

A term joins both lexicons as written and converted both ways (a sentence without any character
only one script writes, 极音速, is read as written by both), and the paragraph cache keys a
paragraph on the terms found in it in any of these forms: one definition serves both.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Protocol

from app.core.scripts import mainland_shadow, simplified_shadow, traditional_shadow

_WHITE_SPACE = re.compile(r"\s")


class SavedForms(Protocol):
    """Where the terms' shadows of the last glossary are kept between runs (app.io's cache)."""

    def read(self, terms: str) -> list[list[str]] | None:
        """The shadows saved for exactly these terms (one a line), or None."""

    def write(self, terms: str, shadows: list[list[str]]) -> None: ...


_saved: SavedForms | None = None
_lock = threading.Lock()


def use_saved(saved: SavedForms | None) -> None:
    """Where term_forms keeps its conversions (app.io hands the cache over at every start).

    A glossary unchanged since the last run then costs no conversion at all: a Traditional
    text's first open never builds the Simplified-to-Traditional phrase table (49,000 phrases,
    11 MB and 0.2 s), which the Traditional shadows of the glossary's terms alone asked for."""
    global _saved
    with _lock:
        _saved = saved


def term_forms(words: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each term (stripped; one character or holding white space: left out) and its forms: as
    written, and its Traditional, Simplified and mainland shadows."""
    chosen = sorted({w for w in (w.strip() for w in words) if len(w) > 1 and not _WHITE_SPACE.search(w)})
    # One conversion of all the terms, a line each, rather than one per term: the shadows keep
    # lengths and no phrase spans a line end, so the lines come back as the terms. (A conversion
    # call costs about the same for 400 terms as for one: 0.13 s against 2 ms for the glossary.)
    joined = "\n".join(chosen)
    saved = _saved
    shadows = saved.read(joined) if saved is not None else None
    if shadows is None or not _fit(shadows, chosen):
        shadows = [convert(joined).split("\n") for convert in (traditional_shadow, simplified_shadow, mainland_shadow)]
        if saved is not None:
            saved.write(joined, shadows)
    return {term: frozenset((term, *others)) for term, *others in zip(chosen, *shadows)}


def _fit(shadows: list[list[str]], terms: list[str]) -> bool:
    """Three shadows of each term, each as long as the term (a conversion keeps lengths)."""
    return len(shadows) == 3 and all(
        len(forms) == len(terms) and all(len(a) == len(b) for a, b in zip(forms, terms)) for forms in shadows
    )
