"""Find across the library (Ctrl+Shift+F): any text, in either script, listed in the concordance
panel from a background search; a row opens its article at the text found."""

import pytest
from PySide6.QtCore import Qt

from app.ui.panels.results import HIT_COLUMNS
from tests.helpers import open_window

PROSPECT = "prospect-alaska-northeast-asia"  # bundled, Traditional
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, PROSPECT, size=(1300, 900))


def test_ctrl_shift_f_finds_text_across_articles_and_a_row_jumps_there(qtbot, window, tmp_path):
    path = tmp_path / "简体.txt"
    path.write_text("记者会前一天。\n\n各国领袖峰会举行，双方会谈三个小时。\n", encoding="utf-8")
    assert window.import_file(str(path)) is None
    imported = window.article.id
    window.open_article(PROSPECT)
    qtbot.waitUntil(lambda: window.document.ready, timeout=60_000)

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL_SHIFT)
    panel = window.concordance_panel
    assert window.panel_docks["concordance"].isVisible()
    qtbot.waitUntil(panel.field.hasFocus, timeout=5_000)

    # Typed in Traditional, not a glossary word: the imported Simplified text is found too.
    panel.field.setText("領袖峰會")  # typed (QTest cannot type Han characters)
    with qtbot.waitSignal(window.panels.hits_shown, timeout=120_000) as blocker:
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    hits = blocker.args[0]
    assert {h.article for h in hits} >= {PROSPECT, imported}
    assert panel.model.rowCount() == len(hits)
    ours = next(h for h in hits if h.article == imported)
    assert {h.concept for h in hits} == {None}  # plain text, not a glossary form
    assert (ours.form, ours.paragraph, ours.left) == ("领袖峰会", 2, "各国")

    # The row reads as keyword in context: title, ¶ from 1, left, the text found, right.
    panel.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    row = panel.model.records.index(ours)
    cells = [panel.proxy.index(row, column).data() for column in range(len(HIT_COLUMNS))]
    assert cells == ["简体", 2, "各国", "领袖峰会", "举行，双方会谈三个小时。"]

    # Enter on the row (activating it) opens the imported article at the text found.
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.proxy.index(row, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.article.id == imported and bool(window.view.selected_text()), timeout=60_000)
    assert ours.form.startswith(window.view.selected_text())  # the word where the text found starts
    assert window.view.paragraph_index_at(ours.start) + 1 == ours.paragraph
    assert window.view.text[ours.start : ours.end] == "领袖峰会"
    assert window.view._highlights == [(ours.start, ours.end)]


def test_the_selection_fills_the_field_and_nothing_found_says_so(qtbot, window):
    target = next((r.index, b.start) for r in window.view.rows_on_screen() for b in r.boxes if b.text == "峰會")
    window.view.select_word(*target)
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL_SHIFT)
    panel = window.concordance_panel
    assert panel.field.text() == "峰會" and panel.field.selectedText() == "峰會"
    with qtbot.waitSignal(window.panels.hits_shown, timeout=120_000) as blocker:
        window.panels.run_concordance("莫斯科大劇院不存在")
    assert blocker.args[0] == [] and panel.model.rowCount() == 0 and panel.count.text() == "0 hits"
