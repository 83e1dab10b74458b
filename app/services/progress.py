"""Reading progress, for the window and the command line: where a text was left (followed to
its paragraph as notes are), saving it as the student reads, and the share of each text read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from app.core.notes import fingerprint
from app.core.reading_progress import ReadingPlace, followed, paragraphs_read, share_read
from app.io.articles.bundled import Article
from app.io.store.progress import ReadingProgress
from app.services.context import AppContext
from app.services.documents import ArticleSummary

END: Literal["end"] = "end"
Place = tuple[int, float] | Literal["end"]


def reading_place(context: AppContext, article: Article, spans: Sequence[tuple[int, int]]) -> Place | None:
    """Where to reopen `article` (whose paragraphs sit at `spans`): (paragraph, fraction), "end",
    or None when it was never read."""
    place = ReadingProgress(context.store).of(article.id)
    if place is None or not spans:
        return None
    if place.at_end:
        return END
    index = place.paragraph
    if not (0 <= index < len(spans) and _mark(article, spans[index]) == place.fingerprint):
        # The text changed around the place: look for the paragraph by its text.
        index = followed(place, [_mark(article, span) for span in spans])
        return index, 0.0
    return index, max(0.0, min(place.fraction, 1.0))


def save_reading_place(
    context: AppContext, article: Article, spans: Sequence[tuple[int, int]], top: int, fraction: float, at_end: bool
) -> ReadingPlace:
    """Keep where `article` is read: `top` is the paragraph at the top of the view, `fraction` how
    far into it; the furthest read so far is kept when the student has gone back."""
    top = max(0, min(top, len(spans) - 1))
    mark = _mark(article, spans[top]) if spans else ""
    read = paragraphs_read(top, at_end, len(spans))
    place = ReadingPlace(top, round(fraction, 4), mark, at_end, read)
    return ReadingProgress(context.store).put(article.id, place)


@dataclass(frozen=True)
class TextProgress:
    read: int  # paragraphs read, the furthest so far
    paragraphs: int
    share: float  # read / paragraphs, 0..1

    def line(self) -> str:
        return f"{self.share:.0%} read: {self.read} of {self.paragraphs} paragraphs"


def library_progress(context: AppContext, summaries: Iterable[ArticleSummary]) -> dict[str, TextProgress]:
    """How much of each of these articles the student has read, by id; one never opened is left out."""
    counts = ReadingProgress(context.store).read_counts()
    return {
        s.id: TextProgress(min(counts[s.id], s.paragraphs), s.paragraphs, share_read(counts[s.id], s.paragraphs))
        for s in summaries
        if s.id in counts
    }


def _mark(article: Article, span: tuple[int, int]) -> str:
    return fingerprint(article.text[span[0] : span[1]])
