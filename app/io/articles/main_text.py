"""The main text of a web page: which of its blocks are the article, as trafilatura judges.

The page is read into blocks by formats.html_blocks first (with its limits, its nesting-safe
walk and its charset checks); trafilatura then only chooses among those blocks. Its own text
is not used: it turns a line break between two Chinese characters into a space, which
html_blocks knows to drop. When it finds nothing, too little, or fails, every block is kept
(the plain extraction).
"""

from __future__ import annotations

import re

# A page larger than this keeps every block: no news page is (a large one is ~1 MB of
# markup), and the extractor's time grows with the page.
MAX_EXTRACT_CHARS = 4_000_000
# The extractor's choice is taken only if it keeps at least this much text, or this share of
# the page's text: less is a sign it missed the article (a page of short paragraphs, a poem),
# and the whole page is better than a heading alone.
MIN_MAIN_CHARS = 200
MIN_MAIN_SHARE = 0.25
# A block matches a part of the main text it is inside, not only an equal one, once it is
# this long: shorter ones (a link "國際" in the menu) would be found inside any article.
MIN_INSIDE_CHARS = 12

_SPACE = re.compile(r"\s+")

Block = tuple[str, int]  # (text, heading level or 0), as formats.html_blocks gives them


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def _main_pieces(markup: str) -> list[str] | None:
    """The text of each element trafilatura keeps as the main text, or None when it keeps none."""
    import trafilatura  # lazily: importing it takes about a second, paid by the first HTML import only
    from lxml import etree

    xml = trafilatura.extract(
        markup,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
        deduplicate=False,
    )
    if not xml:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(xml.encode("utf-8"), parser)
    main = root.find("main")
    if main is None:
        return None
    pieces = [_compact("".join(element.itertext())) for element in main.iter()]
    return [p for p in pieces if p]


def main_blocks(markup: str, blocks: list[Block]) -> list[Block]:
    """The blocks of `markup` that are its main text; all of them when the extractor finds
    none or too little, cannot read the page, or the page is too large to give it."""
    if len(markup) > MAX_EXTRACT_CHARS or len(blocks) < 2:
        return blocks
    try:
        pieces = _main_pieces(markup)
    # A third-party parser on hostile markup: any failure (lxml's errors, a RecursionError on
    # deep nesting, a ValueError) only means the plain extraction is used.
    except Exception:
        return blocks
    if not pieces:
        return blocks
    return chosen_blocks(blocks, pieces)


def chosen_blocks(blocks: list[Block], pieces: list[str]) -> list[Block]:
    """The blocks equal to a piece of the main text (white space aside), or long and inside it."""
    exact = set(pieces)
    whole = "\n".join(pieces)
    kept = [
        (text, level)
        for text, level in blocks
        if (key := _compact(text)) in exact or (len(key) >= MIN_INSIDE_CHARS and key in whole)
    ]
    kept_chars = sum(len(_compact(t)) for t, _ in kept)
    all_chars = sum(len(_compact(t)) for t, _ in blocks)
    if kept_chars < MIN_MAIN_CHARS and kept_chars < MIN_MAIN_SHARE * all_chars:
        return blocks
    return kept
