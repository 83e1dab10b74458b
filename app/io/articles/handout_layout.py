"""A handout paragraph flowed into lines of word boxes: the reading over each word, no box over another.

Pure computation on an annotated paragraph; the widths come from a `measure` function, the
one the PDF writer draws with, so a box is exactly as wide as what is drawn in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from app.core.annotated import AnnotatedParagraph
from app.core.orthography import Capitals, no_capitals, token_pinyin
from app.core.script_detection import MIXED, NEITHER, SIMPLIFIED, TRADITIONAL
from app.core.scripts import Converted, convert_for_display
from app.core.text import PUNCT, SPACE, WORD, Token
from app.core.tones import ToneRun, character_tones, reading_runs

# Marks that open (never end a line) and close (never start one), as in CJK line breaking.
OPENING = set("「『（〔［｛〈《【“‘([{")
CLOSING = set("」』）〕］｝〉》】”’)]}、，。．：；！？…—～·%,.:;!?")
# A display script's script, for the face and the language tag.
DISPLAY_SCRIPT = {"cn": SIMPLIFIED, "tw": TRADITIONAL, "hk": TRADITIONAL}
TEXT, RUBY = 0, 1  # which font `measure` measures in

Measure = Callable[[int, str], float]


@dataclass(frozen=True)
class Choices:
    """What the handout shows: the reader's choices when the export started."""

    reading: str = "marks"  # marks, numbers, zhuyin, unknown (readings only on words not known), above-level
    script: str = "original"  # a display script: original, tw, cn, hk
    statuses: Mapping[str, str] = field(default_factory=dict)  # word -> new, learning, known
    capitals: Capitals = no_capitals
    above_level: Callable[[str], bool] = lambda _word: True  # in above-level: the words that get readings
    tones: str = "off"  # tone colours: off, readings, characters (see core.tones)


@dataclass(frozen=True)
class Box:
    """One word (or mark) on a line: x from the column's left edge, its width, what is drawn."""

    x: float
    width: float
    text: str
    reading: str
    kind: str
    concept: str | None = None
    reading_tones: tuple[ToneRun, ...] = ()  # with tone colours: the reading in runs by tone
    text_tones: tuple[int | None, ...] = ()  # and each character's tone (characters mode)


@dataclass
class _Piece:
    width: float
    text: str
    reading: str
    kind: str
    concept: str | None
    reading_tones: tuple[ToneRun, ...] = ()
    text_tones: tuple[int | None, ...] = ()


def paragraph_lines(
    item: AnnotatedParagraph, width: float, measure: Measure, choices: Choices, gap: float
) -> list[list[Box]]:
    """The paragraph's words in lines no wider than `width`; `gap` separates two words' readings.

    A word wider than the column is cut between characters; a closing mark takes the word
    before it to the next line rather than start a line or stick out of the column.
    """
    # A word is cut to leave room for two closing marks, so that it and its marks always fit a line.
    room = width - 2 * measure(TEXT, "。")
    lines: list[list[_Piece]] = [[]]
    used = 0.0
    for piece in _pieces(item, room, measure, choices, gap):
        line = lines[-1]
        if piece.kind == SPACE and (not line or used + piece.width > width):
            continue  # a space at either end of a line is not drawn
        if used + piece.width > width and line:
            carried: list[_Piece] = []
            while line and line[-1].kind == SPACE:
                line.pop()
            if piece.text[:1] in CLOSING:  # the word before it, and the marks between, come along
                while len(line) > 1 and line[-1].kind == PUNCT and line[-1].text[-1:] in CLOSING:
                    carried.insert(0, line.pop())
                while line and line[-1].kind == SPACE:
                    line.pop()
                if len(line) > 1:
                    carried.insert(0, line.pop())
            while len(line) > 1 and line[-1].text[-1:] in OPENING:
                carried.insert(0, line.pop())
            lines.append(carried)
            line = carried
            used = sum(p.width for p in carried)
        line.append(piece)
        used += piece.width
    return [_placed(line) for line in lines if line]


def shown_script(item: AnnotatedParagraph, display: str, article_script: str) -> str:
    """The script a paragraph is shown in: the display script's, else its own, else the article's."""
    if display in DISPLAY_SCRIPT:
        return DISPLAY_SCRIPT[display]
    script = item.paragraph.script
    return article_script if script in (MIXED, NEITHER) or script not in (SIMPLIFIED, TRADITIONAL) else script


def _placed(line: Sequence[_Piece]) -> list[Box]:
    boxes, x = [], 0.0
    for piece in line:
        boxes.append(
            Box(
                x,
                piece.width,
                piece.text,
                piece.reading,
                piece.kind,
                piece.concept,
                piece.reading_tones,
                piece.text_tones,
            )
        )
        x += piece.width
    return boxes


def _pieces(item: AnnotatedParagraph, width: float, measure: Measure, choices: Choices, gap: float) -> list[_Piece]:
    paragraph = item.paragraph
    converted = convert_for_display(paragraph.text, choices.script) if choices.script != "original" else None
    pieces: list[_Piece] = []
    for token, concept in zip(paragraph.tokens, item.concepts()):
        shown = token.text if converted is None else _span(converted, paragraph.start, token)
        if token.kind == SPACE:
            pieces.append(_Piece(measure(TEXT, " ") * min(len(token.text), 4), " ", "", SPACE, None))
            continue
        reading = _reading(token, choices) if token.kind == WORD else ""
        for text, ruby, (word, readings) in _cut(shown, token, reading, width - gap, measure, choices):
            box = max(measure(TEXT, text), measure(RUBY, ruby) if ruby else 0.0)
            piece = _Piece(box + (gap if ruby else 0.0), text, ruby, token.kind, concept)
            if choices.tones != "off" and token.kind == WORD:
                if ruby:
                    piece.reading_tones = reading_runs(word, readings, _style(choices), choices.capitals)
                if choices.tones == "characters":
                    piece.text_tones = character_tones(text, readings)
            pieces.append(piece)
    return pieces


# A piece of a word: its characters as shown, their reading, and what the reading is written
# from (the word capitals are looked up by, the characters' tone-number readings).
_Cut = tuple[str, str, tuple[str, Sequence[str | None]]]


def _cut(shown: str, token: Token, reading: str, width: float, measure: Measure, choices: Choices) -> list[_Cut]:
    """The word as one piece, or in pieces of characters that fit the column (with their readings)."""
    if max(measure(TEXT, shown), measure(RUBY, reading) if reading else 0.0) <= width or len(shown) < 2:
        return [(shown, reading, (token.text, token.readings))]
    # Readings go with characters one for one; a conversion that changed the length keeps none.
    readings = token.readings if reading and len(token.readings) == len(shown) else [None] * len(shown)
    style = _style(choices)
    pieces: list[_Cut] = []
    start = 0
    for end in range(1, len(shown) + 1):
        text = shown[start : end + 1]
        ruby = token_pinyin(text, readings[start : end + 1], style, choices.capitals) or ""
        if end == len(shown) or max(measure(TEXT, text), measure(RUBY, ruby) if ruby else 0.0) > width:
            piece, own = shown[start:end], readings[start:end]
            pieces.append((piece, token_pinyin(piece, own, style, choices.capitals) or "", (piece, own)))
            start = end
    return pieces


def _style(choices: Choices) -> str:
    # The modes that choose which words get readings write them in pinyin.
    return "marks" if choices.reading in ("unknown", "above-level", "none") else choices.reading


def _reading(token: Token, choices: Choices) -> str:
    if not any(token.readings) or (choices.reading == "unknown" and choices.statuses.get(token.text) == "known"):
        return ""
    if choices.reading == "above-level" and not choices.above_level(token.text):
        return ""
    return token_pinyin(token.text, token.readings, _style(choices), choices.capitals) or ""


def _span(converted: Converted, paragraph_start: int, token: Token) -> str:
    return converted.span(token.start - paragraph_start, token.end - paragraph_start)


@dataclass(frozen=True)
class Run:
    """A stretch of a note's line in one face: x from the column's left edge."""

    x: float
    text: str
    latin: bool  # in the Latin face, else in the CJK one


def note_lines(
    text: str, width: float, measure: Callable[[str, bool], float], latin: Callable[[str], bool]
) -> list[list[Run]]:
    """A note wrapped to `width`: at spaces, between two CJK characters, and inside a word (an
    address) wider than the column. `latin(c)` says whether the Latin face has the character;
    `measure(text, latin)` is the width of a run in that face."""
    lines: list[list[Run]] = [[]]
    x = 0.0
    for word in _note_words(text, width, measure, latin):
        runs = _runs(word, latin)
        bare = sum(measure(t.rstrip(), f) for t, f in runs)  # a space ending a line may stick out
        if x + bare > width and lines[-1]:
            lines.append([])
            x = 0.0
        if not lines[-1] and word.isspace():
            continue
        for piece, face in runs:
            lines[-1].append(Run(x, piece, face))
            x += measure(piece, face)
    return [line for line in lines if line]


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_NOTE_WORD = re.compile(f"[{_CJK}]\\s*|[^\\s{_CJK}]+\\s*|\\s+")


def _note_words(
    text: str, width: float, measure: Callable[[str, bool], float], latin: Callable[[str], bool]
) -> list[str]:
    # A word with its trailing space; each CJK character (with a space after it) is a word of its own.
    words: list[str] = []
    for word in _NOTE_WORD.findall(text):
        while len(word) > 1 and sum(measure(t.rstrip(), f) for t, f in _runs(word, latin)) > width:
            cut = len(word) - 1
            while cut > 1 and sum(measure(t, f) for t, f in _runs(word[:cut], latin)) > width:
                cut -= 1
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    return words


def _runs(word: str, latin: Callable[[str], bool]) -> list[tuple[str, bool]]:
    runs: list[tuple[str, bool]] = []
    for char in word:
        face = latin(char) or char.isspace()
        if runs and runs[-1][1] == face:
            runs[-1] = (runs[-1][0] + char, face)
        else:
            runs.append((char, face))
    return runs
