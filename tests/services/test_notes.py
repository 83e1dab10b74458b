"""The notes service: what an export holds, and a notes file matched to the paragraphs before import."""

from app.core.notes import Note, fingerprint
from app.io.articles.notes_files import dump_notes
from app.services.notes import export_heading, notes_to_export, plan_import

ARTICLE = "prospect-alaska-northeast-asia"  # 8 paragraphs, each with a bundled note


def texts(documents, article):
    return [article.text[a:b] for a, b in documents.spans(article.text)]


def test_an_export_holds_the_users_notes_over_the_bundled_ones(context, documents):
    article = documents.article(ARTICLE)
    context.store.set_user_note(article.id, 2, fingerprint(texts(documents, article)[2]), "Mine.")
    assert [(n.paragraph, n.text) for n in notes_to_export(documents, article)] == [(2, "Mine.")]
    every = notes_to_export(documents, article, include_bundled=True)
    assert [n.paragraph for n in every] == list(range(8)) and every[2].text == "Mine."
    assert every[0].source == "bundled"
    assert ARTICLE in export_heading(article) and "yours over the bundled ones" in export_heading(article, True)


def test_an_import_plan_keeps_matching_notes_and_says_why_it_leaves_out_the_others(context, documents, tmp_path):
    article = documents.article(ARTICLE)
    paragraphs = texts(documents, article)
    notes = [
        Note(1, fingerprint(paragraphs[1]), "Kept."),
        Note(2, "00000000", "Written for other text."),
        Note(1, fingerprint(paragraphs[1]), "A second one."),
        Note(3, fingerprint(paragraphs[3]), "  "),
        Note(40, "00000000", "No such paragraph."),
    ]
    path = tmp_path / "mine.toml"
    path.write_text(dump_notes(notes, "mine"), encoding="utf-8")
    plan = plan_import(documents, article, path)
    assert [(n.paragraph, n.text, n.source) for n in plan.notes] == [(1, "Kept.", "user")]
    assert [line.split(": ", 1)[1] for line in plan.skipped] == [
        "paragraph 2 changed since the note was written",
        f"a second note for paragraph 1 (the first is at line {plan.notes[0].line})",
        "the note for paragraph 3 has no text",
        "no paragraph 40 (the article has 8, from 0)",
    ]
    assert plan.summary() == "mine.toml: 1 note imported, 4 skipped"
    assert context.store.user_notes(article.id) == []  # a plan stores nothing
