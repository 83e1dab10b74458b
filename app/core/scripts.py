"""Script conversion with OpenCC's data: the Simplified shadow and display scripts with offset maps."""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.opencc_tables import OpenccTables, tables_in_use
from app.core.provided import MadeFrom
from app.core.script_detection import SCRIPT_CHOICES, SIMPLIFIED, TRADITIONAL, detect_script, script_runs

if TYPE_CHECKING:
    import numpy as np

    from app.core.ngrams import SortedKeys

# numpy and the n-gram hashes are imported where a conversion first needs them, not with this
# module: every layer imports it for its names, and a window reopening a cached article never
# converts on its first screen (numpy costs about 80 ms of a 300 ms start).

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


def _first_candidates(tables: OpenccTables, name: str) -> dict[str, str]:
    # Like OpenCC, take the first (most common) candidate.
    return {key: values[0] for key, values in tables.candidates(name).items()}


class _Stage:
    """One step of an OpenCC chain: forward maximum matching over a group of dictionaries."""

    def __init__(self, tables: OpenccTables, files: Sequence[str]):
        self.table: dict[str, str] = {}
        # Earlier dictionaries of a group win (phrases are listed before characters).
        for name in reversed(files):
            self.table.update(_first_candidates(tables, name))
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

    def __init__(self, tables: OpenccTables, config: str):
        self.name = config
        self.stages = [_Stage(tables, files) for files in tables.chain(config)]

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


def converter(config: str) -> Converter:
    """A shared converter per OpenCC configuration (dictionaries load once)."""
    return _current().converter(config)


class _Shadow:
    """A conversion that never changes length: one str.translate plus the length-keeping phrases.

    Phrases are matched as OpenCC does, the longest one starting at the leftmost place first.
    A short table (t2s: about 300 phrases) is one regular expression; a long one (s2t: about
    50,000) is looked up as hashed n-grams, a vector step per phrase length, since the regular
    expression engine tries such an alternation branch by branch (measured 1.9 s for 33,000
    characters, against a few milliseconds).
    """

    _REGEX_LIMIT = 2000

    def __init__(self, tables: OpenccTables, characters: str, phrase_files: tuple[str, ...]) -> None:
        chars = _first_candidates(tables, characters)
        self.table = str.maketrans({k: v for k, v in chars.items() if len(k) == 1 and len(v) == 1})
        phrases: dict[str, str] = {}
        for name in phrase_files:
            for k, v in _first_candidates(tables, name).items():
                if len(k) == len(v) and len(k) > 1:
                    phrases.setdefault(k, v)
        self.phrases = phrases
        self.pattern: re.Pattern[str] | None = None
        self.by_length: dict[int, tuple[SortedKeys, list[str]]] = {}
        if 0 < len(phrases) <= self._REGEX_LIMIT:
            # Longest first, so the alternation finds the longest phrase at each position.
            keys = sorted(phrases, key=len, reverse=True)
            self.pattern = re.compile("|".join(map(re.escape, keys)))
        elif phrases:
            import numpy as np

            from app.core import ngrams
            from app.core.ngrams import SortedKeys

            for length in sorted({len(k) for k in phrases}, reverse=True):
                keys = [k for k in phrases if len(k) == length]
                hashes = ngrams.of_many(keys)
                order = np.argsort(hashes, kind="stable")
                self.by_length[length] = (SortedKeys(hashes[order]), [phrases[keys[i]] for i in order])

    def _matches(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, replacement) of the phrases to apply, left to right, not overlapping."""
        if self.pattern is not None:
            return [(m.start(), m.end(), self.phrases[m.group()]) for m in self.pattern.finditer(text)]
        import numpy as np

        from app.core import ngrams

        c = ngrams.codes(text)
        n = len(c)
        best: dict[int, tuple[int, str]] = {}
        grams = np.zeros(n, dtype=np.uint64)
        hashes: dict[int, np.ndarray] = {}
        for length in range(1, max(self.by_length, default=0) + 1):
            if length > n:
                break
            grams = ngrams.extend(grams[: n - length + 1], c[length - 1 :])
            hashes[length] = grams
        for length, (keys, values) in self.by_length.items():  # longest first
            if length not in hashes:
                continue
            at = keys.find(hashes[length])
            for start in np.flatnonzero(at >= 0).tolist():
                best.setdefault(start, (length, values[at[start]]))
        out, pos = [], 0
        for start in sorted(best):
            if start >= pos:
                length, value = best[start]
                out.append((start, start + length, value))
                pos = start + length
        return out

    def __call__(self, text: str) -> str:
        shadow = text.translate(self.table)
        matches = self._matches(text)
        if not matches:
            return shadow
        parts, last = [], 0
        for start, end, value in matches:
            parts.append(shadow[last:start])
            parts.append(value)
            last = end
        parts.append(shadow[last:])
        return "".join(parts)


_SHADOW_SOURCES = {
    "t2s": ("TSCharacters.txt", ("TSPhrases.txt",)),
    "s2t": ("STCharacters.txt", ("STPhrases.txt",)),
    # Taiwan variant characters back to OpenCC's standard Traditional ones (裡 -> 裏, 着 ->
    # 著), part of tw2sp; t2s then follows. Not tw2sp's word list (軟體 -> 軟件, 智慧 ->
    # 智能): that swaps words, and a reading of 软件 is not one of 軟體.
    "tw2t": ("TWVariantsRev.txt", ("TWVariantsRevPhrases.txt",)),
}


def _shadow_of(name: str) -> _Shadow:
    return _current().shadow(name)


def simplified_shadow(text: str) -> str:
    """The text in Simplified characters, exactly as long as the text (offsets map 1:1).

    Readings work on this shadow because pypinyin's phrase table and the polyphone model are
    Simplified. Phrase conversions that would change the length are not applied; those
    characters are converted one by one.
    """
    return _shadow_of("t2s")(text)


def mainland_shadow(text: str) -> str:
    """Taiwan text in Simplified characters, Taiwan's variant characters first taken back to
    the standard ones (裡 -> 裏 -> 里), exactly as long as the text."""
    return _shadow_of("t2s")(_shadow_of("tw2t")(text))


def traditional_shadow(text: str) -> str:
    """The text in Traditional characters, exactly as long as the text (for Simplified text)."""
    return _shadow_of("s2t")(text)


# -- what is built from the tables in use -----------------------------------------------------------


class _Built:
    """What is made from one set of tables, each piece when first needed and then kept."""

    def __init__(self, tables: OpenccTables) -> None:
        self.tables = tables
        self._lock = threading.RLock()
        self._converters: dict[str, Converter] = {}
        self._shadows: dict[str, _Shadow] = {}

    def converter(self, config: str) -> Converter:
        with self._lock:
            found = self._converters.get(config)
            if found is None:
                found = self._converters[config] = Converter(self.tables, config)
            return found

    def shadow(self, name: str) -> _Shadow:
        found = self._shadows.get(name)
        if found is None:
            with self._lock:
                found = self._shadows.get(name)
                if found is None:
                    found = self._shadows[name] = _Shadow(self.tables, *_SHADOW_SOURCES[name])
        return found


_built: MadeFrom[OpenccTables, _Built] = MadeFrom(_Built)


def _current() -> _Built:
    """What is built from the tables in use (built again if other tables were handed over)."""
    return _built.get(tables_in_use())


def forms(text: str, script: str = "auto") -> tuple[str, str]:
    """The text in Traditional and in Simplified characters, both exactly as long as it.

    Each sentence is converted only where it is in the other script: a Traditional sentence is
    its own Traditional form and a Simplified one its own Simplified form, so nothing the
    author wrote is sent through a conversion and back. A Traditional sentence's Simplified
    form goes through Taiwan's variant characters first (`mainland_shadow`). `script` forces
    one script for the whole text.
    """
    if script == TRADITIONAL:
        return text, mainland_shadow(text)
    if script == SIMPLIFIED:
        return traditional_shadow(text), text
    if script != "auto":
        raise ValueError(f"unknown script {script!r}; expected one of {', '.join(SCRIPT_CHOICES)}")
    runs = script_runs(text)
    if all(run.script != SIMPLIFIED for run in runs):
        return text, mainland_shadow(text)
    if all(run.script != TRADITIONAL for run in runs):
        return traditional_shadow(text), text
    trad, simp = [], []
    for run in runs:
        piece = text[run.start : run.end]
        if run.script == SIMPLIFIED:
            trad.append(traditional_shadow(piece))
            simp.append(piece)
        else:
            trad.append(piece)
            simp.append(mainland_shadow(piece))
    return "".join(trad), "".join(simp)


def convert_for_display(text: str, script: str, source_script: str | None = None) -> Converted:
    """The text in a display script ('original', 'tw', 'cn', 'hk') with its offset map."""
    if script not in DISPLAY_SCRIPTS:
        raise ValueError(f"unknown script {script!r}; expected one of {', '.join(DISPLAY_SCRIPTS)}")
    if script == "original" or not text:
        return _identity(text)
    config = _CONFIG_FOR[(script, source_script or detect_script(text))]
    return converter(config).convert(text) if config else _identity(text)
