"""Tone colours in the window: the runs the layout gives each word, the pixels painted in the
light and dark themes, the View menu's choice kept between sessions, and the colours legible
(WCAG contrast) on both themes' grounds and under the status tints; the card's pinyin coloured
as the reader's."""

import re

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage

from app.core.text import PUNCT, WORD
from app.core.tones import TONE_PALETTES, contrast_ratio
from app.ui.reader.colours import Colours
from app.ui.reader.layout import Layouter, Options
from app.ui.reader.view import default_family
from app.ui.theme import palette_for
from tests.helpers import annotated_paragraph, open_window, select_word

ARTICLE = "prospect-alaska-northeast-asia"


def _over(colour: QColor, ground: QColor) -> str:
    """A translucent fill composed over the ground, as the painter does."""
    a = colour.alphaF()
    mixed = [round(a * c + (1 - a) * g) for c, g in zip(colour.getRgb()[:3], ground.getRgb()[:3])]
    return "#{:02x}{:02x}{:02x}".format(*mixed)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_tone_colour_is_legible_on_the_theme_and_under_its_tints(qapp, theme):
    palette = palette_for(theme)
    colours = Colours.of(palette)
    base = palette.color(palette.ColorRole.Base)
    grounds = [base.name()] + [
        _over(fill, base) for fill in (colours.unknown, colours.learning, colours.new, colours.selection)
    ]
    for tone, colour in TONE_PALETTES[theme].items():
        assert colours.pen_tones[tone].color().name() == colour
        for ground in grounds:
            assert contrast_ratio(colour, ground) >= 4.5, (theme, tone, colour, ground)


PARAGRAPH = annotated_paragraph(
    ("銀行", WORD, ("yin2", "hang2")),
    ("我們", WORD, ("wo3", "men5")),
    ("T恤", WORD, (None, "xu4")),
    ("。", PUNCT, (None,)),
)


def _boxes(options):
    layouter = Layouter.for_font(default_family(), 17.0)
    row = layouter.row(PARAGRAPH, 600, 0, options, {}, {"我們": "known"})
    return {b.text: b for b in row.boxes}


def test_the_layout_colours_each_syllable_and_character_by_its_reading(qapp):
    off = _boxes(Options(notes=False))
    assert all(b.reading_tones == () and b.text_tones == () for b in off.values())
    readings = _boxes(Options(notes=False, tones="readings"))
    assert readings["銀行"].reading_tones == (("yínháng", 2),)
    assert readings["我們"].reading_tones == (("wǒ", 3), ("men", 5))
    assert readings["T恤"].reading_tones == (("T", None), ("xù", 4))  # a Latin letter: ordinary ink
    assert readings["銀行"].text_tones == ()  # the characters stay in the ordinary ink
    assert readings["。"].reading_tones == () and readings["。"].text_tones == ()
    both = _boxes(Options(notes=False, tones="characters"))
    assert both["銀行"].text_tones == (2, 2) and both["T恤"].text_tones == (None, 4)
    zhuyin = _boxes(Options(notes=False, reading="zhuyin", tones="readings"))
    assert zhuyin["我們"].reading_tones == (("ㄨㄛˇ", 3), (" ", None), ("˙ㄇㄣ", 5))
    numbers = _boxes(Options(notes=False, reading="numbers", tones="readings"))
    assert numbers["我們"].reading_tones == (("wo3", 3), ("men5", 5))
    # Simplified on screen: the converted characters keep their syllables.
    simplified = _boxes(Options(notes=False, script="cn", tones="characters"))
    assert simplified["银行"].text_tones == (2, 2) and simplified["我们"].text_tones == (3, 5)
    # A known word's reading is hidden in the "unknown" mode; its characters keep their tones.
    unknown = _boxes(Options(notes=False, reading="unknown", tones="characters"))
    assert unknown["我們"].reading_tones == () and unknown["我們"].text_tones == (3, 5)


def _inked(image: QImage, rect: QRectF, ink: QColor, ground: QColor) -> int:
    """Pixels of `rect` drawn in `ink` over `ground`: on the line between the two (antialiased
    edges included), at least half way to the ink."""
    count = 0
    ink_rgb, ground_rgb = ink.getRgb()[:3], ground.getRgb()[:3]
    span = [i - g for i, g in zip(ink_rgb, ground_rgb)]
    length = sum(s * s for s in span)
    for y in range(int(rect.top()), int(rect.bottom())):
        for x in range(int(rect.left()), int(rect.right())):
            pixel = image.pixelColor(x, y).getRgb()[:3]
            a = sum((p - g) * s for p, g, s in zip(pixel, ground_rgb, span)) / length
            if a < 0.5:
                continue
            off = sum((p - (g + a * s)) ** 2 for p, g, s in zip(pixel, ground_rgb, span))
            count += off < 150
    return count


def _tone_menu(window):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    tones = next(a.menu() for a in view_menu.actions() if a.text() == "Tone &colours")
    return {a.text(): a for a in tones.actions()}


def _word(window, text):
    view = window.view
    index, start = next((r.index, b.start) for r in view.rows_on_screen() for b in r.boxes if b.text == text)
    rect = view.word_rect(index, start)
    assert rect is not None
    layouter = view._layouter
    ruby = layouter.ruby_height(view.options)
    reading = QRectF(rect.left(), rect.top(), rect.width(), ruby)
    text_rect = QRectF(rect.left(), rect.top() + ruby, rect.width(), layouter.text_metrics.height())
    return rect, reading, text_rect


def _window_in(qtbot, home, theme):
    """The window on the article, in `theme` once the view has the theme's palette."""
    window = open_window(qtbot, home, article=ARTICLE)
    window.set_theme(theme)
    base = palette_for(theme).color(palette_for(theme).ColorRole.Base)
    # The application's new palette reaches the view with the events that follow.
    qtbot.waitUntil(lambda: window.view.palette().color(window.view.palette().ColorRole.Base) == base)
    return window


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_painted_reading_and_characters_have_their_tones_colours(qtbot, private_data_dir, theme):
    window = _window_in(qtbot, private_data_dir, theme)
    palette = TONE_PALETTES[theme]
    fourth, first = QColor(palette[4]), QColor(palette[1])  # 戰爭 zhànzhēng: 4th, then 1st

    def sample():
        image = window.view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        rect, reading, text = _word(window, "戰爭")
        ground = image.pixelColor(int(rect.left()) + 1, int(rect.top()) + 1)  # the word's tint
        left = QRectF(text.left(), text.top(), text.width() / 2, text.height())
        right = QRectF(text.center().x(), text.top(), text.width() / 2, text.height())
        return {
            "reading 4th": _inked(image, reading, fourth, ground),
            "reading 1st": _inked(image, reading, first, ground),
            "戰 4th": _inked(image, left, fourth, ground),
            "爭 1st": _inked(image, right, first, ground),
            "戰 1st": _inked(image, left, first, ground),
        }

    plain = sample()
    assert max(plain.values()) < 5, plain  # off: the ordinary ink only
    _tone_menu(window)["Readings"].trigger()
    readings = sample()
    assert readings["reading 4th"] > 10 and readings["reading 1st"] > 10, readings
    assert readings["戰 4th"] < 5 and readings["爭 1st"] < 5, readings  # characters still plain
    _tone_menu(window)["Readings and characters"].trigger()
    both = sample()
    assert both["戰 4th"] > 40 and both["爭 1st"] > 40 and both["戰 1st"] < 5, both


def test_the_choice_is_checked_in_the_menu_and_kept_for_the_next_session(qtbot, private_data_dir):
    window = open_window(qtbot, private_data_dir, article=ARTICLE)
    menu = _tone_menu(window)
    assert window.view.options.tones == "off" and menu["Off"].isChecked()
    menu["Readings and characters"].trigger()
    assert window.view.options.tones == "characters" and menu["Readings and characters"].isChecked()
    window.close()
    again = open_window(qtbot, private_data_dir, article=ARTICLE)
    assert again.view.options.tones == "characters" and _tone_menu(again)["Readings and characters"].isChecked()


def test_a_damaged_setting_leaves_tone_colours_off(qtbot, private_data_dir):
    window = open_window(qtbot, private_data_dir)
    window.settings.setValue("tone_colours", "rainbow")
    window.display.restore()
    assert window.view.options.tones == "off"


def _pinyin_colours(html: str) -> list[str]:
    """The colours of the card's first line (the word and its pinyin), in order."""
    first = html[html.index("<body") : html.index("</p>", html.index("<body"))]
    return [colour.lower() for colour in re.findall(r"color:(#[0-9a-fA-F]{6})", first)]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_cards_pinyin_has_its_tones_colours_when_the_reader_has(qtbot, private_data_dir, theme):
    window = _window_in(qtbot, private_data_dir, theme)
    paragraph, start = select_word(window, "戰爭")
    palette = TONE_PALETTES[theme]

    window.lookup.pin(paragraph, start)
    assert "zhàn zhēng" in window.card.toPlainText()
    assert not set(_pinyin_colours(window.card.toHtml())) & set(palette.values())  # off: plain ink
    _tone_menu(window)["Readings"].trigger()
    window.lookup.pin(paragraph, start)
    assert _pinyin_colours(window.card.toHtml())[-2:] == [palette[4], palette[1]]  # zhàn 4th, zhēng 1st
    popup = window.lookup.card_for(paragraph, start)
    assert popup is not None and f"color:{palette[4]}" in popup
