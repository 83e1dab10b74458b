"""Font files for the PDF handout: a CJK face for each script, and a Latin face for the notes.

A PDF embeds the font files themselves, so the writer needs their paths (a family name is not
enough). fontconfig knows them where it is installed (Linux, BSD); elsewhere the usual font
folders are searched for the faces' names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.core.script_detection import SIMPLIFIED, TRADITIONAL

# The Traditional and Simplified faces differ in the shapes of many characters (the regional
# standards), so each paragraph gets the face of its script, as `lang` does in a browser.
CJK_FAMILIES = {
    TRADITIONAL: ("Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"),
    SIMPLIFIED: ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"),
}
# Notes are English: a Latin face, whose quotation marks and apostrophes are not full-width.
LATIN_FAMILIES = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica")
CJK_PROBE = "中"  # a character a CJK face has and a Latin one has not
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_FOLDERS = {
    "win32": [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"],
    "darwin": [Path("/System/Library/Fonts"), Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"],
}


class FontMissing(Exception):
    """No font file for a handout: the message says which families were looked for."""


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int = 0  # the face within a collection (.ttc)
    family: str = ""


@dataclass(frozen=True)
class HandoutFonts:
    """The faces a handout is written in: CJK per script, bold CJK for the title, Latin for notes."""

    cjk: dict[str, FontFile]  # SIMPLIFIED and TRADITIONAL
    bold: dict[str, FontFile]  # the same, bold (the regular face when there is no bold one)
    latin: FontFile


def handout_fonts(preferred: str | None = None) -> HandoutFonts:
    """The handout's faces; `preferred` (the reader's family) comes first for the text of its own
    script when it covers Chinese. FontMissing when there is no CJK face at all."""
    cjk: dict[str, FontFile] = {}
    for script, families in CJK_FAMILIES.items():
        others = CJK_FAMILIES[SIMPLIFIED if script == TRADITIONAL else TRADITIONAL]
        found = find_face(_unique([preferred, *families, *others]), "Regular", CJK_PROBE)
        if found is None:
            looked = ", ".join(CJK_FAMILIES[TRADITIONAL] + CJK_FAMILIES[SIMPLIFIED])
            raise FontMissing(f"no Chinese font for the PDF handout (looked for {looked}): install Noto Sans CJK")
        cjk[script] = found
    bold = {script: find_face([face.family], "Bold", CJK_PROBE) or face for script, face in cjk.items()}
    latin = find_face(LATIN_FAMILIES, "Regular", "A") or cjk[TRADITIONAL]
    return HandoutFonts(cjk, bold, latin)


def find_face(families: Sequence[str], style: str, probe: str) -> FontFile | None:
    """The first of `families` installed in `style` (Regular, Bold) that has the character `probe`."""
    for family in families:
        found = _fontconfig_face(family, style, probe) if shutil.which("fc-list") else _folder_face(family, style)
        if found is not None:
            return found
    return None


def _fontconfig_face(family: str, style: str, probe: str) -> FontFile | None:
    pattern = f"{family}:charset={ord(probe):x}"
    try:
        listed = subprocess.run(
            ["fc-list", "-f", "%{file}|%{index}|%{style}\n", pattern],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    faces = [line.split("|") for line in listed.splitlines() if line.count("|") == 2]
    # A plain Regular (or "Book") face before the condensed, light and oblique ones.
    wanted = {style.lower()} | ({"book", "normal"} if style == "Regular" else set())
    faces.sort(key=lambda f: (not ({s.strip().lower() for s in f[2].split(",")} <= wanted), f[0]))
    for path, index, _ in faces:
        if Path(path).suffix.lower() in _FONT_SUFFIXES and index.isdigit():
            return FontFile(path, int(index), family)
    return None


@cache
def _folder_face(family: str, style: str) -> FontFile | None:
    # Without fontconfig: read the names of the fonts in the usual folders (only their name
    # tables are parsed, so a large collection costs little).
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    for path in _font_files(_FOLDERS.get(sys.platform, [Path("/usr/share/fonts"), Path.home() / ".fonts"])):
        try:
            faces = (
                TTCollection(path, lazy=True).fonts
                if path.suffix.lower() in (".ttc", ".otc")
                else [TTFont(path, lazy=True)]
            )
        except (OSError, TTLibError):
            continue
        for index, face in enumerate(faces):
            names = face["name"]
            if names.getBestFamilyName() == family and (names.getBestSubFamilyName() or "Regular") == style:
                return FontFile(str(path), index, family)
    return None


def _font_files(folders: Iterable[Path]) -> Iterator[Path]:
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix.lower() in _FONT_SUFFIXES:
                    yield path


def _unique(names: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))
