"""Per-token concepts of a long paragraph: one pass over tokens and terms, the same answer as
asking for each token's term."""

from __future__ import annotations

from app.core.annotated import annotate
from app.core.glossary import ChineseTerm, Concept, Glossary
from app.core.text import Paragraph, tokens_from_bounds

GLOSSARY = Glossary.of(
    [
        Concept("putin", "person", ("Vladimir Putin",), (ChineseTerm("普丁", ("TW",)),)),
        Concept("concert", "event", ("Concert of Europe",), (ChineseTerm("歐洲協調", ("TW",)),)),
    ]
)


def long_paragraph(repeats: int) -> Paragraph:
    """普丁 as one token, 歐洲協調 as two tokens (a term over several), words and spaces between."""
    pieces = ["普丁", "來", " ", "歐洲", "協調", "會議", "  ", "今天"] * repeats
    bounds, at = [0], 0
    for piece in pieces:
        at += len(piece)
        bounds.append(at)
    text = "".join(pieces)
    return Paragraph(0, 0, len(text), text, tokens_from_bounds(text, 0, bounds), "traditional")


def test_concepts_match_each_tokens_term_on_a_long_paragraph():
    [annotated] = annotate([long_paragraph(5_000)], GLOSSARY)
    expected = tuple(
        None if t.kind == "space" or (term := annotated.term_at(t.start, t.end)) is None else term.concept_id
        for t in annotated.tokens[:800]
    )
    concepts = annotated.concepts()
    assert len(concepts) == len(annotated.tokens) == 40_000
    assert concepts[:800] == expected
    assert concepts[:8] == ("putin", None, None, "concert", "concert", None, None, None)
    assert concepts.count("concert") == 10_000 and concepts.count("putin") == 5_000
