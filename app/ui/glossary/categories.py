"""Colours that mark glossary terms by category, shared by the reader and its legend."""

from PySide6.QtGui import QColor

# Distinct hues that read on light and dark backgrounds alike.
CATEGORY_COLOURS = {
    "person": QColor("#d0553f"),
    "place": QColor("#2f8f5b"),
    "organisation": QColor("#3a6fc4"),
    "event": QColor("#b07d12"),
    "treaty": QColor("#8a4fb8"),
    "weapon": QColor("#7a7a7a"),
    "concept": QColor("#1b9aaa"),
    "other": QColor("#a0a0a0"),
}


def legend_html() -> str:
    return " ".join(
        f'<span style="color:{colour.name()}">■</span>&nbsp;{name}' for name, colour in CATEGORY_COLOURS.items()
    )
