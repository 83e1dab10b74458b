"""The annotate pipeline as the app runs it (glossary terms in the segmenter, the paragraph cache)
keeps every character of any text and gives exactly one reading slot per character."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.readings import has_reading
from app.core.scripts import forms, simplified_shadow
from app.core.text import WORD, paragraph_spans
from app.io.articles.bundled import Article
from app.io.glossary.files import load_glossary
from tests.core.strategies import chinese_char, mixed_text

GLOSSARY_WORDS = load_glossary().glossary.user_words()
READING = re.compile(r"[a-zv]+[1-5]|ê[1-5]")

# CJK with Extension B and later, emoji, combining marks, every kind of white space and line
# break (strategies.chinese_char), glossary terms in either script, and arbitrary Unicode.
text = st.lists(
    st.one_of(
        mixed_text,
        st.sampled_from(GLOSSARY_WORDS),
        st.sampled_from(GLOSSARY_WORDS).map(simplified_shadow),
        st.text(st.one_of(chinese_char, st.sampled_from("\n\r\u0301\u20dd👍🏽\u200d")), max_size=10),
    ),
    max_size=6,
).map("".join)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """The window's and the command line's Documents on a data folder of their own: built once,
    since the segmenter with the glossary's words and the reading model take seconds."""
    from app.io.paths import resolve
    from app.services.context import AppContext
    from app.services.documents import Documents

    return Documents(AppContext(resolve(tmp_path_factory.mktemp("duben-home"))))


def check_paragraph(paragraph, text):
    assert paragraph.text == text[paragraph.start : paragraph.end]
    assert "".join(t.text for t in paragraph.tokens) == paragraph.text
    assert all(t.text for t in paragraph.tokens)
    assert [t.start for t in paragraph.tokens] == [paragraph.start] + [t.end for t in paragraph.tokens[:-1]]
    shadow = forms(paragraph.text)[1]  # the form the readings are taken from
    for token in paragraph.tokens:
        assert len(token.readings) == len(token.text), token
        offset = token.start - paragraph.start
        for i, reading in enumerate(token.readings):
            # A reading exactly where the character has one; None on anything else.
            assert (reading is None) == (not has_reading(shadow[offset + i])), (token, i)
            assert reading is None or READING.fullmatch(reading), (token, reading)
        if token.kind != WORD:
            assert set(token.readings) <= {None}, token


@settings(max_examples=100, deadline=None)
@given(text)
def test_tokens_join_back_to_each_paragraph_with_one_reading_per_character(documents, text):
    article = Article("property", "property", text, "test")
    fresh = documents.paragraphs(article)
    assert [(p.start, p.end) for p in fresh] == paragraph_spans(text)
    for paragraph in fresh:
        check_paragraph(paragraph, text)
    assert documents.paragraphs(article) == fresh  # the same again from the cache


def test_every_glossary_term_alone_is_one_word_in_either_script(documents):
    # Terms holding white space would be cut at it: white space is always a token of its own.
    for term in sorted(set(GLOSSARY_WORDS) | {simplified_shadow(t) for t in GLOSSARY_WORDS}):
        [paragraph] = documents.paragraphs(Article("term", "term", term, "test"))
        assert [t.text for t in paragraph.tokens if not t.text.isspace()] == term.split(), term
