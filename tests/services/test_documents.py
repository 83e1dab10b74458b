"""Documents: annotated paragraphs made in one place, and their cache, keyed by what changes a paragraph."""

import re

from app.core.annotated import AnnotatedParagraph
from app.core.glossary import ChineseTerm, Concept
from app.core.pipeline import GlossaryWords
from app.core.scripts import simplified_shadow
from app.core.text import Corrections
from app.io.store.paragraph_cache import CACHE_NAME, ParagraphCache
from app.services.documents import Documents

PROSPECT = "prospect-alaska-northeast-asia"
NEWTALK = "newtalk-alaska-concert"


def add_term(context, concept_id: str, text: str) -> None:
    """A user concept with one Chinese term, stored and taken into use, as the glossary panel does."""
    context.store.put_concept(Concept(concept_id, "concept", (f"test {concept_id}",), (ChineseTerm(text, ("TW",)),)))
    context.reload_glossary()


def only_in(article, index: int, spans) -> str:
    """Two Han characters of paragraph `index` that no other paragraph of the article holds in any script."""
    start, end = spans[index]
    body = article.text[start:end]
    others = [simplified_shadow(article.text[a:b]) for i, (a, b) in enumerate(spans) if i != index]
    for m in re.finditer(r"(?=([\u4e00-\u9fff]{2}))", body):
        pair = m.group(1)
        if simplified_shadow(pair) != pair and not any(simplified_shadow(pair) in other for other in others):
            return pair
    raise AssertionError(f"paragraph {index} has no pair of its own")


def test_annotated_paragraphs_carry_their_tokens_terms_and_notes(documents):
    article = documents.article(PROSPECT)
    annotated = documents.annotated(article)
    assert all(isinstance(p, AnnotatedParagraph) for p in annotated)
    assert ["".join(t.text for t in p.tokens) for p in annotated] == [p.text for p in annotated]
    putin = [t for p in annotated for t in p.terms if t.concept_id == "vladimir-putin"]
    assert putin and {article.text[t.start : t.end] for t in putin} == {"普丁"} and putin[0].form == "普丁"
    assert all(p.notes for p in annotated)  # the bundled notes, one on every paragraph


def test_reopening_annotates_nothing(context, documents, pipeline_calls):
    article = documents.article(PROSPECT)
    first = documents.annotated(article)
    assert pipeline_calls.paragraphs == list(range(len(first)))
    pipeline_calls.batches.clear()
    assert documents.annotated(article) == first
    assert pipeline_calls.paragraphs == []


def test_a_warm_start_takes_the_glossary_words_of_each_paragraph_from_the_cache(context, documents, monkeypatch):
    # Finding them needs the OpenCC tables, a quarter of a second to load that a reopen need not pay.
    article = documents.article(NEWTALK)
    first = documents.paragraphs(article)

    def refuse(*args, **kwargs):
        raise AssertionError("the glossary words were looked for again")

    monkeypatch.setattr(GlossaryWords, "found_in", refuse)
    assert Documents(context).paragraphs(article) == first


def test_a_glossary_edit_whose_words_occur_nowhere_reannotates_nothing(context, documents, pipeline_calls):
    articles = [documents.article(PROSPECT), documents.article(NEWTALK)]
    before = [documents.annotated(a) for a in articles]
    pipeline_calls.batches.clear()
    add_term(context, "cat-bus", "龍貓公車")
    add_term(context, "nowhere", "烏有之鄉")
    assert [documents.annotated(a) for a in articles] == before
    assert pipeline_calls.paragraphs == []


def test_a_glossary_edit_reannotates_only_the_paragraphs_holding_its_words_in_either_script(
    context, documents, pipeline_calls
):
    article = documents.article(PROSPECT)
    spans = documents.spans(article.text)
    documents.paragraphs(article)
    pipeline_calls.batches.clear()
    # The term in Simplified characters, the article in Traditional: its forms still meet.
    add_term(context, "only-in-three", simplified_shadow(only_in(article, 3, spans)))
    again = documents.paragraphs(article)
    assert pipeline_calls.paragraphs == [3]
    # Whatever came from the cache is what the pipeline makes now, with the new word.
    fresh = context.pipeline.paragraphs(article.text)
    assert again == fresh


def test_a_correction_reannotates_only_its_own_paragraph(context, documents, pipeline_calls):
    article = documents.article(PROSPECT)
    first = documents.paragraphs(article)
    pipeline_calls.batches.clear()
    word = next(t for t in first[2].tokens if len(t.text) > 1)
    context.store.set_corrections(article.id, Corrections(splits=frozenset({word.start + 1})))
    again = documents.paragraphs(article)
    assert pipeline_calls.paragraphs == [2]
    assert word.start + 1 in {t.start for t in again[2].tokens}
    assert again[:2] == first[:2] and again[3:] == first[3:]


def test_a_forced_script_is_cached_apart_from_the_detected_one(context, documents, pipeline_calls):
    article = documents.article(PROSPECT)
    detected = documents.paragraphs(article)
    forced = documents.paragraphs(article, script="simplified")
    assert {p.script for p in detected} == {"traditional"} and {p.script for p in forced} == {"simplified"}
    pipeline_calls.batches.clear()
    assert documents.paragraphs(article, script="simplified") == forced
    assert documents.paragraphs(article) == detected
    assert pipeline_calls.paragraphs == []


def test_the_cache_stays_under_its_cap_when_more_is_annotated_than_fits(context, documents, tmp_path):
    articles = [documents.article(PROSPECT), documents.article(NEWTALK)]
    roomy = ParagraphCache(tmp_path / "roomy")
    context.paragraph_cache = roomy
    expected = [documents.paragraphs(a) for a in articles]
    needed = roomy.usage().bytes
    cap = needed // 3
    context.paragraph_cache = small = ParagraphCache(tmp_path / "small", max_bytes=cap)
    for _ in range(2):
        assert [documents.paragraphs(a) for a in articles] == expected
        used = small.usage()
        # Each paragraph has two rows when all fit: its annotation, and the glossary words in it.
        assert 0 < used.bytes <= cap and 0 < used.rows < 2 * sum(len(e) for e in expected)
    roomy.close()
    small.close()


def test_a_damaged_cache_file_is_replaced_and_annotation_goes_on(context, documents, tmp_path):
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / CACHE_NAME).write_bytes(b"SQLite format 3\x00" + b"\x13" * 8000)
    context.paragraph_cache = ParagraphCache(folder)
    article = documents.article(PROSPECT)
    assert documents.paragraphs(article) == context.pipeline.paragraphs(article.text)
    assert context.paragraph_cache.usage().rows == 2 * len(documents.spans(article.text))  # and their words
