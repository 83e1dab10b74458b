"""The status bar's one line: the open text's figures, the progress of its annotation, and messages.

QStatusBar paints a message over its normal widgets' place but leaves a widget visible that was
shown again meanwhile, so "Imported X" came out on top of the figures. Here one label, a
permanent widget taking all the room, shows one thing at a time: the message while there is one
(the status bar's own `showMessage`, so its timeouts hold), else the progress and the figures.
The status bar itself has no room left to paint a message in.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar


class StatusLine(QLabel):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__()
        self._figures = ""
        self._progress = ""
        self._message = ""
        # A long line is cut at the window's edge; it never widens the window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)
        bar.addPermanentWidget(self, 1)
        bar.messageChanged.connect(self._on_bar_message_changed)

    @property
    def figures(self) -> str:
        return self._figures

    @property
    def progress(self) -> str:
        return self._progress

    def set_figures(self, text: str) -> None:
        self._figures = text
        self._show()

    def set_progress(self, done: int, total: int) -> None:
        """Paragraphs annotated of those asked for; the line goes once all have arrived."""
        self._progress = f"Reading the text… {done} of {total} paragraphs" if done < total else ""
        self._show()

    def _show(self) -> None:
        line = self._message or "  ·  ".join(part for part in (self._progress, self._figures) if part)
        self.setText(line)
        self.setToolTip(line)

    def _on_bar_message_changed(self, message: str) -> None:
        self._message = message
        self._show()
