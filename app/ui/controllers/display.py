"""What the reader shows: readings, script, font and size, the notes column; kept as UI state in QSettings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFontDialog, QWidget

from app.core.scripts import DISPLAY_SCRIPTS
from app.core.tones import TONE_MODES
from app.ui.controllers import ShowMessage
from app.ui.reader.layout import Options
from app.ui.reader.view import ReaderView

MIN_FONT, MAX_FONT, DEFAULT_FONT = 9.0, 48.0, 17.0
READING_CYCLE = ("marks", "zhuyin", "unknown", "above-level", "none")


def hsk_level(value: object) -> int | None:
    """The student's HSK level as saved (1-9); anything else (none yet, an edited file) is not set."""
    try:
        level = int(str(value))
    except ValueError:
        return None
    return level if 1 <= level <= 9 else None


def tone_mode(value: object) -> str:
    """The tone colours as saved (one of TONE_MODES); anything else (an edited file) is off."""
    return str(value) if str(value) in TONE_MODES else "off"


class DisplayController(QObject):
    """Changes the view's options and says so, for the menus' check marks."""

    options_changed = Signal(object)  # the view's Options after a change

    def __init__(self, view: ReaderView, settings: QSettings, show_message: ShowMessage, parent: QWidget) -> None:
        super().__init__(parent)
        self._view = view
        self._settings = settings
        self._show_message = show_message
        self._dialog_parent = parent

    @property
    def options(self) -> Options:
        return self._view.options

    def restore(self) -> None:
        """The choices saved by the last session (defaults the first time)."""
        settings = self._settings
        family = settings.value("font_family")
        if family:
            self._view.set_font_family(str(family))
        self.set_option(
            reading=str(settings.value("readings", "marks")),
            script=str(settings.value("script", "original")),
            font_size=float(str(settings.value("font_size", DEFAULT_FONT))),
            notes=str(settings.value("notes", "true")).lower() == "true",
            hsk_level=hsk_level(settings.value("hsk_level", "")),
            tones=tone_mode(settings.value("tone_colours", "off")),
        )

    def save(self) -> None:
        options = self._view.options
        self._settings.setValue("readings", options.reading)
        self._settings.setValue("script", options.script)
        self._settings.setValue("font_size", options.font_size)
        self._settings.setValue("notes", "true" if options.notes else "false")
        self._settings.setValue("hsk_level", "" if options.hsk_level is None else options.hsk_level)
        self._settings.setValue("tone_colours", options.tones)

    def set_option(self, **changes: Any) -> None:
        """Change some of the view's `Options` (reading, script, font_size, notes, capitals, hsk_level, tones)."""
        self._view.set_options(**changes)
        self.options_changed.emit(self._view.options)

    def next_reading(self) -> None:
        """F6: the next reading style."""
        self._cycle("reading", self._view.options.reading, READING_CYCLE)

    def next_script(self) -> None:
        """F7: the next display script."""
        self._cycle("script", self._view.options.script, DISPLAY_SCRIPTS)

    def _cycle(self, option: str, current: str, values: tuple[str, ...]) -> None:
        following = values[(values.index(current) + 1) % len(values)] if current in values else values[0]
        self.set_option(**{option: following})
        self._show_message(f"{option.capitalize()}: {following}", 2000)

    def zoom(self, step: float) -> None:
        self.set_option(font_size=max(MIN_FONT, min(self._view.options.font_size + step, MAX_FONT)))

    def reset_zoom(self) -> None:
        self.set_option(font_size=DEFAULT_FONT)

    def choose_font(self) -> None:
        current = QFont(self._view.font_family, int(self._view.options.font_size))
        accepted, font = QFontDialog.getFont(current, self._dialog_parent)
        if accepted:
            self._view.set_font_family(font.family())
            self._settings.setValue("font_family", font.family())
            self.set_option(font_size=float(font.pointSizeF() if font.pointSizeF() > 0 else DEFAULT_FONT))
