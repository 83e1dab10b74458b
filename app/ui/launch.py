"""Starting the window: a normal session, or an offscreen render saved as a PNG (--screenshot)."""

from __future__ import annotations

import argparse
import os
import sys

from app.io.paths import Paths


def _parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"duben: --size {text!r}: expected WIDTHxHEIGHT, e.g. 1200x800") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise SystemExit(f"duben: --size {text!r}: each side must be between 200 and 8000 pixels")
    return width, height


def run_gui(args: argparse.Namespace, paths: Paths) -> int:
    if args.screenshot:
        # No screen is needed to render a screenshot.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow

    from app.context import AppContext
    from app.io.store import StoreError

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Duben")
    app.setOrganizationName("Duben")
    try:
        context = AppContext(paths)
        context.glossary  # opens the store: a damaged one is reported here, not mid-session
    except StoreError as error:
        print(f"duben: {error}", file=sys.stderr)
        return 2
    window = MainWindow(paths, context)
    if args.article and not window.open_article(args.article):
        message = window.open_file(args.article)
        if message:
            print(f"duben: --article {args.article}: not a bundled article id, and {message}", file=sys.stderr)
            return 2
    if args.readings:
        window.set_reading_style("marks" if args.readings == "pinyin" else args.readings)
    if args.script:
        window.set_script(args.script)
    if args.file:
        message = window.open_file(args.file)
        if message and args.screenshot:
            print(f"duben: {message}", file=sys.stderr)
            return 2
    if args.screenshot:
        window.resize(*_parse_size(args.size))
        window.show()
        return window.save_screenshot_when_ready(args.screenshot, popup=args.popup)
    window.show()
    return app.exec()
