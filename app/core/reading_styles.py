"""Showing a tone-number reading in a style (marks, numbers, zhuyin) without loading pypinyin each start."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

STYLES = ("marks", "numbers", "zhuyin")

# numbered -> (marks, zhuyin); app.io keeps it in the cache folder between runs
StyleTable = Mapping[str, tuple[str, str]]

_lock = threading.Lock()
_table: StyleTable | None = None
_load: Callable[[], StyleTable] | None = None


def build_table() -> dict[str, tuple[str, str]]:
    """Every syllable pypinyin's dictionary knows, tone-number form, in marks and in zhuyin."""
    # pypinyin stays the authority: the table is converted by the same functions
    # `readings.convert_reading` uses.
    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.pinyin_dict import pinyin_dict

    from app.core.readings import convert_reading

    syllables = {to_tone3(s, neutral_tone_with_five=True) for v in pinyin_dict.values() for s in v.split(",")}
    syllables |= {s[:-1] + "5" for s in syllables if s[-1:].isdigit()}
    table = {}
    for numbered in syllables:
        numbered = numbered.replace("ü", "v")
        try:
            table[numbered] = (convert_reading(numbered, "marks"), convert_reading(numbered, "zhuyin"))
        except Exception:  # a syllable pypinyin itself cannot convert: left to the slow path
            continue
    return table


def use_table(load: Callable[[], StyleTable]) -> None:
    """Where the table comes from, called on first use; without one it is built in memory."""
    global _load, _table
    with _lock:
        if load is not _load:
            _load, _table = load, None


def _current() -> StyleTable:
    global _table
    table = _table
    if table is None:
        with _lock:
            if _table is None:
                _table = _load() if _load is not None else build_table()
            table = _table
    return table


def style_reading(numbered: str, style: str) -> str:
    """`zhong4` as `zhòng` (marks), `zhong4` (numbers) or `ㄓㄨㄥˋ` (zhuyin)."""
    if style == "numbers":
        return numbered
    hit = _current().get(numbered)
    if hit is not None:
        return hit[0] if style == "marks" else hit[1]
    from app.core.readings import convert_reading  # an unusual syllable: ask pypinyin

    return convert_reading(numbered, style)
