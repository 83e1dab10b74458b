"""Checks of terminology across articles: the articles as the core checks want them, and a run of the checks."""

from __future__ import annotations

from collections.abc import Sequence

from app.services.library import find_articles


def checked_articles(documents, specs: Sequence[str] | None = None) -> list:
    """Articles with their tokens (from the paragraph cache once annotated) and notes."""
    from app.core.consistency import CheckedArticle

    result = []
    for article in find_articles(documents, specs):
        paragraphs = documents.paragraphs(article)
        result.append(CheckedArticle(article.id, article.title, article.text, paragraphs, documents.notes(article)))
    return result
