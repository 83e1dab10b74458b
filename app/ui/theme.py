"""Light and dark themes: the Fusion style with a palette for each, or whichever the system uses."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMetaObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

# The theme last applied (one of THEMES), kept on the application for set_theme_follows_system.
_THEME_PROPERTY = "duben_theme"

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# Each theme as (role, active colour, disabled colour or None for the same).
_LIGHT = (
    (_Role.Window, "#efefef", None),
    (_Role.WindowText, "#1b1b1b", "#8c8c8c"),
    (_Role.Base, "#ffffff", "#f4f4f4"),
    (_Role.AlternateBase, "#f5f5f5", None),
    (_Role.Text, "#1b1b1b", "#8c8c8c"),
    (_Role.PlaceholderText, "#7a7a7a", None),
    (_Role.Button, "#e8e8e8", None),
    (_Role.ButtonText, "#1b1b1b", "#8c8c8c"),
    (_Role.BrightText, "#ffffff", None),
    (_Role.ToolTipBase, "#ffffdc", None),
    (_Role.ToolTipText, "#1b1b1b", None),
    (_Role.Highlight, "#3073c6", "#c4c4c4"),
    (_Role.HighlightedText, "#ffffff", "#6e6e6e"),
    (_Role.Link, "#1a5fb4", None),
    (_Role.LinkVisited, "#7a3fa8", None),
    (_Role.Light, "#ffffff", None),
    (_Role.Midlight, "#f2f2f2", None),
    (_Role.Mid, "#b8b8b8", None),
    (_Role.Dark, "#9f9f9f", None),
    (_Role.Shadow, "#767676", None),
)
# Not black on white turned over: a dim grey ground with off-white text is easier over long reading.
_DARK = (
    (_Role.Window, "#2b2b2e", None),
    (_Role.WindowText, "#e4e4e4", "#7c7c7c"),
    (_Role.Base, "#1f1f22", "#27272a"),
    (_Role.AlternateBase, "#27272b", None),
    (_Role.Text, "#e4e4e4", "#7c7c7c"),
    (_Role.PlaceholderText, "#8e8e8e", None),
    (_Role.Button, "#35353a", None),
    (_Role.ButtonText, "#e4e4e4", "#7c7c7c"),
    (_Role.BrightText, "#ff6b6b", None),
    (_Role.ToolTipBase, "#3a3a40", None),
    (_Role.ToolTipText, "#e4e4e4", None),
    (_Role.Highlight, "#3d7dd8", "#4a4a50"),
    (_Role.HighlightedText, "#ffffff", "#9a9a9a"),
    # Lighter blues and purples than the light theme's: the usual link colours vanish on grey.
    (_Role.Link, "#78aef5", None),
    (_Role.LinkVisited, "#c39af0", None),
    (_Role.Light, "#4a4a50", None),
    (_Role.Midlight, "#3e3e44", None),
    (_Role.Mid, "#26262a", None),
    (_Role.Dark, "#18181b", None),
    (_Role.Shadow, "#0c0c0e", None),
)


def palette_for(name: str) -> QPalette:
    """The palette of the "light" or "dark" theme."""
    if name not in ("light", "dark"):
        raise ValueError(f"unknown theme {name!r}; expected light or dark")
    palette = QPalette()
    for role, colour, disabled in _DARK if name == "dark" else _LIGHT:
        palette.setColor(_Group.All, role, QColor(colour))
        if disabled is not None:
            palette.setColor(_Group.Disabled, role, QColor(disabled))
    return palette


def is_dark(palette: QPalette) -> bool:
    """Whether a palette draws light text on a dark ground (by its window colour)."""
    return palette.color(_Role.Window).lightness() < 128


def system_theme() -> str:
    """ "dark" when the system asks for a dark scheme, else "light" (also when it says nothing)."""
    return "dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QApplication, name: str) -> str:
    """Apply "system", "light" or "dark" to the application; returns the theme in effect."""
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}; expected one of {', '.join(THEMES)}")
    hints = QGuiApplication.styleHints()
    if name == "system":
        # An earlier explicit choice overrides what colorScheme() reports; drop it to see the system's.
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        effective = system_theme()
    else:
        effective = name
        if hasattr(hints, "setColorScheme"):
            # Qt 6.8+: tells the platform too, so title bars and native dialogs match the window.
            hints.setColorScheme(Qt.ColorScheme.Dark if name == "dark" else Qt.ColorScheme.Light)
    # Fusion everywhere: native styles (Windows 11, macOS) draw parts of their widgets with their
    # own colours and ignore an application palette, which leaves half a dark theme.
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette_for(effective))
    app.setProperty(_THEME_PROPERTY, name)
    return effective


def current_theme(app: QApplication) -> str | None:
    """The theme last applied with apply_theme (one of THEMES), or None."""
    theme = app.property(_THEME_PROPERTY)
    return str(theme) if theme is not None else None


def set_theme_follows_system(app: QApplication, callback: Callable[[str], None]) -> QMetaObject.Connection:
    """While the applied theme is "system", re-apply it when the system's scheme changes, then
    call `callback("light" | "dark")` so the window can redraw what it paints itself.

    Changes while an explicit light or dark theme is applied are ignored: apply_theme itself sets
    the scheme then, and those changes are its own. Returns the connection, for disconnect().
    """

    def _on_color_scheme_changed(_scheme: Qt.ColorScheme) -> None:
        if current_theme(app) == "system":
            callback(apply_theme(app, "system"))

    return QGuiApplication.styleHints().colorSchemeChanged.connect(_on_color_scheme_changed)
