"""Readings (pinyin/zhuyin) for every character of a Simplified shadow, polyphones decided in context."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache, lru_cache

from app.core.reading_styles import normalise_numbered
from app.core.reading_tables import tables

# How a polyphone is decided (measured on cpp-dev by tests/benchmarks/bench_readings.py):
#   "phrase_first": a multi-character word of pypinyin's phrase table fixes its characters;
#                   the g2pM model decides the polyphones left over.
#   "model_first":  the model decides every polyphone it knows; the phrase table the rest.
#   "no_model":     pypinyin's phrase table and default readings only.
POLICIES = ("phrase_first", "model_first", "no_model")
DEFAULT_POLICY = "phrase_first"


@cache
def default_reading(char: str) -> str | None:
    """pypinyin's first (most common) reading of one character, tone-number form, or None."""
    found = tables().readings_of(char)
    return found[0] if found else None


@cache
def has_reading(char: str) -> bool:
    """Whether the character has a Chinese reading at all (pypinyin's character table knows it)."""
    return tables().knows(char)


@lru_cache(maxsize=200_000)
def _phrase_readings(word: str) -> tuple[str, ...] | None:
    return tables().phrase(word)


def _clean_spans(n: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for span in spans or ():
        try:
            start, end = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            continue
        start, end = max(start, 0), min(end, n)
        if end - start >= 2:
            out.append((start, end))
    return out


# Characters OpenCC's t2s keeps because they are also Simplified characters, while Traditional
# (Taiwan) text writes two Simplified characters with them: 著 is both 著 (zhu4: 著名, 顯著) and
# 着 (zhe5/zhao2/zhuo2: 隨著, 睡著, 著急). Measured on cpp-dev via the shadow, 著 was the one
# real source of lost accuracy, read zhu4 everywhere because g2pM's CEDICT gives 著 only zhu4.
_ALSO_WRITES = {"著": "着"}
# Common 著 (zhu4) words that pypinyin's phrase table lacks because its default reading of 著 is
# already zhu4; without them a 著 the table leaves open is read as 着 by the model.
_ZHU_WORDS = frozenset(
    [
        "著名",
        "著作",
        "著称",
        "著述",
        "著录",
        "著者",
        "论著",
        "编著",
        "译著",
        "专著",
        "遗著",
        "巨著",
        "合著",
        "原著",
        "著作权",
    ]
)


_ALSO_TABLE = str.maketrans(_ALSO_WRITES)


def _variant(text: str) -> str:
    return text.translate(_ALSO_TABLE)


def _table_words(
    shadow: str,
    start: int,
    end: int,
    readings: list[str | None],
    fixed: set[int],
    only: set[int] | None = None,
) -> None:
    # A two-character span is either a table word itself or two single characters, which is
    # all pypinyin's maximum matching could make of it: look it up directly (most spans are
    # two characters, and the matcher costs more than the look-up).
    pieces = (shadow[start:end],) if end - start == 2 else tables().cut(shadow[start:end])
    pos = start
    for word in pieces:
        if len(word) >= 2 and (only is None or any(pos + k in only for k in range(len(word)))):
            found = _phrase_readings(word)
            if found is not None:
                for k, reading in enumerate(found):
                    if has_reading(shadow[pos + k]):
                        readings[pos + k] = reading
                        fixed.add(pos + k)
        pos += len(word)


def _phrase_pass(shadow: str, spans: Sequence[tuple[int, int]], readings: list[str | None]) -> set[int]:
    """Fill readings from phrase-table words inside each span; return the offsets so fixed."""
    fixed: set[int] = set()
    variant = None  # the whole paragraph with 着 for 著, made once and only when needed
    for start, end in _clean_spans(len(shadow), spans):
        # A segmenter word may be longer than any table entry (e.g. a name plus a title), so
        # pypinyin's own maximum matching looks for table words inside it, never across spans.
        _table_words(shadow, start, end, readings, fixed)
        doubtful = {i for i in range(start, end) if shadow[i] in _ALSO_WRITES and i not in fixed}
        if doubtful:
            # 隨著, 睡著, 穿著 are in the (Simplified) table as 随着, 睡着, 穿着.
            if variant is None:
                variant = _variant(shadow)
            _table_words(variant, start, end, readings, fixed, only=doubtful)
    return fixed


def _windows(text: str, i: int, sizes: Iterable[int]) -> Iterator[tuple[int, str]]:
    for size in sizes:
        for first in range(max(0, i - size + 1), min(i, len(text) - size) + 1):
            yield first, text[first : first + size]


def _read_as_other(shadow: str, i: int, readings: list[str | None]) -> bool:
    """Whether an _ALSO_WRITES character the table left open stands for its other character.

    Decided here, not by the spans: the segmenter's dictionary is Simplified, so around a 著 it
    cuts Traditional text arbitrarily (睡著 is one word in 睡著了 but two in 他睡著了).
    """
    if any(word in _ZHU_WORDS for _, word in _windows(shadow, i, (2, 3))):
        return False
    variant = _variant(shadow[max(0, i - 3) : i + 4])
    offset = max(0, i - 3)
    for first, word in _windows(variant, i - offset, (4, 3, 2)):
        found = _phrase_readings(word)
        if found is not None:
            readings[i] = found[i - offset - first]  # 睡着 shui4 zhao2: the table knows this one
            return False
    return True


def read_many(
    items: Sequence[tuple[str, Sequence[tuple[int, int]]]],
    *,
    policy: str = DEFAULT_POLICY,
    restrict: bool = True,
) -> list[list[str | None]]:
    """read_spans for many (shadow, spans) pairs; the model runs once over all their sentences."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; expected one of {POLICIES}")
    results: list[list[str | None]] = []
    pending: list[list[int]] = []
    texts: list[str] = []
    # numpy and the model load only when a text is read, never for displaying readings.
    from app.core import polyphone

    model = polyphone.get_model() if policy != "no_model" else None
    for shadow, spans in items:
        shadow = shadow if isinstance(shadow, str) else str(shadow)
        readings = [default_reading(ch) for ch in shadow]
        fixed = _phrase_pass(shadow, spans, readings)
        other = [
            i
            for i, ch in enumerate(shadow)
            if ch in _ALSO_WRITES and i not in fixed and _read_as_other(shadow, i, readings)
        ]
        if model is not None:
            ambiguous = [
                i
                for i, ch in enumerate(shadow)
                if readings[i] is not None and model.is_polyphone(ch) and (policy == "model_first" or i not in fixed)
            ]
            ambiguous.extend(other)
        else:
            ambiguous = []
        results.append(readings)
        pending.append(ambiguous)
        if other and model is not None:
            chars = list(shadow)
            for i in other:
                chars[i] = _ALSO_WRITES[chars[i]]
            shadow = "".join(chars)
        texts.append(shadow)
    if model is not None and any(pending):
        chosen = polyphone.disambiguate(texts, pending, restrict=restrict)
        for readings, decided in zip(results, chosen):
            for offset, reading in decided.items():
                readings[offset] = reading
    return results


def read_spans(
    shadow: str,
    spans: Sequence[tuple[int, int]],
    corrections: Mapping[int, str] | None = None,
    *,
    policy: str = DEFAULT_POLICY,
) -> list[str | None]:
    """One reading (tone-number form, "lv4", neutral tone 5) or None per character of shadow.

    corrections maps an offset to the user's reading and always wins, even where the character
    has no reading of its own (the user knows better).
    """
    readings = read_many([(shadow, spans)], policy=policy)[0]
    for offset, reading in (corrections or {}).items():
        if isinstance(offset, int) and 0 <= offset < len(readings) and isinstance(reading, str) and reading.strip():
            try:
                readings[offset] = normalise_numbered(reading)
            except Exception:  # a malformed stored correction must not stop the text from showing
                readings[offset] = reading.strip()
    return readings
