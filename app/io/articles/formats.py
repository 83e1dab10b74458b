"""The structured formats an article can be imported from: HTML, .docx and .epub, read into paragraphs and sections."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.io.articles.archives import MAX_PARAGRAPHS, MAX_TEXT_BYTES, PackageError, check_package, size_text
from app.io.articles.decode import SAMPLE_BYTES, decode_text

if TYPE_CHECKING:  # the parsers themselves load only when a file of their kind is read
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph


class FormatError(Exception):
    """The file is not a readable document of its kind; the message says why (without the file's name)."""


@dataclass
class Outline:
    """Paragraphs joined by blank lines, with the offset at which each section's first paragraph starts."""

    paragraphs: list[str] = field(default_factory=list)
    sections: list[tuple[str, int]] = field(default_factory=list)
    length: int = 0  # of "\n\n".join(paragraphs)
    size: int = 0  # of the text in UTF-8, held to MAX_TEXT_BYTES as it grows

    def add(self, text: str, section: str | None = None) -> None:
        """Each non-blank line of `text` as a paragraph; `section` names a section starting at the first.

        FormatError once the text passes MAX_TEXT_BYTES or MAX_PARAGRAPHS: a small package
        can unpack to far more text than the file size limit lets in."""
        for line in text.split("\n"):
            line = line.rstrip()
            if not line.strip():
                continue
            self.size += len(line.encode("utf-8", "surrogatepass")) + 2
            if self.size > MAX_TEXT_BYTES:
                raise FormatError(f"holds over {size_text(MAX_TEXT_BYTES)} of text, the limit for an article")
            if len(self.paragraphs) >= MAX_PARAGRAPHS:
                raise FormatError(f"holds over {MAX_PARAGRAPHS:,} paragraphs, the limit for an article")
            if section is not None:
                self.sections.append((section, self.next_offset()))
                section = None
            self.length = self.next_offset() + len(line)
            self.paragraphs.append(line)

    def next_offset(self) -> int:
        return self.length + 2 if self.paragraphs else 0

    def text(self) -> str:
        return "\n\n".join(self.paragraphs) + "\n" if self.paragraphs else ""


@dataclass(frozen=True)
class Parsed:
    outline: Outline
    title: str | None  # the title the document itself gives, if any
    encoding: str | None = None


def one_line(text: str) -> str:
    """White space runs (line breaks included) as single spaces, trimmed: for titles and messages."""
    return " ".join(text.split())


# --- HTML -------------------------------------------------------------------------------

# Never rendered as text, and never fetched: scripts, styles, embedded and remote media.
_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "canvas",
        "video",
        "audio",
        "img",
        "picture",
        "source",
        "track",
        "map",
        "area",
        "input",
        "select",
        "option",
        "button",
        "textarea",
        "link",
        "meta",
    ]
)
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# A line break in the source between two wide characters is not a space when rendered
# (CSS Text 3 drops it), so Chinese wrapped in the HTML source is joined back up.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
_SOFT_BREAK = "\x01"
_JOIN_WIDE = re.compile(f"(?<=[{_WIDE}]){_SOFT_BREAK}(?=[{_WIDE}])")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def html_blocks(markup: str) -> tuple[list[tuple[str, int]], str | None]:
    """(text, heading level or 0) for each block of an HTML document, and its <title>."""
    from bs4 import BeautifulSoup
    from bs4.element import Comment, Declaration, Doctype, NavigableString, PageElement, ProcessingInstruction, Tag

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns about markup that looks like a file name or URL
        soup = BeautifulSoup(_without_internal_subset(markup), "lxml")
    title = one_line(soup.title.get_text()) if soup.title else None
    blocks: list[tuple[str, int]] = []
    pieces: list[str] = []

    def flush(level: int = 0, pre: bool = False) -> None:
        text = _JOIN_WIDE.sub("", "".join(pieces)).replace(_SOFT_BREAK, " ")
        pieces.clear()
        lines = [line.strip(" \t\f") if pre else re.sub(" {2,}", " ", line).strip(" \t\f") for line in text.split("\n")]
        if level:
            lines = [one_line(" ".join(lines))]
        text = "\n".join(line for line in lines if line.strip())
        if text:
            blocks.append((text, level))

    # Depth first with a stack of its own, not recursion: a page nested thousands of
    # levels deep (or a thousand unclosed <b>) is still read whole. Each frame is the
    # children left to visit, whether inside <pre>, and the heading level to end a block
    # with (None for an inline element, which ends nothing).
    stack: list[tuple[Iterator[PageElement], bool, int | None]] = [(iter(soup.children), False, None)]
    while stack:
        children, pre, closes = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if closes is not None:
                flush(closes, pre)
            continue
        if isinstance(child, NavigableString):
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            text = str(child)
            if not pre:
                text = _HTML_SPACE.sub(lambda m: _SOFT_BREAK if "\n" in m.group() else " ", text)
            pieces.append(text.replace("\r\n", "\n").replace("\r", "\n"))
            continue
        if not isinstance(child, Tag):  # bs4 types children as PageElement: strings or tags
            continue
        name = (child.name or "").lower()
        if name in _SKIP or child.has_attr("hidden"):
            continue
        if name == "br":
            pieces.append("\n")
        elif name in _HEADINGS or name in _BLOCKS:
            flush(pre=pre)
            stack.append((iter(child.children), pre or name == "pre", _HEADINGS.get(name, 0)))
        else:
            stack.append((iter(child.children), pre, None))
    flush()
    return blocks, title


# An HTML parser does not know a DOCTYPE's internal subset (`<!DOCTYPE html [ ... ]>`) and
# would give its end, `]>`, as the page's first text; entities declared there are never expanded.
_INTERNAL_SUBSET = re.compile(r"\s*(<\?xml[^>]*>\s*)?<!DOCTYPE([^\[>]*)\[[^\]]*\]\s*>", re.IGNORECASE)


def _without_internal_subset(markup: str) -> str:
    subset = _INTERNAL_SUBSET.match(markup)
    if subset is None:
        return markup
    return f"{subset.group(1) or ''}<!DOCTYPE{subset.group(2).rstrip()}>{markup[subset.end() :]}"


def decode_html(data: bytes) -> tuple[str, str]:
    """The text of an HTML file and the encoding used: its BOM, UTF-8, its meta charset, or detection."""
    from bs4.dammit import EncodingDetector

    declared = EncodingDetector.find_declared_encoding(data[:SAMPLE_BYTES], is_html=True)
    decoded = decode_text(data, declared)
    return decoded.text, decoded.encoding


def read_html(data: bytes, main_text: bool = True) -> Parsed:
    """A web page's text: with `main_text`, only the blocks a main-content extractor finds to
    be the article (navigation, sidebars, comments and footers left out), else every block.
    The charset check, the nesting-safe walk and the limits apply to the whole page first."""
    markup, encoding = decode_html(data)
    blocks, title = html_blocks(markup)
    outline = _outline(blocks)
    if main_text:
        from app.io.articles.main_text import main_blocks

        kept = main_blocks(markup, blocks)
        if kept is not blocks:
            outline = _outline(kept)
    h1 = next((one_line(text) for text, level in blocks if level == 1), None)
    return Parsed(outline, h1 or title or None, encoding)


def _outline(blocks: list[tuple[str, int]]) -> Outline:
    outline = Outline()
    for text, level in blocks:
        outline.add(text, one_line(text) if level else None)
    return outline


# --- .docx ------------------------------------------------------------------------------

_DOCX_HEADING = re.compile(r"(?i)^(?:title|heading [1-9])$")


def read_docx(data: bytes) -> Parsed:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.table import Table

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FormatError("is not a valid .docx file (it is not a ZIP package); save it from Word again")
    _check_package(data, "docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors... for broken packages
        raise FormatError(f"is not a valid .docx file ({_reason(error)})") from None
    # Counted in lxml before any Python object is made for a paragraph, so a document of
    # millions of empty paragraphs is refused at once.
    elements = sum(1 for _ in document.element.body.iter(qn("w:p")))
    if elements > MAX_PARAGRAPHS:
        raise FormatError(f"holds {elements:,} paragraphs; the limit for an article is {MAX_PARAGRAPHS:,}")
    outline = Outline()
    titles: dict[str, str] = {}
    seen_cells: set[int] = set()

    def paragraphs(container: Document | _Cell) -> Iterator[Paragraph]:
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) not in seen_cells:  # a merged cell is listed once per grid column
                            seen_cells.add(id(cell._tc))
                            yield from paragraphs(cell)
            else:
                yield item

    try:
        # Paragraph.style searches the styles part on every call (a millisecond each); the
        # names are looked up once here instead, the same way: an unknown or non-paragraph
        # style id means the default paragraph style.
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        default_name = (default.name or "") if default is not None else ""
        names = {
            style.style_id: style.name or ""
            for style in document.styles
            if style.type == WD_STYLE_TYPE.PARAGRAPH and style.style_id
        }
        for paragraph in paragraphs(document):
            text = paragraph.text.replace("\r", "\n")
            style_id = paragraph._p.style
            style = names.get(style_id, default_name) if style_id else default_name
            if _DOCX_HEADING.match(style) and text.strip():
                heading = one_line(text)
                titles.setdefault(style.lower(), heading)
                outline.add(heading, heading)
            else:
                outline.add(text)
        core_title = one_line(document.core_properties.title or "")
    except FormatError:
        raise
    except Exception as error:
        raise FormatError(f"is a damaged .docx file ({_reason(error)})") from None
    return Parsed(outline, titles.get("title") or titles.get("heading 1") or core_title or None)


def _check_package(data: bytes, kind: str) -> None:
    try:
        check_package(data, kind)
    except PackageError as error:
        raise FormatError(str(error)) from None


# --- .epub ------------------------------------------------------------------------------


def read_epub(data: bytes) -> Parsed:
    import ebooklib
    from ebooklib import epub

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FormatError("is not a valid .epub file (it is not a ZIP package)")
    _check_package(data, "epub")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # EbookLib warns about its own option defaults
            book = epub.read_epub(io.BytesIO(data), {"ignore_ncx": False})
    except Exception as error:  # EpubException, KeyError for missing parts, lxml errors...
        raise FormatError(f"is not a valid .epub file ({_reason(error)})") from None
    outline = Outline()
    try:
        toc = _toc_titles(book.toc)
        for idref, *_ in book.spine:
            item = book.get_item_with_id(idref)
            if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT or isinstance(item, epub.EpubNav):
                continue
            # The bytes as stored: EbookLib's get_content() re-serialises the chapter through
            # a parser that silently drops everything nested past 255 levels.
            content = item.content if isinstance(item.content, bytes) else item.get_content()
            markup = decode_text(content, _declared(content)).text
            blocks, _ = html_blocks(markup)
            heading = next((one_line(text) for text, level in blocks if level), None)
            chapter = heading or toc.get(item.get_name())
            # A chapter known only from the TOC gets its title as an opening paragraph, unless
            # it opens with that line already; a document with no text (a cover) adds nothing.
            if chapter and not heading and blocks and one_line(blocks[0][0]) != chapter:
                blocks.insert(0, (chapter, 1))
            # A document with neither heading nor TOC entry continues the chapter before it
            # (e-books are often split every few hundred kilobytes), so it opens no section.
            for index, (text, _level) in enumerate(blocks):
                outline.add(text, chapter if index == 0 else None)
    except FormatError:
        raise
    except Exception as error:
        raise FormatError(f"is a damaged .epub file ({_reason(error)})") from None
    titles = book.get_metadata("DC", "title")
    title = one_line(titles[0][0]) if titles and titles[0][0] else None
    return Parsed(outline, title or (outline.sections[0][0] if outline.sections else None))


def _declared(data: bytes) -> str | None:
    from bs4.dammit import EncodingDetector

    return EncodingDetector.find_declared_encoding(data[:4096], is_html=True)


def _toc_titles(entries: Iterable[Any]) -> dict[str, str]:
    """The first TOC title for each document (by its name in the book, fragment dropped).

    EbookLib (untyped) gives Link, Section and EpubHtml items and (Section, children) pairs."""
    from ebooklib import epub

    titles: dict[str, str] = {}
    if not isinstance(entries, (list, tuple)):  # an empty <navMap/> gives one Link, not a list
        entries = [entries]
    for entry in entries:
        if isinstance(entry, (tuple, list)):
            section, children = entry[0], entry[1]
            for name, title in {**_toc_titles([section]), **_toc_titles(children)}.items():
                titles.setdefault(name, title)
        elif isinstance(entry, (epub.Link, epub.Section, epub.EpubHtml)):
            href = getattr(entry, "href", None) or getattr(entry, "file_name", None)
            title = one_line(getattr(entry, "title", "") or "")
            if href and title:
                titles.setdefault(href.split("#")[0], title)
    return titles


def _reason(error: Exception) -> str:
    text = one_line(str(error)) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."
