"""Tone colours: the tone of each syllable shown, which characters it colours, and the colours.

The scheme Pleco's users know: 1st tone red, 2nd green, 3rd blue, 4th purple, neutral grey.
A word's reading is written from its characters' tone-number readings, one per character (the
reading the reader shows, corrections included), so each syllable's tone is its reading's
digit and each Han character takes its own syllable's tone. Whatever has no reading (Latin
letters, digits, a character the tables do not know) keeps the ordinary ink: colour says a
tone, never a guess. 儿 read on its own syllable (nǎ'ér, erhua as the tables give it) takes its
own tone; a lone "r" (a reading corrected to erhua, r5) is neutral.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache

from app.core.orthography import Capitals, no_capitals, written_pieces
from app.core.reading_styles import style_reading

# off: the ordinary ink; readings: each syllable of a reading in its tone's colour;
# characters: the readings and each character in its syllable's colour too.
TONE_MODES = ("off", "readings", "characters")
NEUTRAL = 5

# A stretch of a written reading and the tone it is coloured by (None: no tone, ordinary ink).
ToneRun = tuple[str, int | None]

# Each hue's light-theme shade is dark enough for white paper, its dark-theme shade light
# enough for the dark ground (WCAG contrast >= 4.5 on either, with the status tints beneath:
# tests/ui/test_tone_colours.py computes it). Print uses the light one.
TONE_PALETTES: Mapping[str, Mapping[int, str]] = {
    "light": {1: "#b81d24", 2: "#0b6e2a", 3: "#1f55cc", 4: "#8a2bbf", 5: "#5f5f5f"},
    "dark": {1: "#ff8a8a", 2: "#5fd17f", 3: "#8cb0ff", 4: "#d59cff", 5: "#b0b0b0"},
}

_MARK_TONES = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_ZHUYIN_TONES = {"ˊ": 2, "ˇ": 3, "ˋ": 4, "˙": NEUTRAL}
_BOPOMOFO = range(0x3100, 0x3130)


def numbered_tone(reading: str | None) -> int | None:
    """The tone of a tone-number reading ("zhong4": 4, "le5": 5); None without one."""
    if reading and reading[-1] in "12345" and reading[:-1].isalpha():
        return int(reading[-1])
    return None


def syllable_tone(syllable: str, style: str) -> int | None:
    """The tone of one syllable as written in a style: "zhòng" (marks), "zhong4" (numbers),
    "ㄓㄨㄥˋ" (zhuyin, where no mark is the 1st tone and a dot the neutral one); None when it
    is not a syllable (a digit, a Latin letter written as it is)."""
    if style == "numbers":
        return numbered_tone(syllable.lower())
    if style == "zhuyin":
        if not any(ord(ch) in _BOPOMOFO for ch in syllable):
            return None
        return next((_ZHUYIN_TONES[ch] for ch in syllable if ch in _ZHUYIN_TONES), 1)
    decomposed = unicodedata.normalize("NFD", syllable)
    letters = [ch for ch in decomposed if not unicodedata.combining(ch)]
    if not letters or not all(ch.isalpha() and ch.isascii() for ch in letters):
        return None
    return next((_MARK_TONES[ch] for ch in decomposed if ch in _MARK_TONES), NEUTRAL)


def pinyin_tones(pinyin: str) -> list[ToneRun]:
    """A reading in tone marks with syllables apart ("Pǔ dīng", the card's CC-CEDICT pinyin)
    as runs: each syllable with its tone, the spaces between with none."""
    runs: list[ToneRun] = []
    for k, syllable in enumerate(pinyin.split(" ")):
        if k:
            runs.append((" ", None))
        if syllable:
            runs.append((syllable, syllable_tone(syllable, "marks")))
    return runs


def reading_runs(
    text: str, readings: Sequence[str | None], style: str = "marks", capitals: Capitals = no_capitals
) -> tuple[ToneRun, ...]:
    """A word's reading as `token_pinyin` writes it, in runs coloured by tone (() when none of
    its characters has a reading). Joined, the runs are exactly the reading shown."""
    if not any(readings):
        return ()
    return _reading_runs(text, tuple(readings), style, capitals)


@lru_cache(maxsize=100_000)
def _reading_runs(text: str, readings: tuple[str | None, ...], style: str, capitals: Capitals) -> tuple[ToneRun, ...]:
    syllables = [style_reading(r, style) if r else ch for ch, r in zip(text, readings)]
    pieces = written_pieces(syllables, capitals(text) if style != "zhuyin" else None, style)
    runs: list[ToneRun] = []
    for piece, index in pieces:
        tone = numbered_tone(readings[index]) if index >= 0 else None
        if runs and runs[-1][1] == tone:  # fewer, longer runs to draw
            runs[-1] = (runs[-1][0] + piece, tone)
        else:
            runs.append((piece, tone))
    return tuple(runs)


def character_tones(shown: str, readings: Sequence[str | None]) -> tuple[int | None, ...]:
    """The tone each shown character is coloured by: its own syllable's (None: no reading, as for
    Latin letters and digits). A display conversion that changed the word's length leaves no
    character-to-syllable map: no colours then."""
    if len(shown) != len(readings):
        return (None,) * len(shown)
    return tuple(numbered_tone(r) for r in readings)


def tone_colour(tone: int | None, theme: str) -> str | None:
    """The colour (#rrggbb) of a tone in the "light" or "dark" palette; None: the ordinary ink."""
    return TONE_PALETTES[theme].get(tone) if tone is not None else None


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2's contrast ratio of two #rrggbb colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
