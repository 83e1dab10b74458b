"""Where a reader meets the sources the notes and the glossary cite: the notes column, the card,
`glossary lookup` and the handouts (issue 17, item 13)."""

import json

import pytest
from PySide6.QtWidgets import QApplication

from app.core.notes import sources_line
from app.io.articles.bundled import bundled_article
from app.io.articles.notes_files import load_notes
from app.io.glossary.files import load_glossary
from tests.helpers import open_window, run_cli

ARTICLE = "newtalk-alaska-concert"


def cited_annotations():
    article = bundled_article(ARTICLE)
    assert article is not None and article.folder is not None
    notes = load_notes(article.folder / "notes.en.toml")
    return [(n.paragraph, a) for n in notes for a in n.annotations if a.sources]


def test_sources_line_reads_as_one_line_after_its_text():
    assert sources_line(()) == ""
    assert sources_line(("UN Charter, art. 2(4)",)) == "Source: UN Charter, art. 2(4)"
    assert sources_line(("A", "B")) == "Sources: A; B"


def test_the_handouts_carry_each_annotations_sources(capsys, tmp_path):
    cited = cited_annotations()
    assert cited, "the bundled notes cite sources"
    code, out, err = run_cli(capsys, tmp_path / "home", "annotate", ARTICLE, "--format", "json")
    assert code == 0, err
    annotations = [a for p in json.loads(out)["paragraphs"] for n in p["notes"] for a in n["annotations"]]
    assert [tuple(a["sources"]) for a in annotations if a["sources"]] == [a.sources for _, a in cited]
    page = tmp_path / "handout.html"
    code, _, err = run_cli(capsys, tmp_path / "home", "annotate", ARTICLE, "--format", "html", "-o", str(page))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert html.count('<p class="sources">') == len(cited)
    first = cited[0][1].sources[0]
    assert first.split(",")[0].replace("&", "&amp;") in html


def test_glossary_lookup_prints_and_gives_the_concepts_sources(capsys, tmp_path):
    putin = next(c for c in load_glossary().glossary if c.id == "vladimir-putin")
    assert putin.sources
    code, out, _ = run_cli(capsys, tmp_path / "home", "glossary", "lookup", "普丁")
    assert code == 0 and sources_line(putin.sources) in out
    code, out, _ = run_cli(capsys, tmp_path / "home", "glossary", "lookup", "普丁", "--json")
    found = json.loads(out)
    concepts = found["concepts"] if isinstance(found, dict) else found
    assert concepts[0]["sources"] == list(putin.sources)


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, ARTICLE, size=(1400, 900))


def row_on_screen(qtbot, window, paragraph):
    """The laid-out row of a paragraph, scrolled into view."""
    window.document.request_rows([paragraph])
    qtbot.waitUntil(lambda: paragraph in window.view.paragraphs, timeout=60_000)
    window.view.ensure_visible(paragraph, 0)
    QApplication.processEvents()
    return next(r for r in window.view.rows_on_screen() if r.index == paragraph)


def test_the_notes_column_shows_an_annotations_sources_under_it(qtbot, window):
    paragraph, annotation = cited_annotations()[0]
    row = row_on_screen(qtbot, window, paragraph)
    texts = [(line.kind, line.layout.text()) for line in row.notes]
    said = next(i for i, (_, text) in enumerate(texts) if text.endswith(annotation.text))
    assert texts[said + 1] == ("source", sources_line(annotation.sources))


def test_the_card_names_the_concepts_sources(qtbot, window):
    window.document.request_rows(list(range(len(window.view.spans))))
    qtbot.waitUntil(lambda: len(window.view.paragraphs) == len(window.view.spans), timeout=60_000)
    target = next((i, t.start) for i, p in sorted(window.view.paragraphs.items()) for t in p.tokens if t.text == "普京")
    window.view.ensure_visible(*target)
    window.lookup.show_popup(*target)
    putin = window.context.glossary.get("vladimir-putin")
    assert putin is not None and putin.sources
    assert "Source" in window.popup.text() and putin.sources[0].split(",")[0] in window.popup.text()


def test_sources_are_set_smaller_than_the_annotation_they_back(qtbot, window):
    paragraph, _ = cited_annotations()[0]
    row = row_on_screen(qtbot, window, paragraph)
    sizes = {line.kind: line.layout.font().pointSizeF() for line in row.notes}
    assert 0 < sizes["source"] < sizes["annotation"]
