"""A student's words: figures over an article, and the words with a status made ready for study."""

from __future__ import annotations

from app.core.vocabulary import VocabularyStats, stats
from app.services.context import AppContext


def article_stats(context: AppContext, documents, article) -> VocabularyStats:
    """Figures over the whole article (annotated once, then cached)."""
    paragraphs = documents.paragraphs(article)
    glossary = context.glossary
    spans = {p.index: [(p.start + m.start, p.start + m.end) for m in glossary.paragraph_matches(p)] for p in paragraphs}
    return stats(paragraphs, context.store.word_statuses(), spans)


def study_words(context: AppContext, status: str):
    """The words with a status, each with its reading, a short English gloss and its sentence."""
    from app.core.glossary import derive_pinyin
    from app.io.vocab_export import StudyWord

    words = []
    for word, sentence, article in context.store.words_with_status(status):
        entries = context.cedict.lookup(word)
        english = "; ".join(entries[0].senses[:3]) if entries else ""
        concept = context.glossary.find_term(word)
        if concept and not english:
            english = concept[0].preferred_english
        words.append(StudyWord(word, derive_pinyin(word), english, sentence, article, status))
    return words
