"""Starting the window: a normal session, or an offscreen render saved as a PNG (--screenshot)."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from app.io.paths import FolderError, Paths

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QWidget

READINGS = {
    "pinyin": "marks",
    "numbers": "numbers",
    "zhuyin": "zhuyin",
    "none": "none",
    "unknown": "unknown",
    "above-level": "above-level",
}
# Python runs a signal handler only when it holds control, which Qt's event loop does not give
# back while idle: a timer this often hands it back, so Ctrl+C is answered at once.
SIGNAL_TICK_MS = 200
SHUTDOWN_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class ShutdownSignals:
    """Ctrl+C and SIGTERM close the window as File → Quit does (settings saved, background work
    let finish), instead of a KeyboardInterrupt traceback in whatever slot was running. A signal
    that comes before the window exists closes it as soon as it is attached."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._window: QWidget | None = None
        self._timer: QTimer | None = None
        self._previous = {number: signal.signal(number, self._on_signal_received) for number in SHUTDOWN_SIGNALS}

    def attach(self, window: QWidget) -> None:
        from PySide6.QtCore import QTimer

        self._window = window
        self._timer = QTimer(window)
        self._timer.timeout.connect(self._on_tick_timeout)
        self._timer.start(SIGNAL_TICK_MS)
        if self.received is not None:
            QTimer.singleShot(0, window.close)

    def restore(self) -> None:
        """The handlers that were there before (tests run many windows in one process)."""
        if self._timer is not None:
            self._timer.stop()
        for number, previous in self._previous.items():
            signal.signal(number, previous)

    def _on_tick_timeout(self) -> None:
        pass  # only there so the interpreter gets control and runs a pending handler

    def _on_signal_received(self, number: int, frame: FrameType | None) -> None:
        self.received = number
        if self._window is not None:
            from PySide6.QtCore import QTimer

            # From the event loop, not inside whatever Python code the signal interrupted.
            QTimer.singleShot(0, self._window.close)


def _parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"duben: --size {text!r}: expected WIDTHxHEIGHT, e.g. 1200x800") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise SystemExit(f"duben: --size {text!r}: each side must be between 200 and 8000 pixels")
    return width, height


def _no_display() -> bool:
    """On Linux and the BSDs, Qt needs an X or Wayland display unless a platform is named."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _configure_logging() -> None:
    """Warnings and errors (a failed background task with its traceback) go to standard error."""
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


def _scratch_settings(source: Path, folder: str) -> QSettings:
    from PySide6.QtCore import QSettings

    copy = Path(folder) / source.name
    if source.is_file():
        shutil.copyfile(source, copy)
    return QSettings(str(copy), QSettings.Format.IniFormat)


def run_gui(args: argparse.Namespace, paths: Paths) -> int:
    _configure_logging()
    if args.screenshot:
        # No screen is needed to render a screenshot.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif _no_display():
        # Qt would abort with its own message and a core dump; say what is wrong instead.
        print(
            "duben: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "run it in a desktop session, or render a picture with --screenshot OUT.png",
            file=sys.stderr,
        )
        return 2
    size = _parse_size(args.size) if args.screenshot else None
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Duben")
    app.setOrganizationName("Duben")
    signals = ShutdownSignals()
    try:
        return _run_window(args, paths, size, signals)
    finally:
        signals.restore()


def _run_window(args: argparse.Namespace, paths: Paths, size: tuple[int, int] | None, signals: ShutdownSignals) -> int:
    from PySide6.QtWidgets import QApplication

    from app.io.store.user_store import StoreError
    from app.services.context import AppContext
    from app.ui.main_window import MainWindow, window_ini

    try:
        context = AppContext(paths)
        _ = context.glossary  # opens the store: a damaged one is reported here, not mid-session
    except (StoreError, FolderError) as error:
        print(f"duben: {error}", file=sys.stderr)
        return 2
    settings, scratch = None, None
    if args.screenshot:
        # A screenshot starts from the user's window state but keeps nothing: it works on a
        # copy, so the last article, geometry and toggles the user left stay as they were.
        scratch = tempfile.mkdtemp(prefix="duben-screenshot-")
        settings = _scratch_settings(window_ini(paths), scratch)
    window = MainWindow(paths, context, article=args.article, settings=settings)
    if args.screenshot:
        window.progress.set_saving(False)  # nor the place in the text it shows
    signals.attach(window)
    window.set_theme(args.theme or str(window.settings.value("theme", "system")), save=not args.screenshot)
    if args.article and not window.requested_article_opened:
        message = window.import_file(args.article) if os.path.exists(args.article) else "no such file"
        if message:
            print(f"duben: --article {args.article}: not an article id, and {message}", file=sys.stderr)
            window.tasks.wait()
            return 2
    if args.readings:
        window.set_option(reading=READINGS[args.readings])
    if args.script:
        window.set_option(script=args.script)
    if args.level is not None:
        window.set_option(hsk_level=args.level)
    if args.tone_colours:
        window.set_option(tones=args.tone_colours)
    if args.screenshot and size is not None:
        from app.ui.screenshot import save_when_ready

        window.resize(*size)
        window.show()
        code = save_when_ready(window, args.screenshot, popup=args.popup, panel=args.panel)
    else:
        window.show()
        code = QApplication.exec()
    # Work that must not be lost is waited for; work nobody will see is not.
    still_running = window.tasks.shutdown()
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)
    if still_running:
        leave_now(code)
    return code


def leave_now(code: int) -> NoReturn:
    """End the process while pool threads still annotate: what they make is derived data in
    SQLite, whose transactions survive an ended process (as after a kill), and the interpreter
    must not tear down under them. Our own clean-up and the output go first; the registered exit
    handlers do not run, since Qt's waits for the pool's threads, which is what this avoids."""
    from app.io.cache_entries import remove_scratch

    remove_scratch()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
