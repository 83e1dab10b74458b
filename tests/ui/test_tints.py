"""Reader tints: each colours word boxes for one reason; the first fill and the first underline win."""

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from app.core.text import PUNCT, WORD
from app.ui.glossary.categories import CATEGORY_COLOURS
from app.ui.reader.colours import Colours
from app.ui.reader.layout import WordBox
from app.ui.reader.tints import SCREEN_TINTS, TINTS, Mark, Tint, TintInputs, make_tints
from app.ui.theme import palette_for

STATUSES = {"戰爭": "known", "膠著": "learning", "持續": "new"}


@pytest.fixture
def colours(qapp):
    return Colours.of(palette_for("light"))


def box(text, start=0, kind=WORD, category=None):
    return WordBox(QRectF(0, 0, 40, 30), text, "", kind, start, start + len(text), category)


def fill_of(tints, word_box):
    return next((m.fill for t in tints if (m := t.mark(word_box)) is not None and m.fill is not None), None)


def underline_of(tints, word_box):
    return next((m.underline for t in tints if (m := t.mark(word_box)) is not None and m.underline), None)


@pytest.mark.parametrize(
    "word, start, kind, category, highlights, expected",
    [
        ("戰爭", 0, WORD, None, [], None),  # known: no tint
        ("膠著", 0, WORD, None, [], "learning"),
        ("持續", 0, WORD, None, [], "new"),  # marked new: its own tint, not the unmarked one
        ("三年", 0, WORD, None, [], "unknown"),  # no status yet
        ("烏克蘭", 0, WORD, "place", [], None),  # a glossary name is not vocabulary
        ("，", 0, PUNCT, None, [], None),
        ("膠著", 10, WORD, None, [(5, 11)], "find"),  # a find hit shows over the status
        ("膠著", 10, WORD, None, [(2, 4), (12, 14)], "learning"),  # hits beside it, not on it
    ],
)
def test_screen_tints_fill_by_find_hit_then_status(colours, word, start, kind, category, highlights, expected):
    tints = make_tints(SCREEN_TINTS, TintInputs(colours, STATUSES, highlights))
    found = fill_of(tints, box(word, start, kind, category))
    assert found == (getattr(colours, expected) if expected else None)


def test_glossary_terms_are_underlined_in_their_categorys_colour(colours):
    tints = make_tints(SCREEN_TINTS, TintInputs(colours, STATUSES))
    assert underline_of(tints, box("烏克蘭", category="place")).color() == CATEGORY_COLOURS["place"]
    assert underline_of(tints, box("某某", category="no-such-category")).color() == CATEGORY_COLOURS["other"]
    assert underline_of(tints, box("戰爭")) is None


def test_a_new_tint_is_one_class_in_the_registry(colours, monkeypatch):
    class LongWordTint(Tint):
        name = "long-words"

        def mark(self, word_box):
            return Mark(fill=QColor("#00ff00")) if len(word_box.text) >= 3 else None

    monkeypatch.setitem(TINTS, LongWordTint.name, LongWordTint)
    tints = make_tints(("long-words", *SCREEN_TINTS), TintInputs(colours, STATUSES))
    assert fill_of(tints, box("阿拉斯加")) == QColor("#00ff00")
    assert fill_of(tints, box("持續")) == colours.new


def test_the_row_painter_needs_no_widget(qapp, colours):
    from app.core.annotated import AnnotatedParagraph
    from app.core.text import Paragraph, Token
    from app.ui.reader.layout import Layouter, Options
    from app.ui.reader.painting import RowPainter
    from app.ui.reader.view import default_family

    tokens = (Token("膠著", 0, 2, WORD, ("jiao1", "zhuo2")), Token("。", 2, 3, PUNCT))
    paragraph = AnnotatedParagraph(Paragraph(0, 0, 3, "膠著。", tokens, "traditional"))
    layouter = Layouter.for_font(default_family(), 17.0)
    row = layouter.row(paragraph, 400, 0, Options(notes=False), {}, STATUSES)
    image = QImage(400, int(row.height), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    tints = make_tints(SCREEN_TINTS, TintInputs(colours, STATUSES))
    RowPainter(layouter, Options(notes=False), colours, tints).paint_words(painter, row, QRectF(0, 0, 400, row.height))
    painter.end()
    word = row.boxes[0].rect
    # The learning tint is under the word: its box is no longer white in the middle of its ground.
    assert image.pixelColor(int(word.left()) + 1, int(word.top()) + 1) != QColor("white")


def test_words_above_the_students_level_get_a_dotted_line_and_keep_their_fill(colours):
    from app.core.levels import Levels

    levels = Levels({"学校": 1, "战争": 6}, lambda _word: 0.0)
    inputs = TintInputs(colours, STATUSES, above_level=lambda word: levels.above(word, 3))
    tints = make_tints(SCREEN_TINTS, inputs)
    line = underline_of(tints, box("戰爭"))  # HSK 6 over level 3, Traditional looked up as Simplified
    assert line is not None and line == colours.pen_above_level and line.style() == Qt.PenStyle.DotLine
    assert underline_of(tints, box("膠著")) == colours.pen_above_level  # in no list
    assert fill_of(tints, box("膠著")) == colours.learning  # the status still shows
    assert underline_of(tints, box("學校")) is None  # HSK 1
    assert underline_of(tints, box("烏克蘭", category="place")).color() == CATEGORY_COLOURS["place"]
    # No level set: no line at all.
    assert underline_of(make_tints(SCREEN_TINTS, TintInputs(colours, STATUSES)), box("戰爭")) is None


def test_the_legend_names_the_level_line_in_its_colour(qapp):
    from app.ui.reader.tint_legend import TintLegend

    legend = TintLegend()
    assert "above my HSK level" in legend.text()
    assert Colours.of(legend.palette()).pen_above_level.color().name() in legend.text()
