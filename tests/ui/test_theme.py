"""Themes: dark gives light text on a dark ground, light the reverse, system picks one of them."""

import pytest
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.ui.theme import THEMES, apply_theme, current_theme, is_dark, palette_for, set_theme_follows_system


@pytest.fixture
def app(qapp):
    """The test application, with its style, palette and colour scheme put back afterwards."""
    style, palette = qapp.style().name(), qapp.palette()
    yield qapp
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setProperty("duben_theme", None)


def test_dark_has_a_dark_base_and_light_text(app):
    assert apply_theme(app, "dark") == "dark"
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Base).lightness() < 64
    assert palette.color(QPalette.ColorRole.Text).lightness() > 192
    assert palette.color(QPalette.ColorRole.WindowText).lightness() > 192
    assert is_dark(palette)
    assert app.style().name().lower() == "fusion"


def test_light_has_a_light_base_and_dark_text(app):
    apply_theme(app, "dark")
    assert apply_theme(app, "light") == "light"
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Base).lightness() > 192
    assert palette.color(QPalette.ColorRole.Text).lightness() < 64
    assert not is_dark(palette)


def test_system_follows_the_reported_scheme(app):
    apply_theme(app, "dark")
    effective = apply_theme(app, "system")
    assert effective in ("light", "dark")
    assert is_dark(QApplication.palette()) == (effective == "dark")
    assert current_theme(app) == "system"


@pytest.mark.parametrize("name", ["light", "dark"])
def test_each_palette_keeps_text_readable(name):
    palette = palette_for(name)
    for ground, ink in [
        (QPalette.ColorRole.Base, QPalette.ColorRole.Text),
        (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText),
        (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText),
        (QPalette.ColorRole.ToolTipBase, QPalette.ColorRole.ToolTipText),
        (QPalette.ColorRole.Base, QPalette.ColorRole.Link),
    ]:
        assert abs(palette.color(ground).lightness() - palette.color(ink).lightness()) > 90, (ground, ink)


def test_unknown_names_are_refused(app):
    with pytest.raises(ValueError):
        apply_theme(app, "sepia")
    assert THEMES == ("system", "light", "dark")


def test_a_system_change_reapplies_only_while_following_the_system(app):
    seen = []
    connection = set_theme_follows_system(app, seen.append)
    try:
        apply_theme(app, "dark")
        QGuiApplication.styleHints().colorSchemeChanged.emit(QGuiApplication.styleHints().colorScheme())
        assert seen == [] and is_dark(QApplication.palette())
        apply_theme(app, "system")
        QGuiApplication.styleHints().colorSchemeChanged.emit(QGuiApplication.styleHints().colorScheme())
        assert seen and seen[-1] in ("light", "dark")
    finally:
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(connection)
