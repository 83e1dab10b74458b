"""The hover card as a reader meets it: where it opens, when it goes, the right variant, the delay setting."""

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtWidgets import QApplication

from app.ui.controllers.lookup import GRACE_MS
from app.ui.main_window import MainWindow
from app.ui.reader.term_popup import place_card
from tests.helpers import open_window

ARTICLE = "newtalk-alaska-concert"


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, ARTICLE, size=(800, 600), dictionary=True)


def word_on_screen(win, text=None, where=None):
    """(paragraph, token start) of a word on screen: the first `text`, or the one nearest `where`."""
    viewport = win.view.viewport().rect()
    found = []
    for row in win.view.rows_on_screen():
        for box in row.boxes:
            if box.kind != "word" or (text and box.text != text):
                continue
            rect = win.view.word_rect(row.index, box.start)
            if rect is not None and viewport.contains(rect.toRect()):
                found.append(((row.index, box.start), rect))
    assert found, f"no word {text or ''} on screen"
    if where is None:
        return found[0][0]
    return min(found, key=lambda f: (f[1].center() - where).manhattanLength())[0]


def hover(qtbot, win, target):
    point = win.view.box_center(*target).toPoint()
    qtbot.mouseMove(win.view.viewport(), QPoint(point.x() + 1, point.y() + 1))
    qtbot.mouseMove(win.view.viewport(), point)
    qtbot.waitUntil(win.popup.isVisible, timeout=5_000)


def assert_placed(win, target):
    """Inside the viewport, and not over the word's line: wholly below or wholly above it."""
    card = win.popup.geometry()
    word = win.view.word_rect(*target)
    assert win.view.viewport().rect().contains(card), (card, win.view.viewport().rect())
    assert card.top() >= word.bottom() or card.bottom() <= word.top(), (card, word)


def test_the_card_opens_below_the_word_inside_the_viewport(qtbot, window):
    target = word_on_screen(window)
    hover(qtbot, window, target)
    assert_placed(window, target)
    assert window.popup.geometry().top() >= window.view.word_rect(*target).bottom()  # room below: below


def test_near_the_bottom_the_card_opens_above_and_long_content_scrolls(qtbot, window):
    viewport = window.view.viewport().rect()
    target = None
    while target is None:  # scroll on until a word sits just above the bottom edge
        window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().value() + 150)
        target = next(
            (
                (r.index, b.start)
                for r in window.view.rows_on_screen()
                for b in r.boxes
                if b.kind == "word"
                and viewport.height() - 110 < window.view.word_rect(r.index, b.start).bottom() < viewport.height() - 6
            ),
            None,
        )
    hover(qtbot, window, target)
    assert_placed(window, target)
    assert window.popup.geometry().bottom() <= window.view.word_rect(*target).top()
    # In a short window the card cannot show all of itself: what does not fit scrolls.
    window.library_dock.hide()
    window.card_dock.hide()
    window.resize(800, 330)
    qtbot.waitUntil(lambda: window.view.viewport().height() < 300)
    target = word_on_screen(window, where=QRectF(window.view.viewport().rect()).center())
    window.lookup.show_popup(*target)
    assert_placed(window, target)
    assert window.popup.scroller.verticalScrollBar().maximum() > 0


def test_in_a_narrow_reader_the_card_fits_and_leaves_the_word_alone(qtbot, window):
    window.library_dock.hide()
    window.card_dock.hide()
    window.resize(330, 600)
    qtbot.waitUntil(lambda: window.view.viewport().width() < 330)
    target = word_on_screen(window, where=QRectF(window.view.viewport().rect()).center())
    hover(qtbot, window, target)
    assert_placed(window, target)
    assert window.popup.width() <= window.view.viewport().width()


def test_the_card_goes_when_the_pointer_leaves_and_stays_while_it_is_on_the_card(qtbot, window):
    target = word_on_screen(window)
    hover(qtbot, window, target)
    viewport = window.view.viewport()
    # Onto the card, over the gap between word and card: it stays past the grace period.
    card = window.popup.geometry()
    qtbot.mouseMove(viewport, QPoint(card.left() + 20, card.top() - 1))
    qtbot.mouseMove(window.popup, QPoint(20, 20))
    qtbot.wait(GRACE_MS + 200)
    assert window.popup.isVisible()
    # Off the card onto empty margin: it goes.
    qtbot.mouseMove(viewport, QPoint(3, viewport.height() - 3))
    qtbot.waitUntil(lambda: not window.popup.isVisible(), timeout=GRACE_MS + 2_000)


def test_the_card_follows_the_hovered_word(qtbot, window):
    first = word_on_screen(window)
    hover(qtbot, window, first)
    before = window.popup.text()
    line = window.view.word_rect(*first).top()
    other = next(  # a word on the same line, which the card (below the line) does not cover
        (r.index, b.start)
        for r in window.view.rows_on_screen()
        for b in r.boxes
        if b.kind == "word"
        and b.text != window.view.token_at(*first).text
        and window.view.word_rect(r.index, b.start).top() == line
    )
    hover(qtbot, window, other)
    qtbot.waitUntil(lambda: window.popup.text() != before, timeout=5_000)
    assert_placed(window, other)


def test_scrolling_hides_the_card(qtbot, window):
    hover(qtbot, window, word_on_screen(window))
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().value() + 120)
    assert not window.popup.isVisible()


def test_a_click_pins_the_card_in_the_dock_and_not_floating(qtbot, window):
    target = word_on_screen(window)
    hover(qtbot, window, target)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.box_center(*target).toPoint())
    word = window.view.token_at(*target).text
    assert word in window.card.toPlainText() and window.card_dock.isVisible()
    assert not window.popup.isVisible()


def test_no_card_opens_during_a_drag_selection(qtbot, window):
    start = word_on_screen(window)
    viewport = window.view.viewport()
    point = window.view.box_center(*start).toPoint()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point)
    for dx in range(10, 200, 20):
        qtbot.mouseMove(viewport, QPoint(point.x() + dx, point.y()))
    qtbot.wait(window.lookup.hover_delay + 300)
    assert not window.popup.isVisible()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(point.x() + 190, point.y()))
    assert window.view.selected_text()


def test_the_hover_delay_and_click_only_are_chosen_in_the_menu_and_kept(qtbot, window, private_data_dir):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    cards = next(a.menu() for a in menu.actions() if a.text() == "Word &card")
    choices = {a.text(): a for a in cards.actions()}
    assert choices["On hover (300 ms)"].isChecked()
    choices["Only on click"].trigger()
    assert window.lookup.hover_delay is None
    target = word_on_screen(window)
    point = window.view.box_center(*target).toPoint()
    qtbot.mouseMove(window.view.viewport(), QPoint(point.x() + 1, point.y()))
    qtbot.mouseMove(window.view.viewport(), point)
    qtbot.wait(800)
    assert not window.popup.isVisible()
    window.close()
    again = MainWindow(window.context.paths)
    qtbot.addWidget(again)
    assert again.lookup.hover_delay is None
    cards = next(a.menu() for a in again.menuBar().actions() if a.text() == "&View")
    cards = next(a.menu() for a in cards.actions() if a.text() == "Word &card")
    assert {a.text(): a.isChecked() for a in cards.actions()}["Only on click"]
    again.lookup.set_hover_delay(150)
    assert again.view.hover_delay == 150


def test_the_card_of_a_taiwan_form_says_so_and_names_its_mainland_twin(qtbot, window):
    QApplication.processEvents()
    window.document.request_rows(list(range(len(window.view.spans))))
    qtbot.waitUntil(lambda: len(window.view.paragraphs) == len(window.view.spans), timeout=60_000)
    target = next((i, t.start) for i, p in sorted(window.view.paragraphs.items()) for t in p.tokens if t.text == "俄軍")
    window.view.ensure_visible(*target)
    window.lookup.show_popup(*target)
    card = window.popup.text()
    assert "Russian Armed Forces" in card and "TW/HK form; CN form 俄军" in card


@pytest.mark.parametrize(
    "word, expected",
    [
        (QRectF(100, 100, 40, 50), QRect(100, 154, 300, 200)),  # room below: below the line
        (QRectF(100, 500, 40, 50), QRect(100, 296, 300, 200)),  # none below: above it
        (QRectF(700, 100, 40, 50), QRect(493, 154, 300, 200)),  # at the right edge: moved in
        (QRectF(100, 330, 40, 50), QRect(100, 6, 300, 320)),  # no room for all: the roomier side, cut
    ],
)
def test_place_card(word, expected):
    area = QRect(0, 0, 800, 600)
    wanted = 200 if expected.height() == 200 else 700
    assert place_card(word, area, 300, wanted) == expected


def test_the_card_gives_the_words_hsk_level_and_frequency(qtbot, window):
    target = word_on_screen(window, "戰爭")
    html = window.lookup.card_for(*target)
    assert "HSK 6" in html and "frequency 5.5 (Zipf)" in html
