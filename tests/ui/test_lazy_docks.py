"""The docked panels are made when first shown: a start builds none of them (nor imports their
modules), and a dock shown by any road (its View action, a menu action, a restored window
state) has its working panel."""

import json

from PySide6.QtCore import QSettings

from app.io.paths import resolve
from app.ui.main_window import MainWindow, window_ini
from app.ui.screenshot import find_word
from tests.helpers import open_window, run_python

PANEL_MODULES = ("app.ui.glossary.panel", "app.ui.panels.results", "app.ui.panels.terms")
ARTICLE = "prospect-alaska-northeast-asia"

# A start in a process of its own (this one has imported the panels' modules already): which of
# them the window's first screen brought in.
START = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.io.paths import resolve
from app.ui.main_window import MainWindow
window = MainWindow(resolve(sys.argv[1]), article=sys.argv[2])
window.resize(1200, 800)
window.show()
while not window.document.ready:
    app.processEvents()
window.tasks.wait()
app.processEvents()
print(json.dumps({
    "article": window.article.id,
    "imported": sorted(m for m in sys.modules if m in sys.argv[3].split(",")),
    "built": sorted(n for n, d in {**window.panel_docks, "terms": window.terms_dock}.items() if d.built),
}))
"""


def test_a_start_neither_builds_the_hidden_panels_nor_imports_their_modules(private_data_dir):
    code, out, err = run_python("-c", START, private_data_dir, ARTICLE, ",".join(PANEL_MODULES))
    assert code == 0, err
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen == {"article": ARTICLE, "imported": [], "built": []}


def test_showing_a_dock_builds_its_panel_and_it_works(qtbot, private_data_dir):
    window = open_window(qtbot, private_data_dir, ARTICLE)
    assert not any(dock.built for dock in window.panel_docks.values()) and not window.terms_dock.built
    assert window.terms_dock.widget() is None
    # View ▸ Terms: the pane is made on the toggle and lists the terms of the word at the cursor.
    index, start = find_word(window, "普丁")
    window.view.select_word(index, start)
    window.terms_dock.toggleViewAction().trigger()
    assert window.terms_dock.built and window.terms_dock.widget() is window.term_pane
    assert "vladimir-putin" in {row.concept_id for row in window.term_pane.rows()}
    # Tools ▸ Glossary: its panel lists the glossary, and the menus' glossary Undo is its stack's.
    tools = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Tools")
    next(a for a in tools.actions() if a.text().replace("&", "") == "Glossary").trigger()
    assert window.panel_docks["glossary"].built and not window.panel_docks["check"].built
    assert window.glossary_panel.model.rowCount() > 0
    assert window.glossary_panel.undo_stack is window.panels.glossary_undo_stack
    # The consistency check, asked for from its menu action, builds its own panel and fills it.
    window.panels.run_check("article")
    qtbot.waitUntil(lambda: bool(window.check_panel.findings), timeout=60_000)
    assert window.panel_docks["check"].widget() is window.check_panel


def test_a_dock_left_open_is_built_when_the_window_state_is_restored(qtbot, private_data_dir):
    first = open_window(qtbot, private_data_dir, ARTICLE)
    first.panels.show_panel("concordance")
    first.save_settings()
    first.close()
    settings = QSettings(str(window_ini(resolve(private_data_dir))), QSettings.Format.IniFormat)
    again = MainWindow(resolve(private_data_dir), settings=settings)
    qtbot.addWidget(again)
    again.show()
    dock = again.panel_docks["concordance"]
    assert dock.isVisible() and dock.built and dock.widget() is again.concordance_panel
    assert not again.panel_docks["glossary"].built
    again.tasks.wait()
