"""What is said aloud and where each spoken word is in the article."""

from __future__ import annotations

import pytest

from app.core.annotated import AnnotatedParagraph
from app.core.script_detection import SIMPLIFIED, TRADITIONAL
from app.core.speech import (
    paragraph_utterance,
    sentence_utterance,
    sentence_utterances,
    utterance,
    voice_locale,
    word_utterance,
)
from app.core.text import Paragraph, Token, token_kind

# The paragraph starts at offset 10 of its article, as a second paragraph would.
BASE = 10
TEXT = "我們去學校。\n他  說：好！"
WORDS = ["我們", "去", "學校", "。", "\n", "他", "  ", "說", "：", "好", "！"]


def _paragraph(script: str = TRADITIONAL) -> AnnotatedParagraph:
    tokens, at = [], BASE
    for word in WORDS:
        tokens.append(Token(word, at, at + len(word), token_kind(word)))
        at += len(word)
    assert "".join(WORDS) == TEXT
    return AnnotatedParagraph(Paragraph(0, BASE, BASE + len(TEXT), TEXT, tuple(tokens), script))


def test_a_paragraph_is_said_with_white_space_made_one_space_and_mapped_back():
    said = paragraph_utterance(_paragraph())
    assert said.text == "我們去學校。 他 說：好！"
    assert len(said.offsets) == len(said.text)
    for ch, offset in zip(said.text, said.offsets, strict=True):
        assert ch == " " or TEXT[offset - BASE] == ch


@pytest.mark.parametrize(
    "spoken, length, expected",
    [
        (0, 2, "我們"),  # the engine's word is ours
        (1, 1, "我們"),  # one character of a word: the whole word is highlighted
        (3, 1, "學校"),
        (2, 2, "去學校"),  # across two of our words
        (9, 1, "說"),  # after the collapsed spaces
    ],
)
def test_an_engine_word_boundary_maps_to_whole_words_of_the_article(spoken, length, expected):
    said = paragraph_utterance(_paragraph())
    span = said.article_span(spoken, length)
    assert span is not None
    assert TEXT[span[0] - BASE : span[1] - BASE] == expected


def test_a_boundary_outside_the_text_maps_to_nothing():
    said = paragraph_utterance(_paragraph())
    assert said.article_span(len(said.text), 1) is None
    assert said.article_span(-1, 1) is None


def test_the_word_and_the_sentence_at_an_offset():
    paragraph = _paragraph()
    assert word_utterance(paragraph, BASE + 4).text == "學校"
    assert sentence_utterance(paragraph, BASE + 1).text == "我們去學校。"
    assert sentence_utterance(paragraph, BASE + len(TEXT) - 1).text == "他 說：好！"
    assert utterance(paragraph, 0, BASE + 2).text == "我們"  # clipped to the paragraph


def test_the_voice_follows_the_script():
    assert voice_locale(TRADITIONAL) == "zh_TW"
    assert voice_locale(SIMPLIFIED) == "zh_CN"
    assert voice_locale("neither") == "zh_CN"
    assert paragraph_utterance(_paragraph(TRADITIONAL)).locale == "zh_TW"
    assert paragraph_utterance(_paragraph(SIMPLIFIED)).locale == "zh_CN"


def test_a_paragraph_said_sentence_by_sentence_covers_it_in_order():
    paragraph = _paragraph()
    said = sentence_utterances(paragraph)
    assert [s.text for s in said] == ["我們去學校。", "他 說：好！"]
    assert [s.offsets[0] for s in said] == [BASE, BASE + TEXT.index("他")]
    assert all(s.locale == "zh_TW" for s in said)
    assert "".join(s.text for s in said) == paragraph_utterance(paragraph).text.replace(" ", "", 1)
    words = [(t.start, t.end) for t in paragraph.tokens if t.kind == "word"]
    assert [w for s in said for w in s.words] == words  # each word in exactly one sentence


def test_text_after_the_last_full_stop_is_a_sentence_too():
    tokens = (Token("好", 0, 1, "word"), Token("！", 1, 2, "punct"), Token("再見", 2, 4, "word"))
    paragraph = AnnotatedParagraph(Paragraph(0, 0, 4, "好！再見", tokens, SIMPLIFIED))
    assert [s.text for s in sentence_utterances(paragraph)] == ["好！", "再見"]
