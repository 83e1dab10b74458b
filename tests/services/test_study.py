"""The study service: figures over annotated paragraphs, word statuses with their sentence, cards, corrections."""

import pytest

from app.core.text import Corrections
from app.io.textinput import InputError
from app.services.study import article_stats, correct, mark_word, reset_corrections, study_words

ARTICLE = "prospect-alaska-northeast-asia"


def test_figures_count_words_and_leave_glossary_names_out(context, documents):
    article = documents.article(ARTICLE)
    before = article_stats(documents, article)
    assert before.known == 0 and before.names > 20 and before.words > 500
    mark_word(context, "戰爭", "known")
    mark_word(context, "普丁", "known")  # a glossary name: not vocabulary
    mark_word(context, "峰會", "learning")
    after = article_stats(documents, article)
    assert (after.known, after.learning, after.distinct) == (1, 1, before.distinct)
    names = {t.text for p in documents.annotated(article) for t in p.tokens if p.term_at(t.start, t.end)}
    assert "普丁" in names and len(names) >= after.names


def test_a_word_marked_in_an_article_keeps_its_sentence_for_the_card(context, documents):
    mark_word(context, "峰會", "learning", documents.article(ARTICLE))
    mark_word(context, "會晤", "learning")
    cards = {w.word: w for w in study_words(context, "learning")}
    assert cards["峰會"].sentence.endswith("。") and "峰會" in cards["峰會"].sentence
    assert (
        cards["峰會"].article == ARTICLE and cards["峰會"].reading == "fēng huì" and "summit" in cards["峰會"].english
    )
    assert cards["會晤"].sentence == "" and cards["會晤"].article == ""
    mark_word(context, "峰會", None)
    assert [w.word for w in study_words(context, "learning")] == ["會晤"]


def test_corrections_are_stored_and_change_the_words(context, documents):
    article = documents.article(ARTICLE)
    word = next(t for t in documents.paragraphs(article, [1])[0].tokens if t.text == "會面")
    correct(documents, article, "split", word.start + 1)
    fixes = correct(documents, article, "reading", word.start, "kuai4")
    assert fixes == Corrections(frozenset({word.start + 1}), frozenset(), {word.start: "kuai4"})
    assert context.store.corrections(article.id) == fixes
    first = next(t for t in documents.paragraphs(article, [1])[0].tokens if t.start == word.start)
    assert first.text == "會" and first.readings == ("kuai4",)
    reset_corrections(documents, article)
    assert not documents.corrections(article)


@pytest.mark.parametrize(
    "action, offset, reading, message",
    [
        ("split", 999_999, "", "give a character offset inside the article"),
        ("merge", None, "", "give a character offset inside the article"),
        ("reading", 5, "", "give the reading in tone numbers"),
        ("rotate", 5, "", "not a correction"),
    ],
)
def test_a_correction_that_cannot_be_made_is_one_input_error(context, documents, action, offset, reading, message):
    article = documents.article(ARTICLE)
    with pytest.raises(InputError, match=message):
        correct(documents, article, action, offset, reading)
    assert not context.store.corrections(article.id)
