"""Turning the bytes of an imported text file into str: BOMs, UTF-8, Big5/HKSCS and GB18030, binary refused."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

# Detection reads only this much of a file that is not UTF-8: enough for hundreds of
# lines of Chinese, and charset_normalizer's cost grows with what it is given.
SAMPLE_BYTES = 64 * 1024

# The Chinese legacy encodings we choose among. cp950 stands for plain Big5: it decodes
# every Big5 character the same way except a dozen punctuation marks, where it gives
# what Windows (which wrote most Big5 files) meant, e.g. A145 as ‧ (U+2027) in 約翰‧甘迺迪.
# Big5-HKSCS comes after it because it reads the C6A1-C7FC row as symbols, not the kana
# Big5 puts there; it is only needed when cp950 cannot decode the HKSCS characters.
# GB18030 covers GB2312 and GBK content.
CHINESE = ("cp950", "big5hkscs", "gb18030")
_FAMILY = {
    "big5": "cp950",
    "cp950": "cp950",
    "big5hkscs": "big5hkscs",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
}

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-format Word/Office file (.doc, .xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
)
# Bytes below 0x20 that text files do hold: tab, line feed, vertical tab, form feed,
# carriage return, escape (ANSI colours in logs) and ^Z (the DOS end-of-file mark).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b\x1a")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f\ufffd]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CJK_MARKS = re.compile("[\u3000-\u303f\uff01-\uff5e]")
# What a wrong choice between Big5 and GB turns text into: private-use characters, kana,
# bopomofo, hangul, Greek, and the arrows, shapes and small forms of both symbol rows.
_SUSPECT = re.compile(
    "[\u0391-\u03c9\u2190-\u22ff\u2460-\u26ff\u3040-\u30ff\u3100-\u312f\uac00-\ud7af\ue000-\uf8ff\ufe30-\ufe6f]"
)


# The score (see _plausibility) above which a Chinese decoding is taken to be right.
PLAUSIBLE = 0.6

# GB18030 has a byte-order mark of its own: U+FEFF encoded, which Windows tools write.
GB18030_BOM = "\ufeff".encode("gb18030")


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate as U+FFFD, so that it can be stored and printed as UTF-8.

    Python gives a file name's (or an argument's) bytes that are not UTF-8 as lone surrogates."""
    return _SURROGATE.sub("\ufffd", text)


class DecodeError(Exception):
    """The bytes are not text we can read; the message says why (without the file's name)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def refuse_binary(data: bytes) -> None:
    """DecodeError when the bytes are a known binary format or hold NULs or many control bytes."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"is {what}, not text")
    head = data[:SAMPLE_BYTES]
    if b"\x00" in head:
        raise DecodeError("is a binary file (it holds NUL bytes), not text")
    # Big5 and GBK never use bytes below 0x40 inside a character, so control bytes mean
    # binary data whatever the encoding; a few stray ones (a form feed...) are tolerated.
    if len(head) - len(head.translate(None, _CONTROL_BYTES)) > max(2, len(head) // 100):
        raise DecodeError("is a binary file (it is mostly not text)")


def decode_text(data: bytes, declared: str | None = None) -> Decoded:
    """The text of a file's bytes, with the encoding used; DecodeError when they are not text.

    The order: a byte-order mark decides (UTF-8, UTF-16 or UTF-32); then strict UTF-8; then
    a `declared` encoding (an HTML meta charset) when it decodes strictly; then the Chinese
    legacy encodings, chosen by `choose_legacy`. A UTF-8 file cut inside its last character
    (a truncated copy) is read as UTF-8 without that partial character.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            label = "utf-8-sig" if encoding == "utf-8" else encoding[:6]
            return _decode_bom(data[len(bom) :], encoding, label, len(bom))
    if data.startswith(GB18030_BOM):
        return _decode_bom(data[len(GB18030_BOM) :], "gb18030", "gb18030", len(GB18030_BOM))
    utf16 = sniff_utf16(data)
    if utf16:
        return _decode_bom(data, utf16, utf16, 0)
    refuse_binary(data)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data):
        return _checked(data[: utf8_error.start].decode("utf-8"), "utf-8")
    prefix = data[: utf8_error.start].decode("utf-8")
    if sum(not ch.isascii() for ch in prefix) >= 16:
        # Dozens of valid UTF-8 characters cannot happen by chance in Big5 or GB bytes:
        # this is a damaged UTF-8 file, and a legacy decoding of it would be mojibake.
        raise DecodeError(
            f"is not valid UTF-8: byte 0x{data[utf8_error.start]:02x} on line "
            f"{prefix.count(chr(10)) + 1} is damaged; repair it or save the file as UTF-8 again"
        )
    tried = []
    if declared:
        try:
            known: str | None = codecs.lookup(declared).name
        except LookupError:  # an unknown label is as good as none
            known = None
        if known:
            encoding = _FAMILY.get(known.replace("_", ""), known)
            tried.append(encoding)
            try:
                if encoding in CHINESE or not _chinese_plausible(data[:SAMPLE_BYTES]):
                    return _checked(data.decode(encoding), encoding)
            except (UnicodeDecodeError, DecodeError, LookupError):  # LookupError: hex, zlib... are not text codecs
                pass
    for encoding in choose_legacy(data[:SAMPLE_BYTES]):
        if encoding in tried:
            continue
        try:
            return _checked(data.decode(encoding), encoding)
        except (UnicodeDecodeError, DecodeError):
            tried.append(encoding)
    raise DecodeError("cannot be decoded: it is not UTF-8, UTF-16, Big5, Big5-HKSCS or GB18030 text; save it as UTF-8")


def _decode_bom(body: bytes, encoding: str, label: str, skipped: int) -> Decoded:
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        name = label.upper().replace("-SIG", "")
        how = f"starts with a {name} byte-order mark" if skipped else f"begins as {name} text"
        raise DecodeError(f"{how} but is not valid {name} (bad data at byte {skipped + error.start + 1})") from None
    return _checked(text, label)


def _checked(text: str, encoding: str) -> Decoded:
    sample = text[:SAMPLE_BYTES]
    if len(_BAD_CHARS.findall(sample)) > max(2, len(sample) // 100):
        raise DecodeError("is a binary file (it is mostly not text)")
    return Decoded(text, encoding)


def sniff_utf16(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text saved without a byte-order mark, else None.

    Such a file holds NULs (the high byte of ASCII) or control bytes (the low byte of many
    Han characters), so without this it would be refused as binary. Only data that is not
    UTF-8 is considered, and the decoding must read as text: ASCII, common Han characters
    and CJK punctuation. Random bytes, or Big5 and GB text read in pairs, come out as rare
    characters and symbols, far below the bar.
    """
    head = data[:SAMPLE_BYTES]
    if len(head) < 4 or (b"\x00" not in head and _decode_sample(head, "utf-8") is not None):
        return None
    common = _common_han()
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _decode_sample(head[: len(head) // 2 * 2], encoding)
        if not text:
            continue
        texty = sum(
            1
            for ch in text
            if (ch.isascii() and (ch.isprintable() or ch in "\t\r\n")) or ch in common or _CJK_MARKS.match(ch)
        )
        if texty >= 0.9 * len(text):
            return encoding
    return None


def choose_legacy(sample: bytes) -> list[str]:
    """The encodings worth trying on a file that is not UTF-8, best first.

    charset_normalizer proposes; we check. Each Chinese encoding that decodes the sample
    strictly is scored by how much of its Han text is common characters (GB2312 level 1
    or Big5's frequent set): the right decoding scores near 1, a Big5 file read as GBK or
    the reverse about half, with private-use, kana and bopomofo marks counting against it.
    charset_normalizer alone is often wrong on short Chinese (it says cp949 or johab for a
    line of Big5), so its guess only breaks near-ties, or wins when no Chinese decoding is
    plausible (a Windows-1252 or Shift_JIS file).
    """
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    guess = best.encoding if best is not None else None
    guess_family = _FAMILY.get((guess or "").replace("_", ""))
    scored = []
    for order, encoding in enumerate(CHINESE):
        text = _decode_sample(sample, encoding)
        if text is None:
            continue
        bonus = 0.05 if guess_family and (encoding == "gb18030") == (guess_family == "gb18030") else 0.0
        scored.append((_plausibility(text) + bonus, -order, encoding))
    scored.sort(reverse=True)
    ranked = [encoding for _, _, encoding in scored]
    if guess and guess_family is None:
        plausible = bool(scored) and scored[0][0] >= PLAUSIBLE
        return [guess, *ranked] if not plausible else [*ranked, guess]
    return ranked


def _chinese_plausible(sample: bytes) -> bool:
    """Whether a Chinese encoding reads the sample as common Chinese text.

    A page labelled ISO-8859-1 or windows-1252 decodes whatever its bytes are, so the label is
    checked against them: Big5 or GBK bytes read as Latin-1 would be stored as mojibake."""
    return any(
        text is not None and _HAN.search(text) is not None and _plausibility(text) >= PLAUSIBLE
        for text in (_decode_sample(sample, encoding) for encoding in CHINESE)
    )


def _decode_sample(sample: bytes, encoding: str) -> str | None:
    # The sample may end inside a two-byte character; an incremental decoder not told
    # that the input is final leaves those bytes pending instead of failing on them.
    try:
        return codecs.getincrementaldecoder(encoding)("strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return None


def _plausibility(text: str) -> float:
    han = _HAN.findall(text)
    marks = len(_CJK_MARKS.findall(text))
    suspect = len(_SUSPECT.findall(text))
    if not han and not marks:
        return 0.5 if not suspect else 0.0
    common = _common_han()
    good = sum(ch in common for ch in han) + marks
    return good / (len(han) + marks + 3 * suspect)


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The frequent characters both standards set apart: GB2312 level 1 and Big5's common set."""
    chars = set()
    for encoding, leads, trails in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("cp950", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ):
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(encoding))
                except UnicodeDecodeError:
                    pass
    return frozenset(ch for ch in chars if _HAN.match(ch))
