"""The translator's view: the term pane at the cursor, the "My translation" column with the
checks' findings, the editor (undoable, saved at once), bilingual files from the menu."""

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog
from translate.storage import factory

from app.core.paragraph_terms import OTHER_REGION
from app.services.translation import ArticleTranslation
from app.ui.controllers.translation import EMPTY_CELL
from app.ui.reader.translation_editing import TranslationDialog
from app.ui.screenshot import find_word
from tests.helpers import open_window

ARTICLE = "prospect-alaska-northeast-asia"


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, ARTICLE)


def menu_action(window, label):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Translation")
    return next(a for a in menu.actions() if a.text().replace("&", "") == label)


def cell(window, index):
    """The column's text beside paragraph `index`, and the findings below it."""
    (note,) = window.view.paragraphs[index].notes
    return note.text, [a.text for a in note.annotations]


def translating(qtbot, window):
    menu_action(window, "My translation column (in place of the notes)").trigger()
    qtbot.waitUntil(lambda: bool(window.translation.findings), timeout=30_000)


def test_the_term_pane_lists_the_concepts_of_the_paragraph_at_the_cursor(qtbot, window):
    index, start = find_word(window, "普丁")
    window.view.select_word(index, start)
    rows = {r.concept_id: r for r in window.term_pane.rows()}
    putin = rows["vladimir-putin"]
    assert (putin.english, putin.written, putin.regions, putin.flags) == ("Vladimir Putin", "普丁", ("TW",), ())
    assert ("普京", "CN/HK", "preferred") in putin.others
    assert window.term_pane.heading.text().startswith(f"Paragraph {index + 1}: ")
    # For Hong Kong, Taiwan's 普丁 is flagged.
    window.translation.set_target("HK")
    assert OTHER_REGION in {r.concept_id: r for r in window.term_pane.rows()}["vladimir-putin"].flags
    # A click copies the approved English.
    row = [r.concept_id for r in window.term_pane.rows()].index("vladimir-putin")
    window.term_pane.table.clicked.emit(window.term_pane.model.index(row, 0))
    assert QGuiApplication.clipboard().text() == "Vladimir Putin"


def test_the_column_shows_my_translation_with_its_findings(qtbot, window):
    translating(qtbot, window)
    assert cell(window, 0)[0] == EMPTY_CELL
    assert "⚠ untranslated: paragraph 1 has no translation" in cell(window, 0)[1]
    work = ArticleTranslation(window.document.documents, window.article)
    dropped = work.bundled()[0].replace("their first in six years", "their first in years")
    window.translation.edit(0, dropped)
    assert cell(window, 0)[0] == dropped  # saved and shown at once
    assert work.mine()[0] == dropped
    qtbot.waitUntil(lambda: any("number: 6" in line for line in cell(window, 0)[1]), timeout=30_000)
    assert not any("untranslated" in line for line in cell(window, 0)[1])


def test_a_translation_is_undoable_and_the_column_switches_back_to_the_notes(qtbot, window):
    translating(qtbot, window)
    window.translation.edit(1, "Mine.")
    assert cell(window, 1)[0] == "Mine."
    window.undo_stack.undo()
    assert cell(window, 1)[0] == EMPTY_CELL
    assert ArticleTranslation(window.document.documents, window.article).mine() == {}
    window.undo_stack.redo()
    assert cell(window, 1)[0] == "Mine."
    menu_action(window, "My translation column (in place of the notes)").trigger()
    assert not window.translation.active
    assert window.view.paragraphs[1].notes[0].text.startswith("Yet this meeting")  # the bundled note again


def test_the_editor_starts_from_the_bundled_translation_on_request(qtbot, window, monkeypatch):
    translating(qtbot, window)

    def accept_with_bundled(dialog):
        dialog.start.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TranslationDialog, "exec", accept_with_bundled)
    window.view.select_word(*find_word(window, "普丁"))
    menu_action(window, "Translate this paragraph…").trigger()
    assert cell(window, 0)[0].startswith("Russia's invasion of Ukraine has gone on")


def test_export_and_import_of_a_bilingual_file_from_the_menu(qtbot, window, monkeypatch, tmp_path):
    path = tmp_path / "out.xlf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    menu_action(window, "Export as XLIFF 1.2…").trigger()
    assert window.statusBar().currentMessage() == f"wrote 8 paragraphs (0 translated) to {path}"
    store = factory.getobject(str(path))
    units = [u for u in store.units if not u.isheader()]
    assert len(units) == 8
    units[2].target = "The third, translated elsewhere."
    store.save()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    translating(qtbot, window)
    menu_action(window, "Import a translated XLIFF or TMX…").trigger()
    assert window.statusBar().currentMessage().endswith("out.xlf: 1 translation imported, 7 skipped")
    assert cell(window, 2)[0] == "The third, translated elsewhere."
    window.undo_stack.undo()
    assert cell(window, 2)[0] == EMPTY_CELL


def test_the_findings_go_to_the_consistency_panel_on_request(qtbot, window):
    window.translation.edit(0, "Russia's invasion of Ukraine went on for more than three years.")
    menu_action(window, "Check my translation (consistency panel)").trigger()
    qtbot.waitUntil(lambda: bool(window.check_panel.findings), timeout=30_000)
    kinds = {f.kind for f in window.check_panel.findings}
    assert {"translation: untranslated", "translation: number"} <= kinds
    assert all(f.article == ARTICLE and f.start is not None for f in window.check_panel.findings)
    assert window.panel_docks["check"].isVisible()
