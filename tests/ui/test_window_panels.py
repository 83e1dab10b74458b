"""The translator's panels in the window: concordance and check jump to their places; exports."""

import re

import pytest

from app.core.concordance import Hit
from app.ui.panels.record_model import RecordTableModel
from app.ui.panels.results import HIT_COLUMNS
from tests.helpers import find_in_library, open_window


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, size=(1300, 900), dictionary=True)


def test_the_record_model_passes_the_model_tester(qtmodeltester):
    model = RecordTableModel(HIT_COLUMNS)
    model.set_records([Hit("a", "標題", "普丁", "vladimir-putin", 2, 10, 12, "普丁來了。", "", "來了。")])
    qtmodeltester.check(model)


def test_concordance_folds_variants_and_a_hit_opens_its_place(qtbot, window):
    hits = find_in_library(qtbot, window, "普京")
    forms = {(h.article, h.form) for h in hits}
    assert ("newtalk-alaska-concert", "普京") in forms and ("prospect-alaska-northeast-asia", "普丁") in forms
    assert window.concordance_panel.model.rowCount() == len(hits)
    target = next(h for h in hits if h.form == "普丁")
    window.document.jump_to(target.article, target.start)
    qtbot.waitUntil(lambda: window.view.current is not None, timeout=60_000)
    assert window.article.id == "prospect-alaska-northeast-asia"
    assert window.view.selected_text() == "普丁"


def test_the_check_reports_mixed_variants_and_exports_csv(qtbot, window, tmp_path):
    window.panels.run_check("library")
    qtbot.waitUntil(lambda: bool(window.check_panel.findings), timeout=120_000)
    kinds = {f.kind for f in window.check_panel.findings}
    assert "mixed-variants" in kinds
    putin = [f for f in window.check_panel.findings if f.concept == "vladimir-putin"]
    assert putin and "普丁" in putin[0].message and "普京" in putin[0].message
    from app.io.glossary.check_report import write_findings_csv

    write_findings_csv(window.check_panel.findings, tmp_path / "check.csv")
    assert (tmp_path / "check.csv").read_bytes().startswith(b"\xef\xbb\xbfkind,severity,article")


def test_the_handout_prints_to_pdf_in_the_readers_script(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.handout_pdf import article_words, outside_columns, overlaps, radicals, text_layer, words

    window.display.set_option(script="cn")  # the reader shows the Taiwan article in mainland forms
    target = tmp_path / "handout.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.exports.export_finished, timeout=120_000) as blocker:
        window.exports.export_pdf()
    assert re.fullmatch(r"Wrote \d+ pages to .*handout\.pdf", blocker.args[0])
    found = words(target)
    printed = "".join(w.text for w in article_words(found))  # the article's words (its notes are English)
    assert "国际" in printed and "國際" not in printed and radicals(text_layer(target)) == []
    assert overlaps(found) == [] and outside_columns(found) == []
    assert not list(tmp_path.glob("*.part"))


def test_a_selection_becomes_a_glossary_term(qtbot, window):
    target = next((r.index, b.start) for r in window.view.rows_on_screen() for b in r.boxes if b.text == "膠著")
    window.view.select_word(*target)
    concept_id = window.glossary_panel.add_term("膠著", "jiāo zhuó", "deadlock", "TW", "preferred", "concept")
    assert window.context.glossary.find_term("膠著")[0].id == concept_id


def test_file_menu_imports_a_glossary_and_re_marks_the_open_article(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "mine.csv"
    path.write_text("戰爭,war (imported)\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text().startswith("Import g"))
    action.trigger()
    assert window.statusBar().currentMessage() == "mine.csv: 1 added, 0 updated, 0 rejected"
    assert window.panel_docks["glossary"].isVisible()
    qtbot.waitUntil(lambda: window.document.ready, timeout=60_000)
    concept = window.context.glossary.find_term("戰爭")[0]
    assert any(concept.id in [t.concept_id for t in p.terms] for p in window.view.paragraphs.values())


def test_the_concordance_follows_articles_imported_after_the_window_opened(qtbot, window, tmp_path):
    before = find_in_library(qtbot, window, "普京")
    assert len({h.article for h in before}) == 2
    path = tmp_path / "new.txt"
    path.write_text("普京昨天抵達阿拉斯加。\n", encoding="utf-8")
    assert window.import_file(str(path)) is None
    new_id = window.article.id
    hits = find_in_library(qtbot, window, "普京")
    assert new_id in {h.article for h in hits} and len(hits) == len(before) + 1
    assert window.concordance_panel.model.rowCount() == len(hits)


def test_the_concordance_follows_an_import_by_another_process(qtbot, window, tmp_path):
    from app.io.articles.importers import read_pasted
    from app.services.context import AppContext
    from app.services.library import import_text

    find_in_library(qtbot, window, "普京")
    other = AppContext(window.context.paths)  # a second process on the same data folder
    new_id = import_text(other, read_pasted("普京與川普會面。\n", "另一篇"))
    other.store.close()
    qtbot.waitUntil(lambda: window.library.model.row_of(new_id) >= 0, timeout=10_000)  # the store watcher
    assert new_id in {h.article for h in find_in_library(qtbot, window, "普京")}


def export_dialog_choosing(monkeypatch, format_name, scope, target):
    """Make the glossary export dialog answer as if the user had chosen these and typed the file."""
    from PySide6.QtWidgets import QDialog

    from app.ui.glossary.export_dialog import GlossaryExportDialog

    shown = []

    def exec_(dialog):
        shown.append(
            (
                [dialog.format_combo.itemText(i) for i in range(dialog.format_combo.count())],
                [dialog.scope_combo.itemData(i) for i in range(dialog.scope_combo.count())],
            )
        )
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(format_name))
        dialog.scope_combo.setCurrentIndex(dialog.scope_combo.findData(scope))
        dialog.path_edit.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(GlossaryExportDialog, "exec", exec_)
    return shown


def test_one_glossary_export_dialog_with_three_scopes_from_the_registry(qtbot, window, tmp_path, monkeypatch):
    import csv

    from PySide6.QtWidgets import QFileDialog

    from app.io.glossary.export import EXPORT_FORMATS
    from app.io.glossary.export_scope import concepts_in_text
    from app.ui.glossary.export_dialog import Scope

    def no_file_dialog(*args, **kwargs):
        raise AssertionError("the export dialog has the file in it: no second dialog")

    target = tmp_path / "article.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_file_dialog)
    shown = export_dialog_choosing(monkeypatch, "csv", Scope.ARTICLE, target)
    with qtbot.waitSignal(window.exports.export_finished, timeout=60_000) as blocker:
        window.panels.show_panel("glossary")
        window.glossary_panel.export_button.click()  # the panel's button opens the same dialog as the menu
    labels, scopes = shown[0]
    assert labels == [f.label for f in EXPORT_FORMATS] and scopes == list(Scope)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        exported = {row["concept_id"] for row in csv.DictReader(handle)}
    expected = {c.id for c in concepts_in_text(window.context.glossary, window.article.text)}
    assert exported == expected and len(exported) < len(window.context.glossary)
    assert blocker.args[0].startswith("Wrote ") and blocker.args[0].endswith(str(target))

    target = tmp_path / "mine.tbx"
    window.glossary_panel.add_term("讀本貓咪", "", "Duben cat", "TW", "preferred", "other")
    shown = export_dialog_choosing(monkeypatch, "tbx", Scope.USER, target)
    file_menu = window.menuBar().actions()[0].menu()
    with qtbot.waitSignal(window.exports.export_finished, timeout=60_000):
        next(a for a in file_menu.actions() if a.text() == "Export &glossary…").trigger()
    assert b"duben-cat" in target.read_bytes() and b"vladimir-putin" not in target.read_bytes()


def test_the_glossary_export_dialog_is_one_step_its_file_following_the_format(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from app.io.glossary.export import export_format
    from app.ui.file_dialogs import FileDialogs, Kind
    from app.ui.glossary.export_dialog import GlossaryExportDialog, Scope

    files = FileDialogs()
    files.remember(Kind.EXPORT, str(tmp_path / "earlier.csv"))
    dialog = GlossaryExportDialog(None, article_open=False, files=files)
    qtbot.addWidget(dialog)
    assert dialog.path_edit.text() == str(tmp_path / "duben-glossary.csv")  # in the last export's folder
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("anki"))
    assert dialog.path_edit.text() == str(tmp_path / "duben-glossary.apkg")
    chosen = tmp_path / "sub" / "deck.apkg"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]), (str(chosen), ""))[1])
    dialog.choose_button.click()  # the file dialog, from inside this one, for who wants to browse
    assert asked == [str(tmp_path / "duben-glossary.apkg")] and dialog.path_edit.text() == str(chosen)
    (tmp_path / "there.apkg").write_bytes(b"x")
    dialog.path_edit.setText(str(tmp_path / "there.apkg"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    dialog.export_button.click()  # it exists: asked, and No keeps the dialog open
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.path_edit.setText("")
    assert not dialog.export_button.isEnabled()
    dialog.path_edit.setText(str(chosen))
    dialog.export_button.click()
    choice = dialog.choice()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (choice.format, choice.scope, choice.path) == (export_format("anki"), Scope.ALL, str(chosen))
    assert files.folder(Kind.EXPORT) == str(chosen.parent)


def test_the_handouts_are_written_in_the_background(qtbot, window, tmp_path, monkeypatch):
    import threading

    from PySide6.QtWidgets import QFileDialog

    from app.io.articles import handout_pdf

    threads = []
    real_write_pdf = handout_pdf.write_handout_pdf

    def write_pdf(*args, **kwargs):
        threads.append(threading.get_ident())
        return real_write_pdf(*args, **kwargs)

    monkeypatch.setattr(handout_pdf, "write_handout_pdf", write_pdf)
    for name, export in (("handout.pdf", window.exports.export_pdf), ("handout.html", window.exports.export_html)):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        with qtbot.waitSignal(window.exports.export_finished, timeout=120_000) as blocker:
            export()
        assert blocker.args[0].startswith("Wrote ") and target.stat().st_size > 1000
    assert threads and threads[0] != threading.get_ident()
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")
    assert "<ruby>" in (tmp_path / "handout.html").read_text(encoding="utf-8")
