"""The look-up field above the term card: a typed word, in characters or pinyin, reaches the glossary and CC-CEDICT."""

import pytest
from PySide6.QtCore import Qt

from tests.helpers import open_window


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, dictionary=True)


def type_query(qtbot, win, text):
    # setText, not keyClicks: QTest cannot type characters outside Latin-1 (it aborts).
    win.lookup_field.setText(text)
    qtbot.keyClick(win.lookup_field, Qt.Key.Key_Return)
    return win.card.toPlainText()


@pytest.mark.parametrize("query", ["yinhang", "yin2hang2", "yínháng", "yin hang"])
def test_pinyin_typed_in_the_field_finds_the_bank_in_cedict(qtbot, window, query):
    card = type_query(qtbot, window, query)
    assert "CC-CEDICT" in card and "銀行 / 银行 [yín háng]" in card and "bank" in card
    assert window.card_dock.isVisible()


def test_the_glossary_concept_comes_before_cedict(qtbot, window):
    card = type_query(qtbot, window, "pu3ding1")
    assert card.index("Vladimir Putin") < card.index("CC-CEDICT") < card.index("普丁 [Pǔ dīng]")


def test_characters_and_unknown_words_in_the_field(qtbot, window):
    assert "bank" in type_query(qtbot, window, "银行")
    assert "Not found in the glossary or CC-CEDICT" in type_query(qtbot, window, "Quetzalcoatl")


def test_before_the_dictionary_is_ready_the_card_says_so(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir)
    win.lookup._dictionary_ready = False  # as it is in the first seconds after start-up
    card = type_query(qtbot, win, "yinhang")
    assert "being prepared" in card and "Not found" not in card
