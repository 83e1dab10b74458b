"""Find in a text: every place a query occurs, across scripts, glossary variants and Latin case."""

from __future__ import annotations

import re

from app.core.glossary import _DOTS, Glossary
from app.core.scripts import simplified_shadow


def find_all(
    text: str, query: str, glossary: Glossary | None = None, *, shadow: str | None = None
) -> list[tuple[int, int]]:
    """Every occurrence of `query` in `text` as (start, end) offsets into `text`.

    Rules, in order of how they widen the search:
    - scripts: text and query are compared in Simplified (their shadows keep offsets 1:1),
      so 協調 finds 协调 and 普丁 finds 普丁; the kinds of middle dot count as one;
    - glossary: when the whole query is a form of a glossary concept (in either script), every
      other form of that concept is looked for too, so 普京 finds 普丁 and 川普 finds 特朗普;
    - case: Latin letters match regardless of case.
    The result is sorted and never overlaps; where two hits overlap the one that starts first
    wins, and of those starting at the same place, the longest.

    `shadow` is `simplified_shadow(text)` when the caller already has it: for a long text making
    the shadow costs far more than the search, and it does not change while the text is open.
    """
    query = query.strip()
    if not query or not text:
        return []
    forms = {query}
    if glossary is not None:
        hit = glossary.find_term(query)
        if hit is not None:
            forms.update(t.text for t in hit[0].terms if t.text.strip())
    if shadow is None:
        shadow = simplified_shadow(text)
    elif len(shadow) != len(text):
        raise ValueError("shadow must be simplified_shadow(text), as long as the text")
    hits = _search(shadow, {simplified_shadow(f) for f in forms})
    # The shadow converts some characters by phrase (乾隆 stays 乾隆 while 乾 alone becomes 干),
    # so a query typed as the text writes it could miss there; the text itself is searched too.
    hits += _search(text, forms)
    return _without_overlaps(hits)


# Any middle dot in a needle matches any of them; a class in the pattern rather than translating
# the haystack, which for a long text would cost more than the search.
_DOT_CHARS = "·" + "".join(chr(code) for code in _DOTS)
_DOT_CLASS = "[" + re.escape(_DOT_CHARS) + "]"


def _pattern_of(needle: str) -> str:
    return "".join(_DOT_CLASS if ch in _DOT_CHARS else re.escape(ch) for ch in needle)


def _search(haystack: str, needles: set[str]) -> list[tuple[int, int]]:
    # One compiled alternation, longest first, so each place yields its longest form in one pass.
    ordered = sorted(needles, key=lambda n: (-len(n), n))
    pattern = re.compile("|".join(_pattern_of(n) for n in ordered), re.IGNORECASE)
    return [m.span() for m in pattern.finditer(haystack)]


def _without_overlaps(hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    end = -1
    for start, stop in sorted(hits, key=lambda h: (h[0], -h[1])):
        if start >= end:
            result.append((start, stop))
            end = stop
    return result
