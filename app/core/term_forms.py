"""The glossary terms the segmenter takes, each with every form it is read in.

A term joins both lexicons as written and converted both ways (a sentence without any character
only one script writes, 极音速, is read as written by both), and the paragraph cache keys a
paragraph on the terms found in it in any of these forms: one definition serves both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.core.scripts import mainland_shadow, simplified_shadow, traditional_shadow

_WHITE_SPACE = re.compile(r"\s")


def term_forms(words: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each term (stripped; one character or holding white space: left out) and its forms: as
    written, and its Traditional, Simplified and mainland shadows."""
    chosen = sorted({w for w in (w.strip() for w in words) if len(w) > 1 and not _WHITE_SPACE.search(w)})
    # One conversion of all the terms, a line each, rather than one per term: the shadows keep
    # lengths and no phrase spans a line end, so the lines come back as the terms. (A conversion
    # call costs about the same for 400 terms as for one: 0.13 s against 2 ms for the glossary.)
    joined = "\n".join(chosen)
    shadows = [convert(joined).split("\n") for convert in (traditional_shadow, simplified_shadow, mainland_shadow)]
    return {term: frozenset((term, *others)) for term, *others in zip(chosen, *shadows)}
