"""The glossary concepts of one paragraph as a translator's term pane lists them: the approved
English, the form the text writes and where that form is used, the other regions' forms, and
what is wrong with the form for the article's target region."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.annotated import AnnotatedParagraph
from app.core.glossary import Glossary
from app.core.translation import other_region

DEPRECATED, OTHER_REGION = "deprecated", "other region"


@dataclass(frozen=True)
class TermRow:
    concept_id: str
    english: str  # the approved (preferred) English
    other_english: tuple[str, ...]  # further approved forms
    deprecated_english: tuple[str, ...]
    written: str  # the form as the paragraph writes it
    status: str  # of that form: preferred, admitted or deprecated
    regions: tuple[str, ...]  # where that form is used
    others: tuple[tuple[str, str, str], ...]  # (form, regions, status) of the concept's other forms
    flags: tuple[str, ...]  # DEPRECATED, OTHER_REGION: the form is wrong for the target


def paragraph_terms(paragraph: AnnotatedParagraph, glossary: Glossary, target: str) -> list[TermRow]:
    """One row a concept, in the order the paragraph first names them."""
    rows: list[TermRow] = []
    seen: set[str] = set()
    for span in paragraph.terms:
        concept = glossary.get(span.concept_id)
        if concept is None or span.concept_id in seen:
            continue
        seen.add(span.concept_id)
        found = concept.term(span.form)
        written = paragraph.text[span.start - paragraph.start : span.end - paragraph.start]
        status = found.status if found is not None else "preferred"
        flags = []
        if status == "deprecated":
            flags.append(DEPRECATED)
        if other_region(concept, span.form, span.regions, target):
            flags.append(OTHER_REGION)
        others = tuple(
            (t.text, t.region_label, t.status)
            for t in (concept.other_forms(found) if found is not None else concept.terms)
        )
        rows.append(
            TermRow(
                concept.id,
                concept.preferred_english,
                concept.english[1:],
                concept.deprecated_english,
                written,
                status,
                span.regions,
                others,
                tuple(flags),
            )
        )
    return rows
