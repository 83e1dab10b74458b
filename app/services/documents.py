"""Articles as the reader and the command line use them: found by id or file, annotated once, cached."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.core.annotated import AnnotatedParagraph, annotate
from app.core.glossary import Glossary
from app.core.notes import Note, fingerprint
from app.core.pipeline import PIPELINE_VERSION, GlossaryWords
from app.core.text import Corrections, Paragraph, paragraph_spans
from app.io.articles.bundled import Article, bundled_articles
from app.io.articles.notes_files import load_notes
from app.io.store.paragraph_cache import Slot
from app.services.context import AppContext


class ArticleNotFound(Exception):
    """An id that names no article and no file; the message says so in one line."""


@dataclass(frozen=True)
class ArticleSummary:
    id: str
    title: str
    source: str
    paragraphs: int
    bundled: bool


BATCH_CHARS = 50_000


def _batches(indices: list[int], spans: list[tuple[int, int]]) -> Iterable[list[int]]:
    """Paragraph indices in runs of about BATCH_CHARS characters (a long paragraph alone)."""
    batch: list[int] = []
    size = 0
    for index in indices:
        length = spans[index][1] - spans[index][0]
        if batch and size + length > BATCH_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(index)
        size += length
    if batch:
        yield batch


class Documents:
    """The library (bundled articles first, then imported ones) and their annotated paragraphs."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self._spans: tuple[str, list[tuple[int, int]]] | None = None
        # The glossary, a hash of its words, and what finds them in a text (made when first needed).
        self._words: tuple[Glossary, str, GlossaryWords | None] | None = None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The paragraphs' places in `text` (remembered: a novel's take a scan of 2 MB)."""
        if self._spans is None or self._spans[0] is not text:
            self._spans = (text, paragraph_spans(text))
        return self._spans[1]

    # -- finding articles ----------------------------------------------------------------------
    def summaries(self) -> list[ArticleSummary]:
        found = [
            ArticleSummary(a.id, a.title, "bundled", len(paragraph_spans(a.text)), True) for a in bundled_articles()
        ]
        for stored in self.context.store.articles():
            paragraphs = int(stored.meta.get("paragraphs", 0))
            found.append(ArticleSummary(stored.id, stored.title, stored.source, paragraphs, False))
        return found

    def article(self, spec: str) -> Article:
        """A bundled article, an imported one by id, or a text file read as a new (unsaved) article."""
        bundled = next((a for a in bundled_articles() if a.id == spec), None)
        if bundled is not None:
            return bundled
        stored = self.context.store.article(spec)
        if stored is not None:
            return Article(stored.id, stored.title, stored.text, stored.source, stored.meta)
        if self.context.store.article(spec, trashed=True) is not None:
            raise ArticleNotFound(
                f"{spec}: this article is in the trash; python -m app library restore {spec} brings it back"
            )
        path = Path(spec)
        if path.exists():
            from app.io.articles.importers import read_article_file

            imported = read_article_file(path)
            return Article(path.name, imported.title, imported.text, imported.source, {"format": imported.format})
        raise ArticleNotFound(f"{spec}: no article with this id, and no such file")

    # -- annotation ----------------------------------------------------------------------------
    def corrections(self, article: Article) -> Corrections:
        return self.context.store.corrections(article.id)

    def paragraphs(self, article: Article, only: Iterable[int] | None = None, script: str = "auto") -> list[Paragraph]:
        """The article's paragraphs with tokens and readings; reused from the cache when seen before."""
        text = article.text
        spans = self.spans(text)
        wanted = list(range(len(spans))) if only is None else sorted(set(only) & set(range(len(spans))))
        corrections = self.corrections(article)
        words = self._words_in(text, [spans[i] for i in wanted], script)
        slots = {i: self._slot(text, i, spans[i], corrections, script, found) for i, found in zip(wanted, words)}
        cache = self.context.paragraph_cache
        found = cache.get(list(slots.values()))
        missing = [i for i in wanted if i not in found]
        for batch in _batches(missing, spans):
            # A batch at a time: the polyphone model's working memory stays bounded, and what
            # is done is cached even if the rest never gets done.
            done = self.context.pipeline.paragraphs(text, corrections, only=batch, script=script, spans=spans)
            found.update((p.index, p) for p in done)
            cache.put((slots[p.index].key, p) for p in done)
        return [found[i] for i in wanted]

    def _words_in(self, text: str, spans: list[tuple[int, int]], script: str) -> list[str]:
        """The glossary words in each of these paragraphs of `text`, one per line. Finding them
        takes both script forms of the text, and a warm start should not pay for the OpenCC
        tables: so they are cached too, under the paragraph and the glossary's words."""
        glossary = self.context.glossary
        signature = self.glossary_signature()
        head = f"words {PIPELINE_VERSION}\n{signature}\n{script}\n"
        keys = [hashlib.sha256(f"{head}{text[a:b]}".encode()).hexdigest() for a, b in spans]
        cache = self.context.paragraph_cache
        known = cache.get_texts(keys)
        missing = [(key, span) for key, span in zip(keys, spans) if key not in known]
        if missing:
            finder = self._words[2] if self._words is not None else None
            if finder is None:
                finder = GlossaryWords(glossary.user_words())
                self._words = (glossary, signature, finder)
            fresh = {key: "\n".join(finder.found_in(text[a:b], script)) for key, (a, b) in missing}
            cache.put_texts(fresh.items())
            known.update(fresh)
        return [known[key] for key in keys]

    def glossary_signature(self) -> str:
        """A hash of the glossary's words: what of the glossary decides an article's words and names."""
        glossary = self.context.glossary
        if self._words is None or self._words[0] is not glossary:
            every = "\n".join(glossary.user_words())
            self._words = (glossary, hashlib.sha256(every.encode()).hexdigest(), None)
        return self._words[1]

    @staticmethod
    def _slot(text: str, index: int, span: tuple[int, int], corrections: Corrections, script: str, words: str) -> Slot:
        """The paragraph's cache key: what decides its tokens and readings, and nothing else, so
        a glossary edit or a correction elsewhere leaves the key as it was."""
        start, end = span
        body = text[start:end]
        own = (
            sorted(o - start for o in corrections.splits if start < o < end),
            sorted(o - start for o in corrections.merges if start < o < end),
            sorted((o - start, r) for o, r in corrections.readings.items() if start <= o < end),
        )
        key = hashlib.sha256(f"{PIPELINE_VERSION}\n{script}\n{own!r}\n{words}\n\n{body}".encode()).hexdigest()
        return Slot(key, index, start, body)

    def annotated(
        self, article: Article, only: Iterable[int] | None = None, script: str = "auto"
    ) -> list[AnnotatedParagraph]:
        """Paragraphs with their glossary terms and notes (see app.core.annotated)."""
        return annotate(self.paragraphs(article, only, script), self.context.glossary, self.notes(article))

    # -- notes ---------------------------------------------------------------------------------
    def bundled_notes(self, article: Article) -> list[Note]:
        """The notes an article ships with, as written (none for an imported article)."""
        folder = getattr(article, "folder", None)
        path = folder / "notes.en.toml" if folder is not None else None
        return load_notes(path) if path is not None and path.exists() else []

    def notes(self, article: Article) -> dict[int, list[Note]]:
        """Each paragraph's notes: the user's own (if it still matches the text) over the bundled one."""
        user = self.context.store.user_notes(article.id)
        bundled = self.bundled_notes(article)
        if not user and not bundled:
            return {}
        texts = [article.text[a:b] for a, b in self.spans(article.text)]
        by_paragraph: dict[int, list[Note]] = {}
        for note in user + bundled:
            if note.paragraph < len(texts) and note.fingerprint == fingerprint(texts[note.paragraph]):
                by_paragraph.setdefault(note.paragraph, []).append(note)
        return by_paragraph
