"""--screenshot: render the window offscreen once the article is ready, save a PNG, quit."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow


def find_word(window: MainWindow, word: str) -> tuple[int, int] | None:
    """(paragraph, token start) of the first occurrence of `word` among annotated paragraphs."""
    paragraphs = window.view.paragraphs
    for index in sorted(paragraphs):
        for token in paragraphs[index].tokens:
            if token.text == word:
                return index, token.start
    return None


# Between looks while the article is not ready yet.
POLL_MS = 20
# The picture waits for the status line's figures of a text up to this long (an article: they
# take a moment); a novel's take its whole annotation, and its first screen is what is shown.
FIGURES_WAIT_CHARS = 50_000


def _start_translating(window: MainWindow) -> None:
    """The translator's view: the term pane on the first 普丁, and the column of the user's
    translation with the checks' findings."""
    window.terms_dock.show()
    window.terms_dock.raise_()
    window.display.set_option(notes=True)
    window.translation.set_active(True)
    target = find_word(window, "普丁")
    if target is not None:
        window.view.select_word(*target)


def _show_library(window: MainWindow) -> None:
    """The library with every column (the sidebar shows titles and figures), wide enough for them."""
    for column in range(window.library.model.columnCount()):
        window.library.view.showColumn(column)
    window.library_dock.show()
    window.library_dock.raise_()
    window.resizeDocks([window.library_dock], [window.width() // 2], Qt.Orientation.Horizontal)


class _Shot:
    """Waits (the event loop running) for what the picture needs, asking for it once, then saves it."""

    def __init__(self, window: MainWindow, out: str, popup: str | None, panel: str | None, timeout_ms: int) -> None:
        self.window, self.out, self.popup, self.panel, self.timeout_ms = window, out, popup, panel, timeout_ms
        self.code = 1
        self.waited = 0
        self.rows_requested = False
        self.panel_opened = False

    def ready(self) -> bool:
        window, popup, panel = self.window, self.popup, self.panel
        options = window.view.options
        # The card, the panels and the level line and readings need the dictionary and the levels.
        needs_dictionary = popup or panel or options.hsk_level is not None or options.reading == "above-level"
        if not window.document.ready or (needs_dictionary and not window.lookup.dictionary_ready):
            return False
        article = window.article
        if article is not None and window.words.figures is None and len(article.text) <= FIGURES_WAIT_CHARS:
            return False  # the status bar's figures are still being counted
        if panel and not self.panel_opened:
            self.panel_opened = True
            if panel == "concordance":
                window.panels.run_concordance("普京")
            elif panel == "check":
                window.panels.run_check("article")
            elif panel == "translation":
                _start_translating(window)
            elif panel == "library":
                _show_library(window)
            else:
                window.panels.show_panel("glossary")
            return False
        if panel == "concordance" and window.panels.searching:
            return False
        if panel == "check" and not window.check_panel.findings:
            return False
        if panel == "translation" and not window.translation.findings:
            return False
        if panel == "library" and window.library_figures.busy:
            return False
        if popup and find_word(window, popup) is None:
            # The word may lie below the first screen: have every paragraph worked out once.
            if not self.rows_requested:
                self.rows_requested = True
                window.document.request_rows(list(range(len(window.view.spans))))
            return len(window.view.paragraphs) == len(window.view.spans)
        return True

    def finish(self) -> None:
        window = self.window
        if self.popup:
            target = find_word(window, self.popup)
            if target is None:
                print(f"duben: --popup {self.popup}: no such word in the article", file=sys.stderr)
                QApplication.quit()
                return
            window.view.ensure_visible(*target)
            window.view.select_word(*target)
            window.lookup.pin(*target)  # the card in its dock, with its buttons, as a click gives it
            QApplication.processEvents()
            window.lookup.show_popup(*target)
        QApplication.processEvents()
        if window.grab().save(self.out):
            self.code = 0
        else:
            print(f"duben: {self.out}: could not write the PNG", file=sys.stderr)
        QApplication.quit()

    def poll(self) -> None:
        self.waited += POLL_MS
        if self.ready():
            self.finish()
        elif self.waited >= self.timeout_ms:
            print("duben: the article was not ready in time; no screenshot written", file=sys.stderr)
            QApplication.quit()
        else:
            QTimer.singleShot(POLL_MS, self.poll)


def save_when_ready(
    window: MainWindow, out: str, popup: str | None = None, panel: str | None = None, timeout_ms: int = 90_000
) -> int:
    """Wait (the event loop running) for the document, then render the window to `out`; an exit code."""
    shot = _Shot(window, out, popup, panel, timeout_ms)
    # The first look as soon as the event loop runs, as a bare window's grab does: a reopened
    # article is often ready then, and a 50 ms first wait was a sixth of a start.
    QTimer.singleShot(0, shot.poll)
    QApplication.exec()
    return shot.code
