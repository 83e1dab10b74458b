"""Reading a file or pasted text as a new article: txt, md, html, docx or epub, decoded and cut into paragraphs."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from app.io.articles.archives import size_text
from app.io.articles.decode import DecodeError, decode_text, without_surrogates
from app.io.articles.formats import FormatError, one_line, read_docx, read_epub, read_html
from app.io.textinput import InputError, regular_file

MAX_IMPORT_BYTES = 64 * 1024 * 1024
PASTED = "pasted"
PASTED_TITLE_CHARS = 40

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".epub": "epub",
}


@dataclass(frozen=True)
class ImportedText:
    title: str  # the given title, else the file's first heading, else its file name without extension
    text: str  # one paragraph per line, a blank line between paragraphs, ending with one newline
    source: str  # the file's name (not its full path), or "pasted"
    format: str  # "txt", "md", "html", "docx", "epub", "pasted"
    encoding: str | None  # what the bytes were decoded as, for text formats
    sections: tuple[tuple[str, int], ...] = ()  # (section title, offset of its first character in text)


class ArticleImportError(Exception):
    """A file or text that cannot be imported; str() is one line: `<file name>: <what is wrong>`."""


def read_article_file(path: str | os.PathLike[str], title: str | None = None) -> ImportedText:
    """The article in a file, by its extension (checked against its content); ArticleImportError if unreadable.

    Only reads: a refused import creates and changes nothing.
    """
    target = Path(path)
    name = without_surrogates(target.name or str(path))
    data = _read_bytes(target, name)
    kind = FORMATS.get(target.suffix.lower())
    try:
        text, sections, encoding, found = _parse(kind, data)
    except (DecodeError, FormatError) as error:
        raise ArticleImportError(f"{name}: {error}") from None
    if not text:
        raise ArticleImportError(f"{name}: holds no text to read (it is empty or only white space)")
    chosen = _given(title) or found or one_line(without_surrogates(target.stem)) or name
    return ImportedText(chosen, text, name, kind or "txt", encoding, sections)


def _parse(kind: str | None, data: bytes) -> tuple[str, tuple[tuple[str, int], ...], str | None, str | None]:
    """(text, sections, encoding, the title the file gives) for a file's bytes, by format."""
    if kind in ("docx", "epub", "html"):
        parsed = {"docx": read_docx, "epub": read_epub, "html": read_html}[kind](data)
        outline = parsed.outline
        return outline.text(), tuple(outline.sections), parsed.encoding, parsed.title
    decoded = decode_text(data)
    text = normalise_text(decoded.text)
    sections = markdown_headings(text) if kind == "md" else ()
    return text, sections, decoded.encoding, sections[0][0] if sections else None


def read_pasted(text: str, title: str | None = None) -> ImportedText:
    """Pasted text as an article: cleaned as a text file is; titled by `title` or its first line."""
    cleaned = normalise_text(text)
    if not cleaned:
        raise ArticleImportError(f"{PASTED}: holds no text to read (it is empty or only white space)")
    first = cleaned.split("\n", 1)[0].strip()
    chosen = _given(title) or first[:PASTED_TITLE_CHARS].rstrip()
    return ImportedText(chosen, cleaned, PASTED, "pasted", None)


def _given(title: str | None) -> str | None:
    return one_line(without_surrogates(title)) if title and title.strip() else None


def _read_bytes(target: Path, name: str) -> bytes:
    try:
        info = regular_file(target, name)
    except InputError as error:
        raise ArticleImportError(str(error)) from None
    limit = MAX_IMPORT_BYTES
    if info.st_size > limit:
        raise ArticleImportError(
            f"{name}: is too large to import ({size_text(info.st_size)}; the limit is {size_text(limit)})"
        )
    if info.st_size == 0:
        raise ArticleImportError(f"{name}: is empty")
    try:
        with open(target, "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat()
    except OSError as error:
        raise ArticleImportError(f"{name}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise ArticleImportError(f"{name}: is too large to import (over {size_text(limit)}, the limit)")
    return data


# --- plain text and Markdown ----------------------------------------------------------------

_LINE_END = re.compile(r"\r\n?")
_BLANK_RUN = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Line ends as \\n, trailing white space off each line, blank-line runs as one, one final newline.

    Nothing else changes: the app makes a paragraph of each non-blank line, so a single
    line break already separates paragraphs and is kept as it is.
    """
    lines = [line.rstrip() for line in _LINE_END.sub("\n", text).split("\n")]
    joined = _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")
    return joined + "\n" if joined else ""


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_NOT_SETEXT_TEXT = re.compile(r"^(?: {4}|\t| {0,3}(?:[-+*>]|\d+[.)])(?:[ \t]|$))")


def markdown_headings(text: str) -> tuple[tuple[str, int], ...]:
    """(heading, offset of its line) for each ATX (`# 標題`) and setext heading outside code fences."""
    headings, offset, fence, previous = [], 0, None, None
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            previous = None
        elif opening:
            fence, previous = opening.group(1), None
        elif (atx := _ATX.match(line)) is not None:
            if atx.group(1) and atx.group(1).strip("# \t"):
                headings.append((one_line(atx.group(1)), offset))
            previous = None
        elif previous is not None and _SETEXT.match(line):
            headings.append((one_line(previous[0]), previous[1]))
            previous = None
        else:
            previous = (line, offset) if line.strip() and not _NOT_SETEXT_TEXT.match(line) else None
        offset += len(line) + 1
    return tuple(headings)
