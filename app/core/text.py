"""The text model: an article's text cut into paragraphs and tokens with offsets into it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# A paragraph is one line holding something other than white space: Chinese articles put
# one paragraph on a line, and the novels we read put a whole chapter on one. Only these
# line breaks end a paragraph; other separators (U+2028, form feed) stay inside as spaces.
_LINE = re.compile(r"[^\r\n]+")
_SPACE_RUN = re.compile(r"\s+")
# A longer line is read as several paragraphs, cut at the last sentence end before the limit
# (else a clause mark, else white space, else at the limit itself): a paragraph is the unit
# the reader annotates, caches and lays out, and a text of a million characters on one line
# (pasted, or without punctuation) took 27 s and 2.2 GB before its first screen. The longest
# chapter of the two novels is 9,244 characters: no paragraph of a real text is cut.
MAX_PARAGRAPH = 10_000
_CUT_PREFERENCES = (
    re.compile(r"[。！？!?；;…]+[」』”’）)\]]*"),
    re.compile(r"[，,、：:]"),
    re.compile(r"\s+"),
)

WORD, SPACE, PUNCT, OTHER = "word", "space", "punct", "other"


# CJK ideographs: the URO, Extension A, compatibility ideographs, Extensions B to H, and 〇.
HAN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U000323af]")


# C0 and C1 control characters and DEL: a title or a glossary cell holding ESC or CSI can
# retitle, clear or re-program the user's terminal when the command line prints it.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROLS_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_BUT_LINE_ENDS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str, keep_lines: bool = False) -> str:
    """`text` with C0/C1 control characters removed; tab and line ends (CR, LF) become spaces
    unless `keep_lines` (a note may have lines, ended as its file ends them)."""
    if keep_lines:
        return _CONTROLS_BUT_LINE_ENDS.sub("", text)
    return _CONTROLS.sub(lambda m: " " if m.group() in "\t\r\n" else "", text)


def escaped_controls(text: str) -> str:
    """`text` for a terminal: each control character other than tab and newline shown as
    `\\u001b`, which is also how JSON writes it, so printed JSON stays valid."""
    return _CONTROLS_BUT_LINES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (any block, Extension B and later included)."""
    return HAN.match(ch) is not None


def token_kind(text: str) -> str:
    """word (holds a Chinese character), space, punct, or other (Latin, digits, emoji...)."""
    if text.isspace():
        return SPACE
    if HAN.search(text):
        return WORD
    # Emoji and other pictographs (So) read as content, not as punctuation.
    if all(unicodedata.category(ch)[0] == "P" or unicodedata.category(ch) in ("Sm", "Sc", "Sk") for ch in text):
        return PUNCT
    return OTHER


@dataclass(frozen=True)
class Token:
    """A word or a run of anything else; start/end are offsets into the article's text."""

    text: str
    start: int
    end: int
    kind: str
    # One reading per character in tone-number form (zhong4), None where there is none.
    readings: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()
    # simplified, traditional, neither, or mixed (see script_detection.paragraph_script); "" if not known
    script: str = ""


@dataclass(frozen=True)
class Corrections:
    """A user's fixes for one document, as offsets into its text.

    Offsets, not token numbers, so they survive a change of segmenter or dictionary:
    `splits` are offsets where a word boundary must be, `merges` offsets where none may be,
    `readings` maps a character offset to the reading chosen for it (tone-number form).
    """

    splits: frozenset[int] = frozenset()
    merges: frozenset[int] = frozenset()
    readings: dict[int, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.splits or self.merges or self.readings)

    def split_at(self, offset: int) -> Corrections:
        return Corrections(self.splits | {offset}, self.merges - {offset}, self.readings)

    def merge_at(self, offset: int) -> Corrections:
        return Corrections(self.splits - {offset}, self.merges | {offset}, self.readings)

    def with_reading(self, offset: int, reading: str) -> Corrections:
        return Corrections(self.splits, self.merges, {**self.readings, offset: reading})


NO_CORRECTIONS = Corrections()


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph: each line that is not only white space, a line longer
    than MAX_PARAGRAPH cut into several."""
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        if match.group().isspace():
            continue
        start, end = match.span()
        while end - start > MAX_PARAGRAPH:
            cut = _cut_before(text, start, start + MAX_PARAGRAPH)
            spans.append((start, cut))
            start = cut
        if text[start:end].isspace():  # only the white space after a cut is left: it stays with it
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _cut_before(text: str, start: int, limit: int) -> int:
    """Where to end a piece of a long line: after the last preferred mark in its second half."""
    window = text[start + MAX_PARAGRAPH // 2 : limit]
    for pattern in _CUT_PREFERENCES:
        ends = [m.end() for m in pattern.finditer(window)]
        if ends:
            return start + MAX_PARAGRAPH // 2 + ends[-1]
    return limit


def space_runs(text: str) -> list[tuple[int, int, bool]]:
    """The text cut into alternating runs: (start, end, is_space), covering it exactly."""
    runs, last = [], 0
    for match in _SPACE_RUN.finditer(text):
        if match.start() > last:
            runs.append((last, match.start(), False))
        runs.append((match.start(), match.end(), True))
        last = match.end()
    if last < len(text):
        runs.append((last, len(text), False))
    return runs


def apply_corrections(bounds: Sequence[int], start: int, end: int, corrections: Corrections) -> list[int]:
    """Word boundaries (offsets, start and end included) after the user's splits and merges.

    `bounds` and the corrections are article offsets; only those inside (start, end) apply.
    A merge never joins across white space: a space is always its own token.
    """
    if not (corrections.splits or corrections.merges):
        return list(bounds)
    inside = set(bounds)
    inside |= {o for o in corrections.splits if start < o < end}
    inside -= {o for o in corrections.merges if start < o < end}
    return sorted(inside)


def with_space_bounds(text: str, offset: int, bounds: Iterable[int]) -> list[int]:
    """Boundaries plus the edges of every white-space run of `text` (which starts at `offset`)."""
    merged = set(bounds)
    for run_start, run_end, _ in space_runs(text):
        merged.add(offset + run_start)
        merged.add(offset + run_end)
    return sorted(merged)


def tokens_from_bounds(
    text: str, offset: int, bounds: Sequence[int], readings: Sequence[str | None] = ()
) -> tuple[Token, ...]:
    """Tokens of a paragraph `text` starting at article offset `offset`, cut at `bounds`.

    `readings` has one entry per character of `text` (or is empty).
    """
    tokens = []
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a - offset : b - offset]
        tokens.append(
            Token(piece, a, b, token_kind(piece), tuple(readings[a - offset : b - offset]) if readings else ())
        )
    return tuple(tokens)


def token_at(paragraph: Paragraph, offset: int) -> Token | None:
    """The token of the paragraph covering an article offset, if any."""
    starts = [t.start for t in paragraph.tokens]
    i = bisect_left(starts, offset + 1) - 1
    if 0 <= i < len(paragraph.tokens) and paragraph.tokens[i].start <= offset < paragraph.tokens[i].end:
        return paragraph.tokens[i]
    return None


def content_fingerprint(text: str) -> str:
    """What makes two imports the same text: a hash of its paragraphs, each in Unicode NFC
    with its white space runs made one space and trimmed, blank lines left out. So a file
    saved again with CRLF line ends, another encoding, a BOM, re-wrapped spacing or as .docx
    instead of .txt is the same text; a change of one character, or its other script, is not."""
    normal = unicodedata.normalize("NFC", text)
    paragraphs = (" ".join(_SPACE_RUN.split(line)).strip() for line in _LINE.findall(normal))
    joined = "\n".join(p for p in paragraphs if p)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()
