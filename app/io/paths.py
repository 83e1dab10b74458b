"""Where user data and caches live: --data-dir, then $DUBEN_HOME, then the platform's folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "duben"


class FolderError(Exception):
    """A data or cache folder that cannot be made; the message names it and says why."""


@dataclass(frozen=True)
class Paths:
    data: Path
    cache: Path

    def ensure(self) -> Paths:
        for kind, folder in (("data", self.data), ("cache", self.cache)):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise FolderError(f"{folder}: is a file, not a folder; give another {kind} folder") from None
            except OSError as error:
                raise FolderError(
                    f"{folder}: the {kind} folder cannot be made ({error.strerror or error}); nothing was changed"
                ) from None
        return self


def resolve(data_dir: str | os.PathLike[str] | None = None, cache_dir: str | os.PathLike[str] | None = None) -> Paths:
    """The folders to use. An explicit data folder keeps its cache inside it, so a test or a
    benchmark given a temporary folder never reads or writes the user's real ones; an explicit
    cache folder (--cache-dir, then $DUBEN_CACHE_DIR) wins over both, so many temporary data
    folders can share one warm cache of derived data."""
    chosen = data_dir or os.environ.get("DUBEN_HOME")
    cache = cache_dir or os.environ.get("DUBEN_CACHE_DIR")
    # Absolute, so a relative --data-dir or --cache-dir means the folder it meant at the start
    # (SQLite's read-only URI of the dictionary index needs an absolute path too).
    if chosen:
        root = Path(chosen).expanduser().absolute()
        paths = Paths(root, root / "cache")
    else:
        paths = Paths(Path(platformdirs.user_data_dir(APP_NAME)), Path(platformdirs.user_cache_dir(APP_NAME)))
    return Paths(paths.data, Path(cache).expanduser().absolute()) if cache else paths
