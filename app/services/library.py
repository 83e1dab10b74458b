"""The library: storing imported texts, finding articles by id or file, and their concordance sources."""

from __future__ import annotations

from collections.abc import Sequence

from app.io.textinput import InputError
from app.services.context import AppContext


def import_text(context: AppContext, imported) -> str:
    """Store an imported text as a new article; returns its id. Shared with the window."""
    from app.core.text import paragraph_spans

    meta = {
        "paragraphs": len(paragraph_spans(imported.text)),
        "encoding": imported.encoding,
        "sections": [list(s) for s in imported.sections],
    }
    return context.store.add_article(imported.title, imported.text, imported.source, imported.format, meta)


def find_articles(documents, specs: Sequence[str] | None) -> list:
    from app.io.articles.importers import ArticleImportError
    from app.services.documents import ArticleNotFound

    specs = list(specs) if specs else [s.id for s in documents.summaries()]
    try:
        return [documents.article(spec) for spec in specs]
    except (ArticleNotFound, ArticleImportError) as error:
        raise InputError(str(error)) from None


def library_sources(documents, specs: Sequence[str] | None = None) -> list:
    """Concordance sources for these articles (default: the library). Each costs a t2s pass over
    its text (0.1 s for a novel): a caller that searches repeatedly should keep them."""
    from app.core.concordance import Source

    return [Source.of(a.id, a.title, a.text) for a in find_articles(documents, specs)]
