"""Data app.core is handed by app.io as a loader, loaded on first use and kept; and what is made from
data app.io handed over, kept while that data is in use."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
S = TypeVar("S")


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


class MadeFrom(Generic[S, T]):
    """What `make` makes from the data in use: made on first use, and again once other data is in use."""

    def __init__(self, make: Callable[[S], T]) -> None:
        self._make = make
        self._made: tuple[S, T] | None = None
        self._lock = threading.Lock()

    def get(self, source: S) -> T:
        made = self._made
        if made is None or made[0] is not source:
            with self._lock:
                made = self._made
                if made is None or made[0] is not source:
                    made = self._made = (source, self._make(source))
        return made[1]
