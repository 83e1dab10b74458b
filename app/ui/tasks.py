"""The one helper for background work: run a plain function on the thread pool, deliver its result."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

logger = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[str], None]


class _Relay(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, request: int, kind: str, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.request, self.kind, self.fn, self.relay = request, kind, fn, relay

    def run(self) -> None:
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
        self._callbacks: dict[int, tuple[str, OnDone, OnError | None]] = {}
        # One relay, a child living in the GUI thread: queued signals bring results back here.
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_relay_finished)
        self._relay.failed.connect(self._on_relay_failed)

    def submit(
        self,
        kind: str,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError | None = None,
        priority: int = 0,
    ) -> int:
        request = next(self._ids)
        self._latest[kind] = request
        self._callbacks[request] = (kind, on_done, on_error)
        self.pool.start(_Job(request, kind, fn, self._relay), priority)
        return request

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

    def shutdown(self) -> None:
        """At the end of a session: jobs not started yet are dropped, the running ones finish, so
        the interpreter never goes away under a thread (a Ctrl+C while a long article loaded
        ended in a segmentation fault)."""
        self._latest.clear()
        self._callbacks.clear()
        self.pool.clear()
        self.pool.waitForDone()
