"""The translator's panels in the window: concordance and check jump to their places; exports."""

import pytest

from app.core.concordance import Hit
from app.ui.panels.record_model import RecordTableModel
from app.ui.panels.results import HIT_COLUMNS
from tests.helpers import open_window


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, size=(1300, 900), dictionary=True)


def test_the_record_model_passes_the_model_tester(qtmodeltester):
    model = RecordTableModel(HIT_COLUMNS)
    model.set_records([Hit("a", "標題", "普丁", "vladimir-putin", 2, 10, 12, "普丁來了。", "", "來了。")])
    qtmodeltester.check(model)


def test_concordance_folds_variants_and_a_hit_opens_its_place(qtbot, window):
    hits = window.run_concordance("普京")
    forms = {(h.article, h.form) for h in hits}
    assert ("newtalk-alaska-concert", "普京") in forms and ("prospect-alaska-northeast-asia", "普丁") in forms
    assert window.concordance_panel.model.rowCount() == len(hits)
    target = next(h for h in hits if h.form == "普丁")
    window.jump_to(target.article, target.start)
    qtbot.waitUntil(lambda: window.view.current is not None, timeout=60_000)
    assert window.article.id == "prospect-alaska-northeast-asia"
    assert window.view.selected_text() == "普丁"


def test_the_check_reports_mixed_variants_and_exports_csv(qtbot, window, tmp_path):
    window.run_check("library")
    qtbot.waitUntil(lambda: bool(getattr(window.check_panel, "findings", None)), timeout=120_000)
    kinds = {f.kind for f in window.check_panel.findings}
    assert "mixed-variants" in kinds
    putin = [f for f in window.check_panel.findings if f.concept == "vladimir-putin"]
    assert putin and "普丁" in putin[0].message and "普京" in putin[0].message
    from app.io.glossary.check_report import write_findings_csv

    write_findings_csv(window.check_panel.findings, tmp_path / "check.csv")
    assert (tmp_path / "check.csv").read_bytes().startswith(b"\xef\xbb\xbfkind,severity,article")


def test_the_handout_prints_to_pdf(qtbot, window, tmp_path):
    from app.ui.reader.pdf_export import write_pdf

    pages = write_pdf(window, str(tmp_path / "handout.pdf"))
    data = (tmp_path / "handout.pdf").read_bytes()
    assert data.startswith(b"%PDF") and pages >= 3
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
    qtbot.waitUntil(lambda: window.document_ready, timeout=60_000)
    concept = window.context.glossary.find_term("戰爭")[0]
    assert any(concept.id in [t[3] for t in terms] for terms in window.view.terms.values())
