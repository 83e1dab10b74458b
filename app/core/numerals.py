"""Numbers in a Chinese text and in its English translation, as values, so a check can tell
whether a number of the source was kept: 三年半 is 3.5, 一百萬 is 1,000,000 ("1 million" or
"one million"), 百分之二十 is 20 (as "20%" or "twenty per cent"), 2,300 萬 is 23,000,000."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000, "兆": 1_000_000_000_000}
_NUMERAL_CHARS = "".join([*_DIGITS, *_SMALL_UNITS, *_BIG_UNITS])

# A run of Chinese numerals, a decimal part after 點/点, and a 半 after one measure word (三年半,
# 兩個半): the measure word may be 個 plus a unit (一個半月).
_CHINESE = re.compile(
    rf"(?P<pct>百分之)?(?P<num>[{_NUMERAL_CHARS}]+)(?:[點点](?P<frac>[{''.join(_DIGITS)}]+)(?P<scale>[萬万億亿]*))?"
    rf"(?P<half>(?:[個个]?[^\s{_NUMERAL_CHARS}\d，。、；：！？「」『』（）《》]半))?(?P<more>[餘余多幾几來来])?"
)
# Arabic digits (ASCII once NFKC has folded full-width ones), with thousands separators and a
# decimal part, then optionally a Chinese unit (2.3 億, 1,200 萬) or a percent sign.
_ARABIC_ZH = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<unit>[萬万億亿千百]+))?")
_ARABIC_EN = re.compile(r"(?<![\d.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")

# Words that hold a numeral character but are not a number (一直 "always", 萬一 "in case",
# 兩岸 "both sides of the strait", 百姓 "the people"...): the run is skipped where it is one.
NOT_NUMBERS = (
    "一直", "一些", "一般", "一樣", "一样", "一旦", "一起", "一切", "一致", "一定", "一再", "一度",
    "一律", "一向", "一時", "一时", "一味", "一同", "一帶一路", "一带一路", "一方面", "一邊", "一边",
    "統一", "统一", "唯一", "同一", "萬一", "万一", "十分", "千萬", "千万", "百姓", "三思", "一一",
    "兩岸", "两岸", "不一", "之一", "第一手", "一番", "一部分", "一系列", "一連串", "一连串",
    "兩難", "两难", "三心兩意", "三心二意", "一舉", "一举",
)  # fmt: skip

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip
# Words a translation writes for a number without a numeral: 兩國 "both countries", 八月
# "August", 十年 "a decade", 兩次 "twice".
_EN_OTHER = {
    "once": 1, "twice": 2, "both": 2, "pair": 2, "dozen": 12, "decade": 10, "decades": 10, "century": 100,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "half": 0.5,
    "bilateral": 2, "trilateral": 3, "double": 2, "triple": 3,
    # Roman numerals as names write them (World War II); not I, V or X, which are words or letters.
    "ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
}  # fmt: skip
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_EN_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Number:
    """A number found in a text: its value and where it is (offsets into the text given)."""

    value: float
    start: int
    end: int
    text: str
    approximate: bool = False  # 十餘國 "more than ten", 三年多 "over three years": a larger value keeps it


def chinese_numeral(text: str) -> float | None:
    """The value of a run of Chinese numerals (一百萬 → 1000000, 二十三 → 23, 三千零五 → 3005,
    一二三 → 123 as digits are read out one by one), or None when it is not one."""
    if not text or any(ch not in _NUMERAL_CHARS for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):
        # Digits one by one: 二〇二五 (a year), 一二三.
        return float(int("".join(str(_DIGITS[ch]) for ch in text)))
    total = 0  # what the big units (萬, 億) have gathered
    section = 0  # the part below the last big unit
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            # 十 alone, or at the start of 十五, means one ten.
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            unit = _BIG_UNITS[ch]
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                section = 1  # 萬 alone: one of them
            if total and total < unit:
                total = (total + section) * unit  # 十萬億: the units multiply
            else:
                total += section * unit
            section = 0
    return float(total + section + (digit or 0))


def _masked(text: str) -> str:
    """`text` with the words that are not numbers blanked out (same length)."""
    for word in NOT_NUMBERS:
        if word in text:
            text = text.replace(word, "\u3000" * len(word))
    return text


_FULL_WIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "％": "%"})


def source_numbers(text: str) -> list[Number]:
    """The numbers of a Chinese paragraph, in text order. A lone 一 (一個 "a", 一種 "a kind of")
    is left out unless it is 第一 "first": translations write it as an article far more often
    than as a number."""
    folded = text.translate(_FULL_WIDTH)  # one character for one: offsets stay those of `text`
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    for m in _ARABIC_ZH.finditer(folded):
        value = float(m.group("num").replace(",", ""))
        for ch in m.group("unit") or "":
            value *= _SMALL_UNITS.get(ch) or _BIG_UNITS[ch]
        end = m.end() if m.group("unit") else m.end("num")
        found.append(Number(value, m.start(), end, text[m.start() : end]))
        taken.append((m.start(), end))
    masked = _masked(folded)
    for m in _CHINESE.finditer(masked):
        if any(a <= m.start() < b for a, b in taken):
            continue  # the 萬 of 1,200 萬 is part of that number
        run = m.group("num")
        read = chinese_numeral(run)
        if read is None:
            continue
        value = read
        if m.group("frac"):
            value += float("0." + "".join(str(_DIGITS[ch]) for ch in m.group("frac")))
            for ch in m.group("scale"):
                value *= _BIG_UNITS[ch]  # 三點五億: 3.5 hundred millions
        if m.group("half"):
            value += 0.5
        elif run == "一" and not (m.group("pct") or m.group("frac") or masked[m.start() - 1 : m.start()] == "第"):
            continue
        end = m.end("more") if m.group("more") else m.end()
        found.append(Number(value, m.start(), end, text[m.start() : end], bool(m.group("more"))))
    found.sort(key=lambda n: n.start)
    return found


def english_values(text: str) -> set[float]:
    """Every number value an English text writes: digits (1,000,000, 3.5, 22.6%, 15th), number
    words (three and a half, one million, twenty-three), ordinals, months, twice, a decade."""
    lowered = text.casefold()
    values: set[float] = set()
    for m in _ARABIC_EN.finditer(lowered):
        value = float(m.group("num").replace(",", ""))
        values.add(value)
        after = _EN_WORD.match(lowered, m.end() + 1) if lowered[m.end() : m.end() + 1] in (" ", "\u00a0") else None
        if after is not None and after.group() in _EN_SCALES:
            values.add(value * _EN_SCALES[after.group()])  # 1.2 million
        if lowered.startswith(" and a half", m.end()):
            values.add(value + 0.5)
    values.update(_spelled_numbers(_EN_WORD.findall(lowered)))
    return values


def _spelled_numbers(words: list[str]) -> set[float]:
    """Values of number words, each run read as one number ("two hundred and fifty thousand" is
    250,000, "three and a half" 3.5, "a million" 1,000,000), and each number word alone."""
    values: set[float] = set()
    total = current = 0.0
    in_run = False
    for word in words:
        if word in _EN_UNITS:
            unit = _EN_UNITS[word]
            if in_run and current % 100 and not (current % 10 == 0 and unit < 10):
                values.add(total + current)  # "one two": two numbers, not three
                total = current = 0.0
            current += unit
            values.add(float(unit))
            in_run = True
        elif word == "hundred":
            current = (current or 1.0) * 100
            in_run = True
        elif word in _EN_SCALES:
            total += (current or 1.0) * _EN_SCALES[word]
            current = 0.0
            in_run = True
        elif word in ("and", "a"):
            continue  # inside a run: "two hundred and fifty", "three and a half", "a million"
        elif word == "half" and in_run:
            current += 0.5
        elif word in _EN_ORDINALS and in_run:
            values.add(total + current + _EN_ORDINALS[word])  # twenty-first
            total = current = 0.0
            in_run = False
        else:
            if in_run:
                values.add(total + current)
            total = current = 0.0
            in_run = False
            value = _EN_ORDINALS.get(word, _EN_OTHER.get(word))
            if value is not None:
                values.add(float(value))
    if in_run:
        values.add(total + current)
    return values


def kept(number: Number, values: set[float]) -> bool:
    """Whether the number is among `values`, to a float's rounding (3.5 million is 3,500,000);
    an approximate one also as a larger value below twice it (十餘國 "a dozen countries")."""
    value = number.value
    if any(abs(value - v) <= 1e-9 * max(1.0, abs(value)) for v in values):
        return True
    return number.approximate and any(value < v < 2 * value for v in values)
