"""Script conversion with OpenCC's data: the Simplified shadow and display scripts with offset maps."""

from __future__ import annotations

import json
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc

# OpenCC's configuration files and dictionaries come from the opencc-python-reimplemented
# package; we only replace its conversion loop, which neither keeps offsets nor is fast
# enough to build a shadow of a 2 MB novel.
_OPENCC_DIR = Path(opencc.__file__).resolve().parent

# Display scripts the reader offers. "original" shows the text as written.
DISPLAY_SCRIPTS = ("original", "tw", "cn", "hk")

# Which OpenCC configuration reaches each display script, by the script of the source.
# A Traditional source is never sent through Simplified and back (that would rewrite
# characters the author chose, e.g. 後/后, 乾/干); it only gets the regional variant forms.
_CONFIG_FOR = {
    ("tw", "traditional"): "t2tw",
    ("tw", "simplified"): "s2twp",
    ("hk", "traditional"): "t2hk",
    ("hk", "simplified"): "s2hk",
    ("cn", "traditional"): "tw2sp",
    ("cn", "simplified"): None,
}


def _read_dictionary(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    with open(_OPENCC_DIR / "dictionary" / name, encoding="utf-8") as handle:
        for line in handle:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                # Several candidates are listed most common first; like OpenCC we take the first.
                table.setdefault(key, values.split(" ")[0])
    return table


def _dictionary_files(node: dict) -> list[str]:
    if node.get("type") == "group":
        return [name for child in node["dicts"] for name in _dictionary_files(child)]
    return [node["file"]]


class _Stage:
    """One step of an OpenCC chain: forward maximum matching over a group of dictionaries."""

    def __init__(self, files: list[str]):
        self.table: dict[str, str] = {}
        # Earlier dictionaries of a group win (phrases are listed before characters).
        for name in reversed(files):
            self.table.update(_read_dictionary(name))
        self.longest: dict[str, int] = {}
        for key in self.table:
            if len(key) > self.longest.get(key[0], 0):
                self.longest[key[0]] = len(key)

    def pieces(self, text: str) -> list[tuple[int, str]]:
        """The text cut into (source length, converted text) pieces, left to right."""
        out: list[tuple[int, str]] = []
        table, longest = self.table, self.longest
        i, n = 0, len(text)
        while i < n:
            limit = longest.get(text[i], 0)
            if limit:
                for size in range(min(limit, n - i), 0, -1):
                    hit = table.get(text[i : i + size])
                    if hit is not None:
                        out.append((size, hit))
                        i += size
                        break
                else:
                    out.append((1, text[i]))
                    i += 1
            else:
                out.append((1, text[i]))
                i += 1
        return out


@dataclass(frozen=True)
class Converted:
    """A converted text and the points where source and output offsets correspond.

    Where a phrase conversion changed the length of a span, the span has no inner cut
    points: offsets inside it map to its start, so tokens that meet inside such a span still
    join up to the whole converted text.
    """

    source: str
    text: str
    source_cuts: tuple[int, ...]
    output_cuts: tuple[int, ...]

    def to_output(self, offset: int) -> int:
        """The output offset of a source offset (the start of its span when inside one)."""
        return self.output_cuts[bisect_right(self.source_cuts, offset) - 1]

    def span(self, start: int, end: int) -> str:
        """The converted text of the source span [start, end)."""
        return self.text[self.to_output(start) : self.to_output(end)]


def _identity(text: str) -> Converted:
    cuts = tuple(range(len(text) + 1))
    return Converted(text, text, cuts, cuts)


class Converter:
    """A whole OpenCC configuration (t2s, s2twp, ...) that keeps offsets."""

    def __init__(self, config: str):
        with open(_OPENCC_DIR / "config" / f"{config}.json", encoding="utf-8") as handle:
            spec = json.load(handle)
        self.name = config
        self.stages = [_Stage(_dictionary_files(step["dict"])) for step in spec["conversion_chain"]]

    def convert(self, text: str) -> Converted:
        result = _identity(text)
        for stage in self.stages:
            result = _compose(result, stage.pieces(result.text))
        return result


def _compose(before: Converted, pieces: list[tuple[int, str]]) -> Converted:
    """Apply one stage's pieces to `before`, keeping only cut points both steps agree on."""
    middle_to_source = dict(zip(before.output_cuts, before.source_cuts))
    source_cuts, output_cuts, chunks = [0], [0], []
    mid = out = 0
    for size, replacement in pieces:
        chunks.append(replacement)
        if size == len(replacement):
            steps = range(1, size + 1)
            for step in steps:
                origin = middle_to_source.get(mid + step)
                if origin is not None:
                    source_cuts.append(origin)
                    output_cuts.append(out + step)
        else:
            origin = middle_to_source.get(mid + size)
            if origin is not None:
                source_cuts.append(origin)
                output_cuts.append(out + len(replacement))
        mid += size
        out += len(replacement)
    return Converted(before.source, "".join(chunks), tuple(source_cuts), tuple(output_cuts))


@lru_cache(maxsize=None)
def converter(config: str) -> Converter:
    """A shared converter per OpenCC configuration (dictionaries load once)."""
    return Converter(config)


class _Shadow:
    """t2s that never changes length: one str.translate plus the few length-keeping phrases."""

    def __init__(self) -> None:
        chars = _read_dictionary("TSCharacters.txt")
        self.table = str.maketrans({k: v for k, v in chars.items() if len(k) == 1 and len(v) == 1})
        phrases = {k: v for k, v in _read_dictionary("TSPhrases.txt").items() if len(k) == len(v)}
        self.phrases = phrases
        # Longest first, so the alternation finds the longest phrase at each position.
        keys = sorted(phrases, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, keys)))

    def __call__(self, text: str) -> str:
        shadow = text.translate(self.table)
        if not self.pattern.search(text):
            return shadow
        parts, last = [], 0
        for match in self.pattern.finditer(text):
            parts.append(shadow[last : match.start()])
            parts.append(self.phrases[match.group()])
            last = match.end()
        parts.append(shadow[last:])
        return "".join(parts)


_shadow_lock = threading.Lock()
_shadow: _Shadow | None = None


def simplified_shadow(text: str) -> str:
    """The text in Simplified characters, exactly as long as the text (offsets map 1:1).

    Segmentation and readings work on this shadow because jieba's dictionary and
    pypinyin's phrase table are Simplified. Phrase conversions that would change the
    length are not applied; those characters are converted one by one.
    """
    global _shadow
    if _shadow is None:
        with _shadow_lock:
            if _shadow is None:
                _shadow = _Shadow()
    return _shadow(text)


def detect_script(text: str) -> str:
    """'traditional' or 'simplified': whichever the text's script-specific characters favour."""
    shadow = simplified_shadow(text)
    traditional = sum(1 for a, b in zip(text, shadow) if a != b)
    simplified_only = converter("s2t").stages[0].table
    simplified = sum(1 for ch in text if simplified_only.get(ch, ch) != ch)
    return "traditional" if traditional >= simplified and traditional else (
        "simplified" if simplified else "traditional"
    )


def convert_for_display(text: str, script: str, source_script: str | None = None) -> Converted:
    """The text in a display script ('original', 'tw', 'cn', 'hk') with its offset map."""
    if script not in DISPLAY_SCRIPTS:
        raise ValueError(f"unknown script {script!r}; expected one of {', '.join(DISPLAY_SCRIPTS)}")
    if script == "original" or not text:
        return _identity(text)
    config = _CONFIG_FOR[(script, source_script or detect_script(text))]
    return converter(config).convert(text) if config else _identity(text)
