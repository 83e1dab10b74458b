"""Which concepts an export writes: an article's, and each made ready to write (refusing one without a Chinese term)."""

from __future__ import annotations

from collections.abc import Iterable

from app.core.glossary import Concept, Glossary, complete


# -- scope -----------------------------------------------------------------------------------
def concepts_in_text(glossary: Glossary, text: str) -> list[Concept]:
    """The concepts with a term in `text`, each once, in the order they first occur."""
    seen: dict[str, Concept] = {}
    for match in glossary.matches(text):
        seen.setdefault(match.concept.id, match.concept)
    return list(seen.values())


def prepared(concepts: Iterable[Concept], derive: bool) -> list[Concept]:
    """The concepts to write (with script and pinyin filled in when `derive`); refuses an empty one."""
    out = []
    for concept in concepts:
        if not concept.terms:
            raise ValueError(f"concept {concept.id!r} has no Chinese term and cannot be exported")
        out.append(complete(concept) if derive else concept)
    return out
