"""Writing a file so that it is either the old one or the whole new one, never half-written."""

from __future__ import annotations

import csv
import errno
import io
import os
import secrets
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol

# Windows would otherwise translate line ends in a file opened by os.open.
O_BINARY = getattr(os, "O_BINARY", 0)


# The files of a data folder that hold the user's data or its cache: an export never replaces
# one (a CSV written over the store would lose the library). SQLite's side files go with them.
STORE_FILES = ("duben.sqlite3", "paragraphs.sqlite3")
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"
STDOUT = "-"


class OutputError(OSError):
    """An export that cannot be written where it was asked; the message names the file and says
    that nothing there was changed. An OSError, so a writer of derived data that shrugs off a
    read-only cache folder still does."""


def _cannot_write(name: str, error: OSError) -> OutputError:
    return OutputError(f"{name}: cannot be written ({error.strerror or error}); nothing there was changed")


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _refuse_store_file(target: Path, name: str) -> None:
    """A store file is refused by its name, or by its content (any SQLite database, or a side
    file of one), so a store under another name or in another folder is as safe."""
    base = target.name
    for suffix in SQLITE_SIDE_FILES:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            if _is_sqlite(target.with_name(base)):
                raise OutputError(f"{name}: is a side file of the database {base}; it was left as it is")
            break
    if base in STORE_FILES or (target.is_file() and _is_sqlite(target)):
        raise OutputError(f"{name}: is a database (a Duben store or cache); it was left as it is: give another file")


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new file beside `target`, made with mode 0666 so the kernel applies the umask to it."""
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_BINARY, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl+C and SIGTERM wait while the temporary file is made and its name kept, so the handler
    that removes it on a signal always knows it (a signal in between left a .part behind)."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = block(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


@contextmanager
def _write_through(target: Path) -> Iterator[IO[bytes]]:
    # A device or a FIFO is what the path names; replacing it by a regular file would break it.
    with open(target, "wb", buffering=0) as raw, io.BufferedWriter(raw) as handle:
        yield handle


@contextmanager
def _stdout() -> Iterator[IO[bytes]]:
    sys.stdout.flush()
    handle = sys.stdout.buffer
    yield handle
    handle.flush()


@contextmanager
def _replace(target: Path) -> Iterator[IO[bytes]]:
    """The temporary sits in the target's folder so the final rename never crosses file systems,
    and it is flushed to disk before the rename so a crash cannot leave a short file. A file
    replaced keeps its mode; a new one follows the umask."""
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = None
    temporary: Path | None = None
    try:
        with _signals_held():
            descriptor, temporary = _create_temporary(target)
        with os.fdopen(descriptor, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Where every export goes: a binary file to write, by what `path` names.

    `-` is standard output; a device or a FIFO is written through; a symlink's target is
    replaced (the link stays); a regular file is replaced in one step on success and left as it
    was on error; a database (the store, the cache, their side files) is refused. A failure of
    the disk is an OutputError saying that nothing was replaced.
    """
    name = os.fspath(path)
    if name == STDOUT:
        with _stdout() as handle:
            yield handle
        return
    target = Path(os.path.realpath(name))
    try:
        info: os.stat_result | None = target.stat()
    except OSError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{name}: cannot be written: it is a folder; give a file name to write")
    if info is not None and not stat.S_ISREG(info.st_mode):
        opener = _write_through
    else:
        _refuse_store_file(target, name)
        opener = _replace
    try:
        with opener(target) as handle:
            yield handle
    except OSError as error:
        raise _cannot_write(name, error) from None


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_output(path) as handle:
        handle.write(data)


def write_csv_atomic(path: str | os.PathLike[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """A spreadsheet-friendly CSV: UTF-8 with BOM (so Excel shows Chinese), CRLF, RFC 4180 quoting,
    replaced in one step. Rows arrive already guarded; returns the number of data rows."""
    count = 0
    with atomic_output(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            text.write("\ufeff")
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
            text.flush()
        finally:
            text.detach()
    return count


class Package(Protocol):
    """What is needed of a genanki Package."""

    def write_to_file(self, file: str) -> None: ...


def write_apkg_atomic(package: Package, path: str | os.PathLike[str]) -> None:
    """A genanki Package to `path`: genanki writes only to a file name, so it writes a temporary
    file in the system's temporary folder (the target may be a device or standard output),
    which is then copied through atomic_output."""
    try:
        handle, temporary = tempfile.mkstemp(suffix=".apkg")
    except OSError as error:
        raise _cannot_write(os.fspath(path), error) from None
    os.close(handle)
    try:
        try:
            package.write_to_file(temporary)
        except OSError as error:
            raise _cannot_write(os.fspath(path), error) from None
        with open(temporary, "rb") as built, atomic_output(path) as out:
            shutil.copyfileobj(built, out)
    finally:
        Path(temporary).unlink(missing_ok=True)
