"""The one helper for background work: run a plain function on the thread pool, deliver its result."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, request: int, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.request, self.fn, self.relay = request, fn, relay

    def run(self) -> None:
        # Runs on a pool thread: it only computes plain core objects and never touches a widget.
        relay, request = self.relay, self.request
        try:
            result = self.fn()
        except Exception as error:  # reported to the window as one line, never a traceback
            self._emit(relay, "failed", request, f"{type(error).__name__}: {error}")
        else:
            # Boxed, so a task that returns None is told apart from "no result" on the way.
            self._emit(relay, "finished", request, [result])

    @staticmethod
    def _emit(relay, name: str, request: int, payload) -> None:
        try:
            getattr(relay, name).emit(request, payload)
        except (RuntimeError, AttributeError):
            pass  # the window that asked was closed meanwhile: nobody to tell


class TaskRunner(QObject):
    """Runs functions in the background; a newer request of the same `kind` makes older results stale."""

    _ids = itertools.count(1)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        self._latest: dict[str, int] = {}
        self._callbacks: dict[int, tuple[str, Callable[[Any], None], Callable[[str], None] | None]] = {}
        # One relay, a child living in the GUI thread: queued signals bring results back here.
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_job_finished)
        self._relay.failed.connect(self._on_job_failed)

    def submit(
        self,
        kind: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
        priority: int = 0,
    ) -> int:
        request = next(self._ids)
        self._latest[kind] = request
        self._callbacks[request] = (kind, on_done, on_error)
        self.pool.start(_Job(request, fn, self._relay), priority)
        return request

    def _take(self, request: int):
        kind, on_done, on_error = self._callbacks.pop(request, (None, None, None))
        if kind is None or not shiboken6.isValid(self) or self._latest.get(kind) != request:
            return None, None  # a late answer to a question nobody asks any more
        return on_done, on_error

    def _on_job_finished(self, request: int, boxed: list) -> None:
        on_done, _ = self._take(request)
        if on_done:
            on_done(boxed[0])

    def _on_job_failed(self, request: int, message: str) -> None:
        _, on_error = self._take(request)
        if on_error:
            on_error(message)

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
