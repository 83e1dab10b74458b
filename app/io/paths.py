"""Where user data and caches live: --data-dir, then $DUBEN_HOME, then the platform's folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "duben"


@dataclass(frozen=True)
class Paths:
    data: Path
    cache: Path

    def ensure(self) -> "Paths":
        self.data.mkdir(parents=True, exist_ok=True)
        self.cache.mkdir(parents=True, exist_ok=True)
        return self


def resolve(data_dir: str | os.PathLike | None = None) -> Paths:
    """The folders to use. An explicit folder keeps its cache inside it, so a test or a
    benchmark given a temporary folder never reads or writes the user's real ones."""
    chosen = data_dir or os.environ.get("DUBEN_HOME")
    if chosen:
        root = Path(chosen).expanduser()
        return Paths(root, root / "cache")
    return Paths(Path(platformdirs.user_data_dir(APP_NAME)), Path(platformdirs.user_cache_dir(APP_NAME)))
