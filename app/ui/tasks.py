"""The one helper for background work: run a plain function on the thread pool, deliver its result."""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

logger = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[str], None]


def _nothing() -> None:
    pass


class _Relay(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)


_RELAYS: list[_Relay] = []


class _Job(QRunnable):
    def __init__(self, request: int, kind: str, fn: Callable[[], Any], relay: _Relay, done: Callable[[], None]) -> None:
        super().__init__()
        self.request, self.kind, self.fn, self.relay, self.done = request, kind, fn, relay, done

    def run(self) -> None:
        try:
            self._run()
        finally:
            self.done()

    def _run(self) -> None:
        # Runs on a pool thread: it only computes plain core objects and never touches a widget.
        try:
            result = self.fn()
        except Exception as error:
            # The traceback goes to the log, here where it is still at hand; the window gets one line.
            logger.exception("Background task %r failed", self.kind)
            line = f"{type(error).__name__}: {error}".splitlines()[0]
            try:
                self.relay.failed.emit(self.request, line)
            except RuntimeError:
                pass  # the window that asked was closed meanwhile: nobody to tell
        else:
            try:
                # Boxed, so a task that returns None is told apart from "no result" on the way.
                self.relay.finished.emit(self.request, [result])
            except RuntimeError:
                pass


class TaskRunner(QObject):
    """Runs functions in the background; a newer request of the same `kind` makes older results stale.

    A failure is logged with its traceback, then `task_failed` carries one line for the status bar
    (and `on_error`, when given, gets the same line).
    """

    task_failed = Signal(str, str)  # kind, one line saying what went wrong

    _ids = itertools.count(1)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        self._latest: dict[str, int] = {}
        # Jobs whose work must not be lost at exit (an export writing the user's file), counted
        # from submission to their end; the others make derived data and can be left.
        self._kept = 0
        self._kept_lock = threading.Lock()
        self._callbacks: dict[int, tuple[str, OnDone, OnError | None]] = {}
        # One relay, a child living in the GUI thread: queued signals bring results back here.
        # No parent, and never deleted: a job may outlive the window that asked (a whole novel
        # counted in the background when a window is closed), and emitting on a relay that Qt
        # deleted with its parent crashed the process; one live relay per runner costs nothing.
        self._relay = _Relay()
        _RELAYS.append(self._relay)
        self._relay.finished.connect(self._on_relay_finished)
        self._relay.failed.connect(self._on_relay_failed)

    def submit(
        self,
        kind: str,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError | None = None,
        priority: int = 0,
        disposable: bool = False,
    ) -> int:
        """`disposable`: the job only makes derived data (annotations, an index, a report on
        screen), which the next session makes again: the process may end without waiting for it."""
        request = next(self._ids)
        self._latest[kind] = request
        self._callbacks[request] = (kind, on_done, on_error)
        if not disposable:
            with self._kept_lock:
                self._kept += 1
        done = _nothing if disposable else self._kept_done
        self.pool.start(_Job(request, kind, fn, self._relay, done), priority)
        return request

    def _kept_done(self) -> None:
        with self._kept_lock:
            self._kept -= 1

    def _take(self, request: int) -> tuple[str, OnDone, OnError | None] | None:
        callbacks = self._callbacks.pop(request, None)
        if callbacks is None or not shiboken6.isValid(self) or self._latest.get(callbacks[0]) != request:
            return None  # a late answer to a question nobody asks any more
        return callbacks

    def _on_relay_finished(self, request: int, boxed: list[Any]) -> None:
        callbacks = self._take(request)
        if callbacks is not None:
            callbacks[1](boxed[0])

    def _on_relay_failed(self, request: int, line: str) -> None:
        callbacks = self._take(request)
        if callbacks is None:
            return
        kind, _, on_error = callbacks
        self.task_failed.emit(kind, line)
        if on_error is not None:
            on_error(line)

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def shutdown(self) -> bool:
        """At the end of a session: jobs not started yet are dropped and those that must not be
        lost are waited for. True when disposable ones are still running: the interpreter must
        then not go away under their threads (a Ctrl+C while a long article loaded ended in a
        segmentation fault), so the caller ends the process at once (`launch.leave_now`)
        instead of waiting, as it did, for seconds of annotation nobody will see."""
        self._latest.clear()
        self._callbacks.clear()
        self.pool.clear()
        while True:
            with self._kept_lock:
                if self._kept == 0:
                    break
            self.pool.waitForDone(20)
        return self.pool.activeThreadCount() > 0
