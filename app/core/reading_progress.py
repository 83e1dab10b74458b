"""How far into a text the student is: the place the view was left at, followed to the same
paragraph when the text has changed around it (as notes are), and the share of it read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadingPlace:
    """Where a text was left, and how much of it has been read.

    `paragraph` and `fraction` are the paragraph at the top of the view and how far into it the
    view was scrolled: reopening the text goes back there, as a bookmark does. `read` is the
    furthest the student has got (paragraphs scrolled past the top, or all of them at the end):
    going back to re-read the opening does not make a text read to its end count as unread."""

    paragraph: int
    fraction: float
    fingerprint: str  # app.core.notes.fingerprint of that paragraph's text when it was left
    at_end: bool  # the view was at the very end: it reopens there, whatever the rows' heights
    read: int  # paragraphs read, the furthest so far


def paragraphs_read(top: int, at_end: bool, total: int) -> int:
    """Paragraphs read when `top` is the paragraph at the top of the view: those above it, or
    all of them once the end is on screen (the last screen's paragraphs never reach the top)."""
    return total if at_end else max(0, min(top, total))


def share_read(read: int, total: int) -> float:
    """Paragraphs read over paragraphs, 0..1 (4 decimals, as the other shares)."""
    return round(min(read, total) / total, 4) if total > 0 else 0.0


def followed(place: ReadingPlace, fingerprints: Sequence[str]) -> int:
    """The paragraph to reopen at in a text whose paragraphs have these fingerprints: the one left
    at if it is still there, else the nearest paragraph with its text (a paragraph inserted or
    removed above it moved it), else the same index in the text as it is now."""
    index = place.paragraph
    if 0 <= index < len(fingerprints) and fingerprints[index] == place.fingerprint:
        return index
    same = [i for i, mark in enumerate(fingerprints) if mark == place.fingerprint]
    if same:
        return min(same, key=lambda i: abs(i - index))
    return max(0, min(index, len(fingerprints) - 1))
