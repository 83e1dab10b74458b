"""Showing a tone-number reading in a style (marks, numbers, zhuyin) without loading pypinyin each start."""

from __future__ import annotations

import marshal
import os
import tempfile
import threading
from pathlib import Path

STYLES = ("marks", "numbers", "zhuyin")
_VERSION = 1

_lock = threading.Lock()
_table: dict[str, tuple[str, str]] | None = None  # numbered -> (marks, zhuyin)
_cache_dir: Path | None = None


def set_cache_dir(folder: Path | None) -> None:
    """Where the conversion table is kept between runs (the app's cache folder)."""
    global _cache_dir
    _cache_dir = Path(folder) if folder else None


def _build() -> dict[str, tuple[str, str]]:
    # pypinyin stays the authority: the table is every syllable its dictionary knows,
    # converted by the same functions `readings.convert_reading` uses.
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


def _path() -> Path | None:
    return _cache_dir / f"reading-styles-{_VERSION}.marshal" if _cache_dir else None


def _load() -> dict[str, tuple[str, str]]:
    global _table
    with _lock:
        if _table is not None:
            return _table
        path = _path()
        if path is not None:
            try:
                _table = marshal.loads(path.read_bytes())
                return _table
            except (OSError, EOFError, ValueError, TypeError):
                pass  # missing or damaged: build below
        _table = _build()
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
                with os.fdopen(fd, "wb") as handle:
                    handle.write(marshal.dumps(_table))
                os.replace(tmp, path)
            except OSError:
                pass  # a read-only cache only costs building it again next time
        return _table


def style_reading(numbered: str, style: str) -> str:
    """`zhong4` as `zhòng` (marks), `zhong4` (numbers) or `ㄓㄨㄥˋ` (zhuyin)."""
    if style == "numbers":
        return numbered
    hit = _load().get(numbered)
    if hit is not None:
        return hit[0] if style == "marks" else hit[1]
    from app.core.readings import convert_reading  # an unusual syllable: ask pypinyin

    return convert_reading(numbered, style)
