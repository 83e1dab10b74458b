"""--screenshot: render the window offscreen once the article is ready, save a PNG, quit."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def find_word(window, word: str) -> tuple[int, int] | None:
    """(paragraph, token start) of the first occurrence of `word` among annotated paragraphs."""
    for index in sorted(window.view.paragraphs):
        for token in window.view.paragraphs[index].tokens:
            if token.text == word:
                return index, token.start
    return None


def save_when_ready(
    window, out: str, popup: str | None = None, panel: str | None = None, timeout_ms: int = 90_000
) -> int:
    """Wait (the event loop running) for the document, then render the window to `out`; an exit code."""
    app = QApplication.instance()
    state = {"code": 1, "waited": 0, "requested": False, "panel": False}

    def ready() -> bool:
        if not window.document_ready or ((popup or panel) and not window.dictionary_ready):
            return False
        if panel and not state["panel"]:
            state["panel"] = True
            if panel == "concordance":
                window.run_concordance("普京")
            elif panel == "check":
                window.run_check("article")
            else:
                window.show_panel("glossary")
            return False
        if panel == "check" and not getattr(window.check_panel, "findings", None):
            return False
        if popup and find_word(window, popup) is None:
            # The word may lie below the first screen: have every paragraph worked out once.
            if not state["requested"]:
                state["requested"] = True
                window._on_rows_needed(list(range(len(window.view.spans))))
            return len(window.view.paragraphs) == len(window.view.spans)
        return True

    def finish() -> None:
        if popup:
            target = find_word(window, popup)
            if target is None:
                print(f"duben: --popup {popup}: no such word in the article", file=sys.stderr)
                app.quit()
                return
            window.view.ensure_visible(*target)
            window.view.select_word(*target)
            app.processEvents()
            window.show_popup(*target)
            window.pin_card(*target)
        app.processEvents()
        if window.grab().save(out):
            state["code"] = 0
        else:
            print(f"duben: {out}: could not write the PNG", file=sys.stderr)
        app.quit()

    def poll() -> None:
        state["waited"] += 50
        if ready():
            finish()
        elif state["waited"] >= timeout_ms:
            print("duben: the article was not ready in time; no screenshot written", file=sys.stderr)
            app.quit()
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    app.exec()
    return state["code"]
