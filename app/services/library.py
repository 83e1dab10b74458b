"""The library: reading and storing imported texts, finding articles by id or file, searching them all,
and renaming, deleting (to the trash) and restoring imported ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.core.concordance import Hit, Source, concordance
from app.core.text import content_fingerprint, paragraph_spans, without_controls
from app.io.articles.bundled import Article, bundled_articles
from app.io.articles.importers import (
    MAX_IMPORT_BYTES,
    ArticleImportError,
    ImportedText,
    read_article_file,
    read_pasted,
)
from app.io.store.user_store import StoredArticle
from app.io.textinput import InputError, read_bounded
from app.services.context import AppContext
from app.services.documents import ArticleNotFound, Documents

STDIN = "-"


def read_import(source: str | Path, title: str | None = None, stdin: BinaryIO | None = None) -> ImportedText:
    """A file (any format the importers read) or, for "-", the UTF-8 text on `stdin`, as a
    text to import; InputError with one line when it cannot be read."""
    try:
        if str(source) == STDIN:
            # Bounded and checked as a file is: a pipe of /dev/zero must not fill the memory.
            data = read_bounded(STDIN, stdin, MAX_IMPORT_BYTES)
            if b"\x00" in data:
                raise InputError("<stdin>: looks like binary data (it holds NUL bytes), not text")
            try:
                return read_pasted(data.decode("utf-8-sig"), title)
            except UnicodeDecodeError:
                raise InputError("<stdin>: not valid UTF-8") from None
        return read_article_file(source, title)
    except ArticleImportError as error:
        raise InputError(str(error)) from None


def import_text(context: AppContext, imported: ImportedText) -> str:
    """Store an imported text as a new article; returns its id. Shared with the window."""
    meta = {
        "paragraphs": len(paragraph_spans(imported.text)),
        "encoding": imported.encoding,
        "sections": [list(s) for s in imported.sections],
    }
    return context.store.add_article(imported.title, imported.text, imported.source, imported.format, meta)


@dataclass(frozen=True)
class Imported:
    id: str
    title: str
    already: bool  # the text was in the library: `id` and `title` are that article's, nothing was stored


def same_text_in_library(context: AppContext, text: str) -> tuple[str, str] | None:
    """(id, title) of the article, bundled or imported (the oldest), whose text is `text` as
    core.text.content_fingerprint judges it, or None."""
    fingerprint = content_fingerprint(text)
    for article in bundled_articles():
        if content_fingerprint(article.text) == fingerprint:
            return article.id, article.title
    stored = context.store.articles(fingerprint)
    return (stored[0].id, stored[0].title) if stored else None


def add_to_library(context: AppContext, imported: ImportedText, copy: bool = False) -> Imported:
    """Store an imported text, unless the library has it already (then that article is
    returned, marked `already`); `copy` stores it even then."""
    found = None if copy else same_text_in_library(context, imported.text)
    if found is not None:
        return Imported(found[0], found[1], already=True)
    return Imported(import_text(context, imported), imported.title, already=False)


def find_article(documents: Documents, spec: str) -> Article:
    """A bundled or imported article by id, or a file read as one; InputError when there is none."""
    try:
        return documents.article(spec)
    except (ArticleNotFound, ArticleImportError) as error:
        raise InputError(str(error)) from None


def find_articles(documents: Documents, specs: Sequence[str] | None) -> list[Article]:
    """These articles (default: the whole library, bundled ones first)."""
    chosen = list(specs) if specs else [s.id for s in documents.summaries()]
    return [find_article(documents, spec) for spec in chosen]


def library_sources(documents: Documents, specs: Sequence[str] | None = None) -> list[Source]:
    """Concordance sources for these articles (default: the library). Each costs a t2s pass over
    its text (0.1 s for a novel): a caller that searches repeatedly should keep them."""
    return [Source.of(a.id, a.title, a.text) for a in find_articles(documents, specs)]


def search_library(documents: Documents, text: str, specs: Sequence[str] | None = None) -> list[Hit]:
    """Every place `text` (any text; a glossary form brings its variants) occurs in these
    articles (default: the library)."""
    text = text.strip()
    if not text:
        raise InputError("give a text to look for")
    return concordance(library_sources(documents, specs), text, documents.context.glossary)


def search_library_keeping(
    documents: Documents, text: str, ids: Sequence[str], known: Mapping[str, Source]
) -> tuple[list[Hit], dict[str, Source]]:
    """`search_library` over the articles `ids` for a caller that searches again and again (the
    window): the sources in `known` are used as they are, only the others are made, and the
    sources of `ids` come back to be kept for the next search. Runs on any thread."""
    missing = [article_id for article_id in ids if article_id not in known]
    made = {source.id: source for source in library_sources(documents, missing)} if missing else {}
    sources = {article_id: known.get(article_id) or made[article_id] for article_id in ids}
    text = text.strip()
    hits = concordance(sources.values(), text, documents.context.glossary) if text else []
    return hits, sources


# -- renaming, deleting and restoring ---------------------------------------------------------
@dataclass(frozen=True)
class Deleted:
    """An article moved to the trash, and what of the user's went with it (kept, restorable)."""

    id: str
    title: str
    notes: int
    corrections: int


def restore_hint(article_id: str) -> str:
    """How to bring a deleted article back from the command line."""
    return f"python -m app library restore {article_id} brings it back"


def _bundled_title(article_id: str) -> str | None:
    return next((a.title for a in bundled_articles() if a.id == article_id), None)


def imported_title(context: AppContext, article_id: str, doing: str) -> str:
    """The title of the imported article `article_id` in the library; InputError saying why not."""
    if _bundled_title(article_id) is not None:
        raise InputError(f"{article_id}: bundled articles come with Duben and cannot be {doing}")
    stored = context.store.article(article_id)
    if stored is None:
        in_trash = context.store.article(article_id, trashed=True) is not None
        why = f"it is in the trash ({restore_hint(article_id)})" if in_trash else "no imported article with this id"
        raise InputError(f"{article_id}: {why}")
    return stored.title


def rename_article(context: AppContext, article_id: str, title: str) -> str:
    """Give an imported article a new title; returns the title as stored."""
    imported_title(context, article_id, "renamed")
    title = without_controls(title).strip()
    if not title:
        raise InputError(f"{article_id}: give a title that is not empty")
    context.store.rename_article(article_id, title)
    return title


def delete_article(context: AppContext, article_id: str) -> Deleted:
    """Move an imported article to the trash; its text, notes and corrections stay there until
    it is restored (restore_article) or purged (purge_article)."""
    title = imported_title(context, article_id, "deleted")
    store = context.store
    fixes = store.corrections(article_id)
    deleted = Deleted(
        article_id,
        title,
        len(store.user_notes(article_id)),
        len(fixes.splits) + len(fixes.merges) + len(fixes.readings),
    )
    store.trash_article(article_id)
    return deleted


def restore_article(context: AppContext, article_id: str) -> str:
    """Bring an article back from the trash, with its notes and corrections; returns its title."""
    stored = context.store.article(article_id, trashed=True)
    if stored is None:
        in_library = context.store.article(article_id) is not None or _bundled_title(article_id) is not None
        why = "it is in the library, not in the trash" if in_library else "no article with this id in the trash"
        raise InputError(f"{article_id}: {why}")
    context.store.restore_article(article_id)
    return stored.title


def trashed_articles(context: AppContext) -> list[StoredArticle]:
    """The articles in the trash, the most recently deleted first."""
    return sorted(context.store.articles(trashed=True), key=lambda a: -(a.deleted_at or 0))


def purge_article(context: AppContext, article_id: str) -> str:
    """Remove an imported article, from the library or the trash, for good, with its notes and
    corrections; returns its title."""
    stored = context.store.article(article_id, trashed=True)
    title = stored.title if stored is not None else imported_title(context, article_id, "deleted")
    context.store.delete_article(article_id)
    return title


def empty_trash(context: AppContext) -> list[StoredArticle]:
    """Remove every article in the trash for good, with its notes, corrections and translation;
    returns what was removed (the most recently deleted first)."""
    gone = trashed_articles(context)
    for stored in gone:
        context.store.delete_article(stored.id)
    return gone
