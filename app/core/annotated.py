"""One annotated paragraph: its tokens with readings, the glossary terms found in it, its notes.

Made in one place (`annotate`), then only read: by the reader, the handouts (HTML, PDF), the
vocabulary figures, the checks and the command line's `annotate`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.core.glossary import Glossary
from app.core.notes import Note
from app.core.text import Paragraph, Token


@dataclass(frozen=True)
class TermSpan:
    """A glossary term found in a paragraph: article offsets, the concept and the form found."""

    start: int
    end: int
    concept_id: str
    category: str
    form: str  # the glossary term's own text (普丁), whatever the text wrote (普丁 or 普京...)
    regions: tuple[str, ...]  # where that form is written (CN, TW, HK)


@dataclass(frozen=True)
class AnnotatedParagraph:
    paragraph: Paragraph
    terms: tuple[TermSpan, ...] = ()  # in text order, not overlapping
    notes: tuple[Note, ...] = ()  # the user's first, then the bundled ones

    @property
    def index(self) -> int:
        return self.paragraph.index

    @property
    def start(self) -> int:
        return self.paragraph.start

    @property
    def end(self) -> int:
        return self.paragraph.end

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.paragraph.tokens

    @property
    def script(self) -> str:
        return self.paragraph.script

    def term_at(self, start: int, end: int) -> TermSpan | None:
        """The term overlapping the article span [start, end), if any."""
        return next((t for t in self.terms if t.start < end and start < t.end), None)

    def concepts(self) -> tuple[str | None, ...]:
        """Per token: the concept of the glossary term it belongs to (None for white space)."""
        # Tokens and terms both run left to right without overlapping, so one pointer walks the
        # terms: asking term_at for each token is quadratic on a paragraph of a million characters.
        result: list[str | None] = []
        terms, at = self.terms, 0
        for token in self.paragraph.tokens:
            while at < len(terms) and terms[at].end <= token.start:
                at += 1
            overlaps = at < len(terms) and terms[at].start < token.end and token.start < terms[at].end
            result.append(terms[at].concept_id if overlaps and token.kind != "space" else None)
        return tuple(result)


def term_spans(glossary: Glossary, paragraph: Paragraph) -> tuple[TermSpan, ...]:
    """The glossary terms of a segmented paragraph, only where they are whole words."""
    return tuple(
        TermSpan(
            paragraph.start + m.start,
            paragraph.start + m.end,
            m.concept.id,
            m.concept.category,
            m.term.text,
            m.term.regions,
        )
        for m in glossary.paragraph_matches(paragraph)
    )


def annotate(
    paragraphs: Iterable[Paragraph], glossary: Glossary, notes: Mapping[int, Sequence[Note]] | None = None
) -> list[AnnotatedParagraph]:
    """Each paragraph with its glossary terms and notes: the one place this is worked out."""
    notes = notes or {}
    return [AnnotatedParagraph(p, term_spans(glossary, p), tuple(notes.get(p.index, ()))) for p in paragraphs]
