"""What the reader's tints mean: a swatch of each study status, of the find marks and of the level line, in
the colours the reader paints."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.reader.colours import Colours


def _over(fill: QColor, ground: QColor) -> QColor:
    """A translucent fill as it shows on the ground (rich text has no alpha)."""
    a = fill.alphaF()
    return QColor.fromRgbF(
        fill.redF() * a + ground.redF() * (1 - a),
        fill.greenF() * a + ground.greenF() * (1 - a),
        fill.blueF() * a + ground.blueF() * (1 - a),
    )


def tint_swatches(palette: QPalette) -> list[tuple[str, QColor | None]]:
    """(meaning, colour as seen on the page; None: no tint) in the reader's order of precedence."""
    colours, ground = Colours.of(palette), palette.color(QPalette.ColorRole.Base)
    return [
        ("not marked yet", _over(colours.unknown, ground)),
        ("new", _over(colours.new, ground)),
        ("learning", _over(colours.learning, ground)),
        ("known", None),
        ("find match", _over(colours.find, ground)),
        ("current match", _over(colours.find_current, ground)),
    ]


def line_swatches(palette: QPalette) -> list[tuple[str, QColor]]:
    """(meaning, colour) of the tints that draw a line under words rather than a fill."""
    return [("above my HSK level (dotted line)", Colours.of(palette).pen_above_level.color())]


class TintLegend(QLabel):
    """Follows the theme: made again when the palette changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._fill()

    def _fill(self) -> None:
        parts = []
        for name, colour in tint_swatches(self.palette()):
            if colour is None:
                swatch = '<span style="border:1px solid gray">&nbsp;&nbsp;&nbsp;</span>'
            else:
                swatch = f'<span style="background-color:{colour.name()}">&nbsp;&nbsp;&nbsp;</span>'
            parts.append(f"{swatch}&nbsp;{name}")
        for name, colour in line_swatches(self.palette()):
            parts.append(f'<u style="color:{colour.name()}">&nbsp;&nbsp;&nbsp;</u>&nbsp;{name}')
        self.setText("Words: " + " ".join(parts))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._fill()
