"""Entries of the cache folder: read only when they have the shape expected, cleared whatever they are.

Anything in the cache folder may be damaged (a crash, a disk fault, a hand that put something
there): a file of the right name may hold anything, a folder may stand where a file belongs.
Such an entry is a miss, cleared so that it is built again, never an error for the user.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeGuard, TypeVar, cast

from app.io.atomic import write_bytes_atomic

T = TypeVar("T")

# What reading a damaged entry raises: missing or truncated, a folder in place of a file,
# bytes that are not marshal data, a payload of another shape.
DAMAGED = (OSError, EOFError, ValueError, TypeError, IndexError, KeyError)


def discard(path: Path) -> None:
    """Remove what stands at `path` (a file, a link, a folder) so the entry can be built again.
    Quietly: a cache folder that cannot be cleared only costs building the entry in memory."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


_scratch: list[Path] = []
# What this process is building now (a temporary file or folder beside its cache entry): a window
# that leaves at once (os._exit, past every `finally`) removes them, or each short session left one.
_building: set[Path] = set()


@contextmanager
def building(path: Path) -> Iterator[Path]:
    """Mark `path` as being built by this process until the block ends."""
    _building.add(path)
    try:
        yield path
    finally:
        _building.discard(path)


def scratch_folder() -> Path:
    """A folder of the system's temporary space for this process only, removed at exit: where
    derived data is built when the cache folder cannot hold it (read-only, full)."""
    if not _scratch:
        folder = Path(tempfile.mkdtemp(prefix="duben-cache-"))
        atexit.register(remove_scratch)
        _scratch.append(folder)
    return _scratch[0]


def remove_scratch() -> None:
    """Remove this process's scratch folder and what it was building (at exit; also called by a
    window leaving at once, while pool threads may still be writing them)."""
    while _scratch:
        shutil.rmtree(_scratch.pop(), ignore_errors=True)
    for path in list(_building):
        discard(path)


def read_marshal(path: Path, valid: Callable[[object], TypeGuard[T]]) -> T | None:
    """The marshal data in `path` when `valid` accepts it; else None, and the entry is cleared."""
    try:
        value: object = marshal.loads(path.read_bytes())
    except DAMAGED:
        value = None
    if value is not None and valid(value):
        return value
    if path.exists() or path.is_symlink():
        discard(path)
    return None


def marshal_cached(path: Path, valid: Callable[[object], TypeGuard[T]], make: Callable[[], T]) -> T:
    """The marshal data in `path` when `valid` accepts it; else make() it and keep it there for the
    next run (a cache folder that cannot hold it only costs making it again next time)."""
    cached = read_marshal(path, valid)
    if cached is not None:
        return cached
    made = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, marshal.dumps(cast(Any, made)))  # marshal data: what `valid` accepts read back
    except OSError:
        pass
    return made


def source_fingerprint(files: list[Path], version: int) -> str:
    """A digest of the files derived data is built from (and of the builder's `version`), to name
    its cache folder: a new package version gets a new folder. Size and modification time, not
    contents: hashing 140 MB of model text at every start would cost more than loading the arrays."""
    digest = hashlib.sha256(str(version).encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _built(folder: Path, build: Callable[[Path], None]) -> Path:
    """`folder`, built by build(temporary folder) first when it is missing. The folder is written
    under a temporary name and renamed into place, so a reader never sees half of one."""
    if (folder / "done").exists():
        return folder
    for entry in (folder.parent, folder):
        if entry.exists() and not entry.is_dir():
            discard(entry)  # a file where a folder belongs: no rename can replace it
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    try:
        with building(tmp):
            build(tmp)
            (tmp / "done").write_bytes(b"")
            try:
                os.replace(tmp, folder)
            except OSError:  # another process finished first (the folder exists and is complete)
                if not (folder / "done").exists():
                    raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def load_cached(folder: Path, build: Callable[[Path], None], read: Callable[[Path], T]) -> T:
    """read(folder), built first when missing; a folder that cannot be read (a file of it missing,
    truncated, of another shape) is cleared and built again, so no run fails on it."""
    try:
        return read(_built(folder, build))
    except DAMAGED:
        discard(folder)
    try:
        return read(_built(folder, build))
    except OSError:
        # A cache folder that cannot hold the data (read-only, full): built for this run only.
        return read(_built(scratch_folder() / folder.name, build))
