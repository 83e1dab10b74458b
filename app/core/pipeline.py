"""The core pipeline: text -> paragraphs -> words with readings, the same for window and command line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from app.core.script_detection import paragraph_script
from app.core.scripts import forms
from app.core.term_forms import term_forms
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

if TYPE_CHECKING:
    from app.core.segment import Segmenter  # numpy and the models: not imported before segmenting

# Part of every cache key for annotated documents: bump it whenever a change here, in the
# segmenter or in the readings would give a different result for the same text.
PIPELINE_VERSION = "2"


class Pipeline:
    """Segmentation and readings for text in either script, mapped back to the original text."""

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def bounds(
        self, text: str, offset: int = 0, corrections: Corrections = NO_CORRECTIONS, script: str = "auto"
    ) -> list[int]:
        """Word boundaries of a paragraph `text` starting at article offset `offset`."""
        return self.bounds_many([(text, offset)], corrections, script)[0]

    def bounds_many(
        self,
        items: Sequence[tuple[str, int]],
        corrections: Corrections = NO_CORRECTIONS,
        script: str = "auto",
        text_forms: Sequence[tuple[str, str]] | None = None,
    ) -> list[list[int]]:
        """bounds() of many (text, offset) paragraphs, segmented in one pass (`text_forms`: each
        text's `scripts.forms` when the caller has them already)."""
        out: list[list[int]] = []
        texts = [t for t, _ in items]
        for (text, offset), spans in zip(items, self.segmenter.spans_many(texts, script, text_forms)):
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
        out: list[list[str]] = []
        for line, bounds in zip(lines, self.bounds_many([(line, 0) for line in lines], script=script)):
            out.append([w for w in (line[a:b] for a, b in zip(bounds, bounds[1:])) if not w.isspace()])
        return out

    def bounds_and_readings(
        self, items: Sequence[tuple[str, int]], corrections: Corrections = NO_CORRECTIONS, script: str = "auto"
    ) -> tuple[list[list[int]], list[list[str | None]]]:
        """Word boundaries and one reading per character for each (text, offset) paragraph; each
        text's two script forms are made once, for the segmenter and the readings alike."""
        text_forms = [forms(text, script) for text, _ in items]
        bounds = self.bounds_many(items, corrections, script, text_forms)
        readings = self.readings(
            [(text, offset, b) for (text, offset), b in zip(items, bounds)],
            corrections,
            script,
            [simplified for _, simplified in text_forms],
        )
        return bounds, readings

    def readings(
        self,
        items: Sequence[tuple[str, int, Sequence[int]]],
        corrections: Corrections = NO_CORRECTIONS,
        script: str = "auto",
        simplified_forms: Sequence[str] | None = None,
    ) -> list[list[str | None]]:
        """One reading per character for each (text, offset, bounds), computed in one batch
        (`simplified_forms`: each text's Simplified form when the caller has it already)."""
        # Imported here: pypinyin's tables and numpy cost a quarter of a second, which reopening
        # a cached document or segmenting alone never needs to pay.
        from app.core import readings as readings_mod

        if simplified_forms is None:
            # pypinyin's phrase table and the polyphone model are Simplified: a Simplified
            # sentence is read as written, a Traditional one through its Simplified form.
            simplified_forms = [forms(text, script)[1] for text, _, _ in items]
        batch = []
        for (_text, offset, bounds), simplified in zip(items, simplified_forms):
            spans = [(a - offset, b - offset) for a, b in zip(bounds, bounds[1:])]
            batch.append((simplified, spans))
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
        spans: Sequence[tuple[int, int]] | None = None,
    ) -> list[Paragraph]:
        """The article's paragraphs with their tokens (all of them, or the indices in `only`).

        `spans` are the text's `paragraph_spans` when the caller keeps them: a caller working
        through a novel a batch at a time would otherwise rescan its 2 MB for every batch."""
        if spans is None:
            spans = paragraph_spans(text)
        wanted = range(len(spans)) if only is None else sorted(set(only) & set(range(len(spans))))
        bodies = [(text[spans[i][0] : spans[i][1]], spans[i][0]) for i in wanted]
        if with_readings:
            bounds, readings = self.bounds_and_readings(bodies, corrections, script)
        else:
            bounds, readings = self.bounds_many(bodies, corrections, script), [[] for _ in bodies]
        return [
            Paragraph(
                index,
                start,
                start + len(body),
                body,
                tokens_from_bounds(body, start, b, r),
                paragraph_script(body) if script == "auto" else script,
            )
            for index, (body, start), b, r in zip(wanted, bodies, bounds, readings)
        ]


class GlossaryWords:
    """Which glossary words can change the words of a text: those found in it in any form.

    The segmenter gives each word, in every script, to its lexicons (see `Segmenter.set_words`),
    which read a text's two script forms; a word changes the words of a text only where one of
    its forms occurs in one of those, or, for a code kept whole (ES-11/1號決議), in the text with
    white space left out. So a text's annotation depends on these words of the glossary, not
    on the others: a glossary edit re-annotates only the paragraphs holding a word it changed.
    """

    def __init__(self, words: Iterable[str]) -> None:
        owners: dict[str, set[str]] = {}
        for word, word_forms in term_forms(words).items():  # the terms and forms the segmenter takes
            for form in word_forms:
                owners.setdefault(form, set()).add(word)
        self._owners = {form: tuple(sorted(of)) for form, of in owners.items()}
        self._pattern = re.compile(_trie(self._owners)) if self._owners else None

    def found_in(self, text: str, script: str = "auto") -> tuple[str, ...]:
        """The glossary words occurring in `text` (read in `script`), sorted."""
        if self._pattern is None:
            return ()
        found: set[str] = set()
        for target in {text, *forms(text, script)}:
            self._scan(self._pattern, _WHITE_SPACE.sub("", target), found)
        return tuple(sorted(found))

    def _scan(self, pattern: re.Pattern[str], text: str, found: set[str]) -> None:
        search = pattern.search
        m = search(text)
        while m is not None:
            # The longest form starting here; the shorter ones starting here are its prefixes.
            longest = m.group()
            for length in range(2, len(longest) + 1):
                found.update(self._owners.get(longest[:length], ()))
            m = search(text, m.start() + 1)


_WHITE_SPACE = re.compile(r"\s+")

_Node = dict[str, "_Node"]  # a trie: a child per next character, "" where a word ends


def _trie(words: Iterable[str]) -> str:
    """A pattern matching the longest of `words` at a place: one branch per character, not per word."""
    root: _Node = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: _Node) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


def word_texts(paragraph: Paragraph) -> list[str]:
    """The paragraph's tokens other than white space."""
    return [t.text for t in paragraph.tokens if t.kind != SPACE]
