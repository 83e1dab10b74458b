"""English notes on paragraphs: keyed by paragraph number and a fingerprint of the paragraph's text."""

from __future__ import annotations

import hashlib


def fingerprint(paragraph_text: str) -> str:
    """Eight hex digits that change whenever the paragraph's text changes.

    White space at either end is left out, so re-indenting a paragraph does not orphan its note.
    """
    return hashlib.sha1(paragraph_text.strip().encode("utf-8")).hexdigest()[:8]
