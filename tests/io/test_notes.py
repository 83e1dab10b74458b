"""The bundled notes: one per paragraph, each still matching its paragraph's text, concepts known."""

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
