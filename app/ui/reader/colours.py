"""The reader's colours for a palette (the light or dark theme on screen, the standard one in print)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QPen

from app.core.tones import TONE_PALETTES


def theme_of(palette: QPalette) -> str:
    """ "dark" or "light": which of the tone palettes (and shades) suits the palette's ground."""
    return "dark" if palette.color(QPalette.ColorRole.Base).lightness() < 128 else "light"


def _faded(colour: QColor, alpha: float) -> QColor:
    faded = QColor(colour)
    faded.setAlphaF(alpha)
    return faded


def _dotted(colour: QColor) -> QPen:
    pen = QPen(colour, 2.0)
    pen.setStyle(Qt.PenStyle.DotLine)
    return pen


@dataclass(frozen=True)
class Colours:
    """Made once per paint (or per printed handout), pens included, not once per word box."""

    selection: QColor
    unknown: QColor
    learning: QColor
    new: QColor  # words marked new: seen and to be learnt, unlike words never marked
    find: QColor
    find_current: QColor  # the match F3 is at, stronger than the others
    pen_find_current: QPen  # and underlined
    pen_above_level: QPen  # dots under words above the student's HSK level
    link: QColor
    user_note: QColor
    pen_text: QPen
    pen_ruby: QPen
    pen_muted: QPen
    pen_rule: QPen
    pen_annotation: QPen
    pen_tones: Mapping[int, QPen]  # tone colours (1-5), the light or dark palette's

    @classmethod
    def of(cls, palette: QPalette) -> Colours:
        text = palette.color(QPalette.ColorRole.Text)
        dark = theme_of(palette) == "dark"
        return cls(
            selection=_faded(palette.color(QPalette.ColorRole.Highlight), 0.25),
            unknown=_faded(QColor("#5b8def"), 0.07),
            learning=_faded(QColor("#f2994a"), 0.22),
            new=_faded(QColor("#27ae60"), 0.2),
            find=_faded(QColor("#f2c94c"), 0.45),
            find_current=_faded(QColor("#ff8c00"), 0.6),
            pen_find_current=QPen(QColor("#ffa533" if dark else "#b85c00"), 2.5),
            pen_above_level=_dotted(QColor("#ff80cc" if dark else "#d63aa0")),
            link=palette.color(QPalette.ColorRole.Link),
            user_note=QColor("#4a4420" if dark else "#fff6cc"),
            pen_text=QPen(text),
            pen_ruby=QPen(_faded(text, 0.62)),
            pen_muted=QPen(_faded(text, 0.45)),
            pen_rule=QPen(_faded(text, 0.16)),
            pen_annotation=QPen(_faded(text, 0.72)),
            pen_tones={tone: QPen(QColor(c)) for tone, c in TONE_PALETTES[theme_of(palette)].items()},
        )
