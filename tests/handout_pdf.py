"""Reading a handout PDF back as a reader's viewer does: its text layer and its words' boxes (poppler's pdftotext)."""

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from app.io.articles.handout_pdf import MARGIN, PAGE_WIDTH, TEXT_SIZE, TEXT_WIDTH

# Code points a CJK font gives the same glyphs as ideographs; a text layer with them cannot be searched.
RADICAL_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))
# What a word drawn at the text size measures from top to bottom, in units of its size
# (the CJK face's ascent and descent); readings and notes are drawn smaller.
TEXT_HEIGHTS = (TEXT_SIZE * 1.3, TEXT_SIZE * 1.6)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def text_layer(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def words(pdf: Path) -> list[Word]:
    """Every word pdftotext finds, with its page and box (points from the page's top left)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, text in _WORD.findall(page):
            found.append(Word(number, float(x0), float(y0), float(x1), float(y1), unescape(text)))
    return found


def radicals(text: str) -> list[str]:
    return [c for c in text if any(low <= ord(c) <= high for low, high in RADICAL_BLOCKS)]


def article_words(found: list[Word]) -> list[Word]:
    """The words drawn at the text size (the article's own), in reading order."""
    chosen = [w for w in found if TEXT_HEIGHTS[0] <= w.height <= TEXT_HEIGHTS[1]]
    return sorted(chosen, key=lambda w: (w.page, round(w.y0, 1), w.x0))


def overlaps(found: list[Word]) -> list[tuple[Word, Word]]:
    """Pairs of words on one line (their boxes share most of their height) whose boxes meet."""
    pairs = []
    for page in {w.page for w in found}:
        on_page = sorted((w for w in found if w.page == page), key=lambda w: w.x0)
        for i, first in enumerate(on_page):
            for second in on_page[i + 1 :]:
                if second.x0 >= first.x1 - 0.05:
                    break
                shared = min(first.y1, second.y1) - max(first.y0, second.y0)
                if shared > 0.5 * min(first.height, second.height):
                    pairs.append((first, second))
    return pairs


def outside_columns(found: list[Word]) -> list[Word]:
    """Words past the page's margins, and article words past the text column."""
    left, right = MARGIN - 0.5, PAGE_WIDTH - MARGIN + 0.5
    text = set(article_words(found))
    return [w for w in found if w.x0 < left or w.x1 > right or (w in text and w.x1 > MARGIN + TEXT_WIDTH + 0.5)]
