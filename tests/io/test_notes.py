"""The bundled notes: one per paragraph, each still matching its paragraph's text, concepts known."""

import re
from pathlib import Path

import pytest

from app.core.notes import Note, check_notes, fingerprint
from app.core.text import paragraph_spans
from app.io.articles.bundled import bundled_articles
from app.io.articles.notes_files import NotesFileError, load_notes
from app.io.glossary.files import load_glossary


def paragraphs_of(text):
    return [text[a:b] for a, b in paragraph_spans(text)]


@pytest.mark.parametrize("article", bundled_articles(), ids=lambda a: a.id)
def test_every_paragraph_has_a_matching_note(article):
    notes = load_notes(article.folder / "notes.en.toml")
    concept_ids = set(load_glossary().glossary.concepts)
    assert check_notes(paragraphs_of(article.text), notes, concept_ids) == []
    assert all(n.text.strip() for n in notes)


@pytest.mark.parametrize("article", bundled_articles(), ids=lambda a: a.id)
def test_articles_have_the_metadata_a_reader_needs(article):
    meta = article.meta
    for key in ("title_zh", "title_en", "publisher", "script", "region", "summary_en"):
        assert meta.get(key), key
    assert meta["summary_en"].count(".") >= 2


@pytest.mark.parametrize("article", bundled_articles(), ids=lambda a: a.id)
def test_every_annotation_that_gives_a_date_or_a_figure_names_a_source(article):
    for note in load_notes(article.folder / "notes.en.toml"):
        assert len(note.annotations) <= 3, note.paragraph
        for annotation in note.annotations:
            if re.search(r"\d", annotation.text):
                assert annotation.sources and all(s.strip() for s in annotation.sources), (
                    note.paragraph,
                    annotation.text[:60],
                )


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Day, month, year: "15 August 2025". Not "August 15, 2025", "Aug. 15" or "2025-08-15".
BAD_DATE = re.compile(
    rf"\b(?:(?:{MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?\b|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th) (?:{MONTHS}))"
)


def bundled_prose():
    """Every English note, annotation, glossary note and source that ships, with where it stands."""
    for article in bundled_articles():
        for note in load_notes(article.folder / "notes.en.toml"):
            yield f"{article.id} paragraph {note.paragraph}", note.text
            for annotation in note.annotations:
                yield f"{article.id} paragraph {note.paragraph}", annotation.text
                for source in annotation.sources:
                    yield f"{article.id} paragraph {note.paragraph} source", source
    for concept in load_glossary().glossary:
        yield concept.id, concept.note
        for source in concept.sources:
            yield f"{concept.id} source", source


def test_dates_are_written_day_month_year_everywhere():
    bad = [(where, m.group()) for where, text in bundled_prose() for m in BAD_DATE.finditer(text)]
    assert bad == []


@pytest.mark.parametrize("text", ["on August 15, 2025", "on 2025-08-15", "on the 15th August"])
def test_the_date_rule_catches_the_other_styles(text):
    assert BAD_DATE.search(text)
    assert not BAD_DATE.search("on 15 August 2025, in May 2025")


def test_a_changed_paragraph_orphans_its_note():
    paragraphs = ["普丁與川普會晤。", "歐洲協調。"]
    notes = [
        Note(0, fingerprint(paragraphs[0]), "Putin met Trump.", line=3),
        Note(1, fingerprint("歐洲協調!"), "The Concert of Europe.", line=9),
    ]
    problems = check_notes(paragraphs, notes)
    assert problems == [
        (
            9,
            f"paragraph 1 has changed since its note was written (fingerprint "
            f"{fingerprint('歐洲協調!')}, now {fingerprint(paragraphs[1])}): 歐洲協調。…",
        )
    ]


def test_a_missing_note_and_a_note_past_the_end_are_reported():
    problems = check_notes(["甲", "乙"], [Note(0, fingerprint("甲"), "A", line=2), Note(5, "x", "B", line=7)])
    assert (7, "note for paragraph 5, but the article has 2") in problems
    assert (0, "paragraph 1 has no note: 乙…") in problems


def test_unknown_concepts_are_reported():
    from app.core.notes import Annotation

    note = Note(0, fingerprint("甲"), "A", (Annotation("x", ("no-such-concept",)),), line=4)
    assert check_notes(["甲"], [note], {"vladimir-putin"}) == [
        (4, "paragraph 0: unknown glossary concept 'no-such-concept'")
    ]


def test_a_broken_notes_file_names_its_line(tmp_path):
    path = tmp_path / "notes.en.toml"
    path.write_text(
        '[[note]]\nparagraph = 0\nfingerprint = "abc"\ntext = "A"\n\n[[note]]\nparagraph = 1\n', encoding="utf-8"
    )
    with pytest.raises(NotesFileError, match=r"notes.en.toml:6: a note needs"):
        load_notes(path)


def test_fingerprint_ignores_surrounding_white_space():
    assert fingerprint("  普丁。\t") == fingerprint("普丁。") != fingerprint("普京。")


SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared: the seed articles beside the project are not there")
@pytest.mark.parametrize("article", bundled_articles(), ids=lambda a: a.id)
def test_the_article_text_is_the_source_character_for_character(article):
    source = (SEEDS / article.meta["source_file"]).read_text(encoding="utf-8")
    joined_source = "".join(source.split())
    for paragraph in paragraphs_of(article.text):
        # Every paragraph stands in the source unchanged (line breaks of repaired paragraphs aside).
        assert "".join(paragraph.split()) in joined_source, paragraph[:20]
    removed = "".join("".join(str(v).split()) for v in article.meta.get("boilerplate", {}).values())
    kept = "".join("".join(p.split()) for p in paragraphs_of(article.text))
    assert len(kept) + len(removed) >= len(joined_source) - 60  # nothing but boilerplate left out
