"""Word levels in the window: the student's HSK level, the dotted line under words above it, the
readings only above it, the article's level profile in the status line, and marking the rest of a
paragraph known."""

import json

import pytest
from PySide6.QtGui import QColor, QImage

from app.core.levels import profile_line
from app.core.vocabulary import running_tokens
from app.ui.reader.colours import Colours
from tests.helpers import open_window, run_cli, select_word

ARTICLE = "prospect-alaska-northeast-asia"


@pytest.fixture
def window(qtbot, private_data_dir):
    """The window with the word levels read, as the dictionary's job hands them to the view (without
    waiting the seconds CC-CEDICT takes: the status line's test waits for the real job)."""
    win = open_window(qtbot, private_data_dir, article=ARTICLE)
    win.view.set_options(levels=win.context.levels)
    return win


def level_action(window, level):
    return window.view_actions.levels[level]


def boxes(window, text):
    return [b for r in window.view.rows_on_screen() for b in r.boxes if b.text == text]


def pixels_of(window, colour: QColor) -> int:
    image = window.view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    wanted = colour.rgb()
    return sum(image.pixel(x, y) == wanted for y in range(0, image.height()) for x in range(0, image.width(), 2))


def test_the_level_set_in_the_words_menu_draws_the_line_and_is_kept(qtbot, window, private_data_dir):
    line_colour = Colours.of(window.view.palette()).pen_above_level.color()
    assert window.view.options.hsk_level is None and level_action(window, None).isChecked()
    assert pixels_of(window, line_colour) == 0  # no level set: no line
    level_action(window, 3).trigger()
    assert window.view.options.hsk_level == 3 and level_action(window, 3).isChecked()
    assert pixels_of(window, line_colour) > 100
    window.close()
    again = open_window(qtbot, private_data_dir, article=ARTICLE)
    assert again.view.options.hsk_level == 3 and level_action(again, 3).isChecked()


def test_pinyin_only_above_my_level(window):
    level_action(window, 3).trigger()
    window.view_actions.readings["above-level"].trigger()
    assert window.view.options.reading == "above-level"
    assert all(b.reading == "zhànzhēng" for b in boxes(window, "戰爭"))  # HSK 6
    assert boxes(window, "的") and all(b.reading == "" for b in boxes(window, "的"))  # HSK 1
    level_action(window, 6).trigger()
    assert all(b.reading == "" for b in boxes(window, "戰爭"))


def test_the_status_line_profile_equals_vocab_stats(qtbot, private_data_dir, capsys):
    window = open_window(qtbot, private_data_dir, article=ARTICLE)
    assert window.words.profile is None  # no levels before the dictionary's job has read them
    select_word(window, "戰爭")
    window.words.mark_word("known")
    qtbot.waitUntil(lambda: window.words.profile is not None, timeout=180_000)
    code, out, err = run_cli(capsys, private_data_dir, "vocab", "stats", ARTICLE, "--json")
    assert code == 0, err
    levels = json.loads(out)["levels"]
    assert window.words.profile == levels
    assert profile_line(levels) in window.status.figures  # shown once the message "戰爭: known" goes
    assert levels["known"] > 0


def test_mark_the_rest_of_the_paragraph_known(qtbot, window):
    index, _ = select_word(window, "戰爭")
    window.words.mark_word("learning")
    action = next(a for a in window.view_actions.word_actions if a and a.text().startswith("Mark the rest"))
    action.trigger()
    statuses = window.context.store.word_statuses()
    paragraph = window.view.paragraphs[index]
    words = [(token.text, is_name) for token, is_name in running_tokens([paragraph])]
    assert any(is_name for _, is_name in words)  # the paragraph has glossary names
    assert statuses["戰爭"] == "learning"  # a word already marked keeps its status
    for word, is_name in words:
        if word != "戰爭":
            assert (statuses.get(word) == "known") is not is_name, word
    marked = sum(1 for word, is_name in set(words) if not is_name and word != "戰爭")
    assert window.status.text() == f"Marked {marked} words of the paragraph known"


def test_marks_are_undone_and_redone_with_the_window_s_undo(qtbot, window):
    window.view_actions.readings["unknown"].trigger()  # readings of known words hidden
    select_word(window, "戰爭")
    window.words.mark_word("learning")
    window.words.mark_rest_known()
    marked = dict(window.context.store.word_statuses())
    assert len(marked) > 2 and marked["戰爭"] == "learning"
    known = next(word for word, status in marked.items() if status == "known" and boxes(window, word))
    assert all(b.reading == "" for b in boxes(window, known))
    window.undo_stack.undo()  # the rest of the paragraph
    assert window.context.store.word_statuses() == {"戰爭": "learning"} == dict(window.words.statuses)
    window.undo_stack.undo()  # the first mark
    assert window.context.store.word_statuses() == {}
    assert all(b.reading for b in boxes(window, known))  # the view follows the store
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert window.context.store.word_statuses() == marked
    assert window.undo_stack.undoText() == f"Marked {len(marked) - 1} words of the paragraph known"
