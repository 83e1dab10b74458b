"""The core pipeline: text -> paragraphs -> words with readings, the same for window and command line."""

from __future__ import annotations

from typing import Iterable, Sequence

from app.core.scripts import forms, paragraph_script
from app.core.segment import Segmenter
from app.core.text import (
    NO_CORRECTIONS,
    SPACE,
    Corrections,
    Paragraph,
    apply_corrections,
    paragraph_spans,
    tokens_from_bounds,
    with_space_bounds,
)

# Part of every cache key for annotated documents: bump it whenever a change here, in the
# segmenter or in the readings would give a different result for the same text.
PIPELINE_VERSION = "2"


class Pipeline:
    """Segmentation and readings for text in either script, mapped back to the original text."""

    def __init__(self, segmenter: Segmenter):
        self.segmenter = segmenter

    def bounds(
        self, text: str, offset: int = 0, corrections: Corrections = NO_CORRECTIONS, script: str = "auto"
    ) -> list[int]:
        """Word boundaries of a paragraph `text` starting at article offset `offset`."""
        return self.bounds_many([(text, offset)], corrections, script)[0]

    def bounds_many(
        self, items: Sequence[tuple[str, int]], corrections: Corrections = NO_CORRECTIONS, script: str = "auto"
    ) -> list[list[int]]:
        """bounds() of many (text, offset) paragraphs, segmented in one pass."""
        out = []
        for (text, offset), spans in zip(items, self.segmenter.spans_many([t for t, _ in items], script)):
            bounds = [offset] + [offset + end for _, end in spans]
            if bounds[-1] != offset + len(text):  # the segmenter must cover the text; never trust it blindly
                bounds = list(range(offset, offset + len(text) + 1))
            bounds = apply_corrections(bounds, offset, offset + len(text), corrections)
            out.append(with_space_bounds(text, offset, bounds))
        return out

    def words(self, line: str, script: str = "auto") -> list[str]:
        """The words of one line, white space left out (what `segment` prints)."""
        return self.words_many([line], script)[0]

    def words_many(self, lines: Sequence[str], script: str = "auto") -> list[list[str]]:
        out = []
        for line, bounds in zip(lines, self.bounds_many([(line, 0) for line in lines], script=script)):
            out.append([w for w in (line[a:b] for a, b in zip(bounds, bounds[1:])) if not w.isspace()])
        return out

    def readings(
        self,
        items: Sequence[tuple[str, int, Sequence[int]]],
        corrections: Corrections = NO_CORRECTIONS,
        script: str = "auto",
    ) -> list[list[str | None]]:
        """One reading per character for each (text, offset, bounds), computed in one batch."""
        # Imported here: pypinyin's tables and numpy cost a quarter of a second, which reopening
        # a cached document or segmenting alone never needs to pay.
        from app.core import readings as readings_mod

        batch = []
        for text, offset, bounds in items:
            spans = [(a - offset, b - offset) for a, b in zip(bounds, bounds[1:])]
            # pypinyin's phrase table and the polyphone model are Simplified: a Simplified
            # sentence is read as written, a Traditional one through its Simplified form.
            batch.append((forms(text, script)[1], spans))
        results = readings_mod.read_many(batch)
        if corrections.readings:
            for (text, offset, _), result in zip(items, results):
                for position, reading in corrections.readings.items():
                    if offset <= position < offset + len(text) and reading:
                        result[position - offset] = reading
        return results

    def paragraphs(
        self,
        text: str,
        corrections: Corrections = NO_CORRECTIONS,
        with_readings: bool = True,
        only: Iterable[int] | None = None,
        script: str = "auto",
    ) -> list[Paragraph]:
        """The article's paragraphs with their tokens (all of them, or the indices in `only`)."""
        spans = paragraph_spans(text)
        wanted = range(len(spans)) if only is None else sorted(set(only) & set(range(len(spans))))
        bodies = [(text[spans[i][0] : spans[i][1]], spans[i][0]) for i in wanted]
        pieces = [
            (index, start, body, b)
            for index, (body, start), b in zip(wanted, bodies, self.bounds_many(bodies, corrections, script))
        ]
        readings: list[list[str | None]] = (
            self.readings([(body, start, b) for _, start, body, b in pieces], corrections, script)
            if with_readings
            else [[] for _ in pieces]
        )
        return [
            Paragraph(index, start, start + len(body), body, tokens_from_bounds(body, start, b, r),
                      paragraph_script(body) if script == "auto" else script)
            for (index, start, body, b), r in zip(pieces, readings)
        ]


def word_texts(paragraph: Paragraph) -> list[str]:
    """The paragraph's tokens other than white space."""
    return [t.text for t in paragraph.tokens if t.kind != SPACE]
