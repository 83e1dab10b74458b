"""Reading forms (tone numbers zhong4, tone marks zhòng, zhuyin ㄓㄨㄥˋ): every conversion between them."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping

from app.core.provided import Provided

# Readings are kept in tone numbers, lower case, ü written v and the neutral tone 5 ("lv4", "le5");
# the other forms are made from that one when shown.
STYLES = ("marks", "numbers", "zhuyin")

# numbered -> (marks, zhuyin); app.io keeps it in the cache folder between runs
StyleTable = Mapping[str, tuple[str, str]]


# -- into tone numbers ------------------------------------------------------------------------------


def marks_to_numbers(marked: str) -> str:
    """One syllable in tone marks ("zhòng", "le") in tone numbers ("zhong4", "le5"), as pypinyin reads it."""
    from pypinyin.contrib.tone_convert import to_tone3

    return to_tone3(marked, neutral_tone_with_five=True)


def normalise_numbered(reading: str) -> str:
    """Lower-case tone-number form with ü written v and a missing tone read as neutral (5)."""
    r = reading.strip().lower().replace("ü", "v").replace("u:", "v")
    if r and not r[-1].isdigit():
        # a reading typed with marks ("zhōng") or without a tone ("le")
        if not r.isascii():
            marked = marks_to_numbers(r)
            r = marked if marked.isascii() else r
        if not r[-1].isdigit() and r.isascii() and r.isalpha():
            r += "5"
    return r


def numbered_from_cedict(reading: str) -> str:
    """A CC-CEDICT reading ("lu:4", "Pu3") written as the app writes readings ("lv4", "pu3")."""
    return reading.replace("u:", "v").lower()


def character_readings(char: str) -> tuple[str, ...]:
    """Every reading pypinyin knows for one character, tone numbers, the most common first; () for none."""
    from app.core.reading_tables import tables

    return tuple(dict.fromkeys(s.replace("ü", "v") for s in tables().readings_of(char)))


# -- out of tone numbers --------------------------------------------------------------------------------


def convert_reading(numbered: str, style: str) -> str:
    """A tone-number reading ("zhong4") in the given style: marks "zhōng", numbers, zhuyin "ㄓㄨㄥˋ".

    pypinyin's converters decide; `style_reading` gives the same from a table, without loading them.
    """
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; expected one of {STYLES}")
    numbered = normalise_numbered(numbered)
    if style == "numbers":
        return numbered
    from pypinyin import Style
    from pypinyin.contrib.tone_convert import to_tone
    from pypinyin.style import convert

    marked = to_tone(numbered)  # pypinyin drops the 5 of a neutral tone and writes ü
    if style == "marks":
        return marked
    zhuyin = convert(marked, Style.BOPOMOFO, strict=True)
    # pypinyin appends the neutral-tone dot; Taiwan's zhuyin writes it before the syllable.
    if zhuyin.endswith("˙"):
        zhuyin = "˙" + zhuyin[:-1]
    return zhuyin


def build_table() -> dict[str, tuple[str, str]]:
    """Every syllable pypinyin's dictionary knows, tone-number form, in marks and in zhuyin."""
    from pypinyin.pinyin_dict import pinyin_dict

    syllables = {marks_to_numbers(s) for v in pinyin_dict.values() for s in v.split(",")}
    syllables |= {s[:-1] + "5" for s in syllables if s[-1:].isdigit()}
    table = {}
    for numbered in syllables:
        numbered = numbered.replace("ü", "v")
        try:
            table[numbered] = (convert_reading(numbered, "marks"), convert_reading(numbered, "zhuyin"))
        except Exception:  # a syllable pypinyin itself cannot convert: left to the slow path
            continue
    return table


_table: Provided[StyleTable] = Provided(build_table)


def use_table(load: Callable[[], StyleTable]) -> None:
    """Where the table comes from, called on first use; without one it is built in memory."""
    _table.use(load)


def style_reading(numbered: str, style: str) -> str:
    """`zhong4` as `zhòng` (marks), `zhong4` (numbers) or `ㄓㄨㄥˋ` (zhuyin), without loading pypinyin
    (the style table holds every syllable it knows)."""
    if style == "numbers":
        return numbered
    hit = _table.get().get(numbered)
    if hit is not None:
        return hit[0] if style == "marks" else hit[1]
    return convert_reading(numbered, style)  # an unusual syllable: ask pypinyin


# -- pinyin strings: CC-CEDICT's, the user's, and keys to compare them by ----------------------------------

_COMBINING_TONE = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}
_syllable_cache: dict[str, str] = {}


def _mark_syllable(syllable: str) -> str:
    base = syllable.replace("u:", "ü").replace("U:", "Ü")
    if not base or base[-1] not in "012345":
        return base
    tone, base = base[-1], base[:-1]
    mark = _COMBINING_TONE.get(tone)
    if mark is None:
        return base
    lower = base.lower()
    # The standard rule: a or e takes the mark, o in "ou", otherwise the last vowel; syllabic
    # m/n (m2, ng2) take it on the consonant.
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower:
        at = lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [i for i, ch in enumerate(lower) if ch in "iouüê"]
        if vowels:
            at = vowels[-1]
        elif lower[:1] in ("m", "n"):
            at = 0
        else:
            return syllable  # "xx5"-like placeholders keep their number rather than lose it
    return unicodedata.normalize("NFC", base[: at + 1] + mark + base[at + 1 :])


def numbers_to_marks(pinyin: str) -> str:
    """CC-CEDICT tone-number pinyin ("lu:3 you2", "Pu3 ding1") with tone marks ("lǚ yóu", "Pǔ dīng").

    Unlike `convert_reading` it keeps capitals and anything that is not a syllable ("C", "xx5"),
    as CC-CEDICT writes them; on every syllable pypinyin knows the two agree (a test checks).
    """
    out = []
    for syllable in pinyin.split(" "):
        marked = _syllable_cache.get(syllable)
        if marked is None:
            marked = _syllable_cache.setdefault(syllable, _mark_syllable(syllable))
        out.append(marked)
    return " ".join(out)


def normalise_pinyin(value: str) -> str:
    """Tone marks from what the user typed: `pu3 jing1` becomes `pǔ jīng`; marks pass through."""
    out = []
    for syllable in str(value).split():
        if any(ch.isdigit() for ch in syllable):
            try:
                syllable = convert_reading(syllable, "marks")
            except (ValueError, KeyError):
                pass  # not a syllable pypinyin knows: keep what the user wrote
        out.append(syllable)
    return " ".join(out)


_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def pinyin_keys(text: str) -> tuple[str, str]:
    """(tone-numbered, toneless) keys of a pinyin string: `Pǔ jīng`, `pu3 jing1`, `pujing` all compare.

    A tone mark becomes a digit at the end of its syllable; syllable ends are found after
    the marked vowel's final consonants (n, ng, r), which is all pinyin needs here.
    """
    lowered = unicodedata.normalize("NFD", text.casefold().replace("ü", "v").replace("u:", "v"))
    lowered = lowered.replace("u\u0308", "v")
    out, pending = [], ""
    # Anything else (a space, an apostrophe as in Xī'ān) ends a syllable; keep it as a marker.
    chars = [c if (c.isalnum() or c in _MARKS) else " " for c in lowered]
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch in _MARKS:
            pending = _MARKS[ch]
            # carry the tone to the end of the syllable: vowels, then n / ng / r codas
            j = i + 1
            while j < len(chars) and chars[j] in "aeiouv":
                j += 1
            if j < len(chars) and chars[j] == "n":
                j += 1
                if j < len(chars) and chars[j] == "g" and not (j + 1 < len(chars) and chars[j + 1] in "aeiouv"):
                    j += 1
                elif j < len(chars) and chars[j] in "aeiouv":
                    j -= 1  # the n starts the next syllable
            elif j < len(chars) and chars[j] == "r" and not (j + 1 < len(chars) and chars[j + 1] in "aeiouv"):
                j += 1
            out.extend(chars[i + 1 : j])
            out.append(pending)
            i = j
            continue
        out.append(ch)
        i += 1
    numbered = "".join(out).replace("5", "").replace(" ", "")
    toneless = "".join(c for c in numbered if not c.isdigit())
    return numbered, toneless
