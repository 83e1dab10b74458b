"""Segmentation driven by the glossary: no curated term is split in either bundled article."""

import re

import pytest

from app.io.articles.bundled import bundled_articles
from app.io.paths import resolve
from app.services.context import AppContext


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    return AppContext(resolve(tmp_path_factory.mktemp("home")))


# A term inside other words is not that term, and segmentation does not force it: the
# prospect article's heading 亞歐盟邦 is 亞歐 + 盟邦 (allies in Asia and Europe), not the EU.
INSIDE_OTHER_WORDS = {"prospect-alaska-northeast-asia": [("歐盟", "european-union")]}


@pytest.mark.parametrize("article", bundled_articles(), ids=lambda a: a.id)
def test_no_glossary_term_is_split(context, article):
    paragraphs = context.pipeline.paragraphs(article.text, with_readings=False)
    bounds = {t.start for p in paragraphs for t in p.tokens} | {t.end for p in paragraphs for t in p.tokens}
    matches = context.glossary.matches(article.text)
    assert len(matches) > 50
    split = []
    for m in matches:
        # A term the text writes with spaces inside (第 ES-11/1 號決議) is found by matching,
        # but white space is always a token of its own: each piece between spaces stays whole.
        for piece in re.finditer(r"\S+", article.text[m.start : m.end]):
            start, end = m.start + piece.start(), m.start + piece.end()
            if start not in bounds or end not in bounds or any(start < b < end for b in bounds):
                split.append((article.text[m.start : m.end], m.concept.id))
    assert split == INSIDE_OTHER_WORDS.get(article.id, [])
    # ...and the terms of the segmented paragraphs leave such places out.
    aligned = [
        (p.text[m.start : m.end], m.concept.id) for p in paragraphs for m in context.glossary.paragraph_matches(p)
    ]
    for found in split:
        assert found not in aligned
    assert len(aligned) >= len(matches) - len(split)


def test_terms_are_words_in_either_script(context):
    pipeline = context.pipeline
    assert pipeline.words("普京与泽连斯基在雅尔塔会议上")[:3] == ["普京", "与", "泽连斯基"]
    assert "歐洲協調" in pipeline.words("這是歐洲協調的當代版")
