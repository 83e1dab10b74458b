"""The level profile of each text in the library: how often each word runs in it, worked out
once and kept in the cache folder, so a library of many texts is not annotated again on every
start, and the share the student knows follows their marks without annotating anything."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence

from app.core.levels import Levels, known_words, running_counts
from app.core.pipeline import PIPELINE_VERSION
from app.core.text import content_fingerprint
from app.io.articles.bundled import Article
from app.services.documents import ArticleSummary, Documents

# Bump when what is counted changes (which words run, what a name is); the key then misses.
COUNTS_FORMAT = 1


def counts_key(documents: Documents, article: Article) -> str:
    """What decides an article's running words: its text (by content fingerprint), the pipeline,
    its corrections and the glossary's words. A change of any of them is a miss."""
    fixes = documents.corrections(article)
    own = (sorted(fixes.splits), sorted(fixes.merges), sorted(fixes.readings.items()))
    head = f"word counts {COUNTS_FORMAT} {PIPELINE_VERSION}\n{documents.glossary_signature()}\n{own!r}\n"
    return hashlib.sha256(f"{head}{content_fingerprint(article.text)}".encode()).hexdigest()


def cached_counts(documents: Documents, article: Article) -> dict[str, int] | None:
    """The article's word counts if they have been worked out before, else None (nothing is annotated)."""
    key = counts_key(documents, article)
    found = documents.context.paragraph_cache.get_texts([key]).get(key)
    if found is None:
        return None
    try:
        counts = json.loads(found)
    except ValueError:
        return None  # damaged: worked out again
    if not isinstance(counts, dict) or not all(isinstance(c, int) for c in counts.values()):
        return None
    return counts


def word_counts(documents: Documents, article: Article) -> dict[str, int]:
    """How often each word runs in the article (glossary names left out), from the cache or by
    annotating it (then kept). Runs on any thread."""
    counts = cached_counts(documents, article)
    if counts is None:
        counts = running_counts(documents.annotated(article))
        text = json.dumps(counts, ensure_ascii=False, separators=(",", ":"))
        documents.context.paragraph_cache.put_texts([(counts_key(documents, article), text)])
    return counts


def profile_of(levels: Levels, counts: Mapping[str, int], statuses: Mapping[str, str]) -> dict[str, float]:
    """The level profile from the counts, with the words the student knows now: the same figures
    as `vocab stats --json`'s "levels"."""
    return levels.profile_of_counts(counts, known_words(statuses))


def library_profiles(
    documents: Documents, summaries: Sequence[ArticleSummary], working: Callable[[int], None] | None = None
) -> dict[str, dict[str, float]]:
    """The level profile of each of these articles, by id, with the student's marks as they are:
    read from the cache, the others worked out (then kept); `working` is told first how many."""
    context = documents.context
    articles = [documents.article(s.id) for s in summaries]
    counts = {a.id: cached_counts(documents, a) for a in articles}
    missing = [a for a in articles if counts[a.id] is None]
    if missing and working is not None:
        working(len(missing))
    statuses = context.store.word_statuses()
    found: dict[str, dict[str, float]] = {}
    for article in articles:
        known = counts[article.id]
        found[article.id] = profile_of(
            context.levels, known if known is not None else word_counts(documents, article), statuses
        )
    return found
