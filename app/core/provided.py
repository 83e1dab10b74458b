"""Data app.core is handed by app.io as a loader, loaded on first use and kept."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Provided(Generic[T]):
    """One piece of data: loaded by the loader handed over last, or made by `fallback` when none was."""

    def __init__(self, fallback: Callable[[], T]) -> None:
        self._fallback = fallback
        self._load: Callable[[], T] | None = None
        self._value: T | None = None
        self._lock = threading.Lock()

    def use(self, load: Callable[[], T]) -> None:
        """Where the data comes from; handing over the same loader again keeps what it loaded."""
        with self._lock:
            if load is not self._load:
                self._load, self._value = load, None

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._load() if self._load is not None else self._fallback()
                value = self._value
        return value
