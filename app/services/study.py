"""A student's words: statuses with their sentence, figures over an article, study cards, and corrections."""

from __future__ import annotations

import os

from app.core.glossary import derive_pinyin
from app.core.levels import article_profile
from app.core.script_detection import paragraph_script
from app.core.speech import voice_locale
from app.core.text import Corrections
from app.core.vocabulary import VocabularyStats, sentence_around, stats
from app.io.articles.bundled import Article
from app.io.speech_audio import espeak_voice, synthesise
from app.io.textinput import InputError
from app.io.vocab_export import StudyWord, write_anki, write_csv
from app.services.context import AppContext
from app.services.documents import Documents

CORRECTIONS = ("split", "merge", "reading")


def article_stats(documents: Documents, article: Article) -> VocabularyStats:
    """Figures over the whole article (annotated once, then cached)."""
    return stats(documents.annotated(article), documents.context.store.word_statuses())


def level_profile(documents: Documents, article: Article) -> dict[str, float]:
    """Share of the article's running words at each HSK level, and the share the student knows
    (glossary names left out, as in the figures)."""
    statuses = documents.context.store.word_statuses()
    return article_profile(documents.context.levels, documents.annotated(article), statuses)


def mark_word(context: AppContext, word: str, status: str | None, article: Article | None = None) -> None:
    """Give a word a status (None forgets it); with an article, the sentence it is first met in
    there goes with it, for the study card."""
    sentence, article_id = "", ""
    if article is not None:
        position = article.text.find(word)
        if position >= 0:
            sentence, article_id = sentence_around(article.text, position, position + len(word)), article.id
    context.store.set_word_status(word, status, sentence, article_id)


def study_words(context: AppContext, status: str) -> list[StudyWord]:
    """The words with a status, each with its reading, a short English gloss and its sentence."""
    words = []
    for word, sentence, article in context.store.words_with_status(status):
        entries = context.cedict.lookup(word)
        english = "; ".join(entries[0].senses[:3]) if entries else ""
        concept = context.glossary.find_term(word)
        if concept and not english:
            english = concept[0].preferred_english
        words.append(StudyWord(word, derive_pinyin(word), english, sentence, article, status))
    return words


def export_words(
    context: AppContext, path: str | os.PathLike[str], fmt: str, status: str = "learning", audio: bool = False
) -> int:
    """Write the words with `status` to an Anki deck (`anki`) or a spreadsheet (`csv`); returns how
    many. `audio`: each word spoken into the deck (espeak-ng; SpeechError when it is missing)."""
    words = study_words(context, status)
    if fmt == "anki":
        return write_anki(words, path, stamps=context.anki_stamps(), audio=word_audio if audio else None)
    return write_csv(words, path)


def correct(documents: Documents, article: Article, action: str, offset: int | None, reading: str = "") -> Corrections:
    """Store one correction of the article's words (a split or merge at `offset`, or the reading
    of the character there) and return them all; InputError for an offset outside the text."""
    text = article.text
    if offset is None or not 0 < offset < len(text) + (action == "reading"):
        raise InputError(f"{action}: give a character offset inside the article (0 to {len(text) - 1})")
    fixes = documents.corrections(article)
    if action == "split":
        fixes = fixes.split_at(offset)
    elif action == "merge":
        fixes = fixes.merge_at(offset)
    elif action == "reading":
        if not reading:
            raise InputError("reading: give the reading in tone numbers, e.g. liao3")
        fixes = fixes.with_reading(offset, reading)
    else:
        raise InputError(f"{action}: not a correction (expected one of {', '.join(CORRECTIONS)})")
    documents.context.store.set_corrections(article.id, fixes)
    return fixes


def reset_corrections(documents: Documents, article: Article) -> None:
    documents.context.store.set_corrections(article.id, Corrections())


def word_audio(word: str) -> bytes:
    """A word spoken as WAV, by the voice of its script."""
    return synthesise(word, espeak_voice(voice_locale(paragraph_script(word))))
