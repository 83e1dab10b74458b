"""Sizes and space: the first start's window, a readable reader at 800x600, no notes column without notes."""

from PySide6.QtCore import QRectF, Qt

from app.io.paths import resolve
from app.ui.main_window import MainWindow
from app.ui.reader.layout import MIN_NOTE_WIDTH
from app.ui.reader.view import MARGIN
from tests.helpers import open_window

ARTICLE = "newtalk-alaska-concert"


def words_and_notes_apart(view):
    """No word box of a row on screen reaches into that row's notes."""
    for row in view.rows_on_screen():
        if not row.notes:
            continue
        notes = row.notes_rect()
        for box in row.boxes:
            assert not box.rect.intersects(notes), (row.index, box.text, box.rect, notes)


def test_the_first_start_opens_at_a_good_share_of_the_screen_centred(qtbot, private_data_dir):
    win = MainWindow(resolve(private_data_dir))
    qtbot.addWidget(win)
    screen = win.screen().availableGeometry()
    assert win.width() >= min(0.75 * screen.width(), 800) and win.height() >= min(0.75 * screen.height(), 600)
    assert win.width() <= screen.width() and win.height() <= screen.height()
    assert abs(win.frameGeometry().center().x() - screen.center().x()) <= 2
    assert abs(win.frameGeometry().center().y() - screen.center().y()) <= 2


def test_at_800x600_the_docks_give_way_and_the_notes_go_below_their_paragraph(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir, ARTICLE, size=(800, 600))
    qtbot.waitUntil(lambda: win.view.viewport().width() > 500)
    # The card shares the library's side as a tab: the reader has most of the width.
    assert win.dockWidgetArea(win.card_dock) == win.dockWidgetArea(win.library_dock)
    assert win.view.viewport().width() >= 0.6 * win.width()
    assert not win.view.has_notes_column
    rows = [r for r in win.view.rows_on_screen() if r.notes]
    assert rows and all(r.notes_below for r in rows)
    # Notes below span the reader's width, so a line holds many words, not one.
    assert all(r.notes_size[0] >= win.view.viewport().width() - 2 * MARGIN - 1 for r in rows)
    words_and_notes_apart(win.view)
    # Wide again: the card goes back to its side and the notes to their column.
    win.resize(1600, 1000)
    qtbot.waitUntil(lambda: win.view.has_notes_column)
    assert win.dockWidgetArea(win.card_dock) != win.dockWidgetArea(win.library_dock)
    rows = [r for r in win.view.rows_on_screen() if r.notes]
    assert rows and not any(r.notes_below for r in rows)
    assert all(r.notes_size[0] >= MIN_NOTE_WIDTH for r in rows)
    words_and_notes_apart(win.view)


def test_a_word_wider_than_the_text_column_puts_the_notes_below_instead_of_under_it(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir, ARTICLE, size=(1600, 1000))
    view = win.view
    row = next(r for r in view.rows_on_screen() if r.notes)
    paragraph = view.paragraphs[row.index]
    layouter = view._layouter  # the view's own fonts
    widest = max(b.rect.width() for b in row.boxes)
    narrow = layouter.row(paragraph, widest - 10, 400, view.options, {}, {})
    assert narrow.notes_below
    assert all(not b.rect.intersects(narrow.notes_rect()) for b in narrow.boxes)
    roomy = layouter.row(paragraph, 600, 400, view.options, {}, {})
    assert not roomy.notes_below and all(b.rect.right() <= 600.5 for b in roomy.boxes)


def test_a_text_without_notes_has_no_notes_column(qtbot, private_data_dir, tmp_path):
    win = open_window(qtbot, private_data_dir, size=(1600, 1000))
    path = tmp_path / "plain.txt"
    path.write_text("俄國自2022年2月全面入侵烏克蘭以來，戰爭持續三年半依然陷入膠著。" * 20 + "\n", encoding="utf-8")
    assert win.import_file(str(path)) is None
    qtbot.waitUntil(
        lambda: win.document.ready and win.view.rows_on_screen() and not win.view.rows_on_screen()[0].pending
    )
    assert not win.view.has_notes_column
    usable = win.view.viewport().width() - 2 * MARGIN
    right = max(b.rect.right() for r in win.view.rows_on_screen() for b in r.boxes)
    assert right > 0.9 * usable  # the Chinese has the whole width


def test_a_link_in_notes_below_their_paragraph_opens_its_concept(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir, ARTICLE, size=(800, 600))
    qtbot.waitUntil(lambda: win.view.viewport().width() > 500)
    view = win.view
    row = next(r for r in view.rows_on_screen() if r.notes_below and any(n.links for n in r.notes))
    area, concept = next(n.links[0] for n in row.notes if n.links)
    first = view.word_rect(row.index, row.boxes[0].start)  # the row's top-left, on screen
    top_left = first.topLeft() - row.boxes[0].rect.topLeft()
    point = QRectF(area).translated(top_left + row.notes_origin).center().toPoint()
    assert view.viewport().rect().contains(point)
    with qtbot.waitSignal(view.concept_clicked) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args == [concept]
