"""Reading UTF-8 text line by line from a file or standard input, with clear errors."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

# No text we read is larger: a longer line, or a notes file or standard input beyond it, is
# refused rather than held in memory (the article and glossary importers have their own limits).
MAX_TEXT_BYTES = 64 * 2**20
STDIN = "-"


class InputError(Exception):
    """Input the user gave us that we cannot read; the message names it and says why."""


def regular_file(target: Path, name: str) -> os.stat_result:
    """The file's stat when it is a regular file; InputError naming it otherwise. A FIFO would
    be read forever and a device (/dev/zero) until memory runs out, so only a regular file is
    read by name (standard input is given as `-`). The one wording of these refusals, for every
    reader (texts, notes files, imports)."""
    try:
        info = target.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{name}: is not a regular file (a FIFO, a device or a socket); give a file, or - for standard input"
        )
    return info


def read_bounded(path: str | os.PathLike[str], stdin: BinaryIO | None = None, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a regular file, or of `stdin` for `-`, at most `limit` of them; InputError
    naming it when it is not a regular file, is larger, or cannot be read."""
    name = "<stdin>" if str(path) == STDIN else str(path)
    try:
        if str(path) == STDIN:
            if stdin is None:
                raise InputError("<stdin>: nothing to read")
            data = stdin.read(limit + 1)
        else:
            target = Path(path)
            size = regular_file(target, name).st_size
            if size > limit:
                raise InputError(f"{name}: is too large ({size / 2**20:.0f} MB; the limit is {limit // 2**20} MB)")
            with open(target, "rb") as handle:
                data = handle.read(limit + 1)  # a file still growing is cut here
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise InputError(f"{name}: is too large (over {limit // 2**20} MB, the limit)")
    return data


def output_path(name: str | os.PathLike[str]) -> Path:
    """A file the command line is asked to write: InputError when it is a folder or its folder is missing."""
    target = Path(name)
    if str(name) == STDIN:
        return target
    if target.is_dir():
        raise InputError(f"{target}: is a folder; give a file name to write")
    if not target.parent.exists():
        raise InputError(f"{target.parent}: no such folder")
    return target


def _open(path: str | os.PathLike[str] | None) -> tuple[BinaryIO, str]:
    if path is None or str(path) == STDIN:
        return sys.stdin.buffer, "<stdin>"
    name = str(path)
    target = Path(path)
    regular_file(target, name)
    try:
        return open(target, "rb"), name
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None


def _refuse_binary(handle: BinaryIO, name: str) -> None:
    """Refuse binary data up front, before a line of it is printed as if it were text."""
    peek = getattr(handle, "peek", None)
    head = peek(8192)[:8192] if peek else b""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(f"{name}: is UTF-16 text (it starts with a UTF-16 byte-order mark); convert it to UTF-8")
    if b"\x00" in head:
        raise InputError(f"{name}: looks like a binary file (it holds NUL bytes), not text")


def read_lines(path: str | os.PathLike[str] | None) -> Iterator[str]:
    """Each line of a UTF-8 file (or stdin) without its line ending, one at a time.

    Streams: only one line is held at a time. A byte-order mark at the start is dropped.
    Raises InputError naming the file and line for bytes that are not UTF-8 or a NUL byte
    (a binary file); the lines before it have already been yielded.
    """
    handle, name = _open(path)
    try:
        _refuse_binary(handle, name)
        # readline bounded: a line without end (a huge file of one line) is never held whole.
        for number, raw in enumerate(iter(lambda: handle.readline(MAX_TEXT_BYTES + 1), b""), start=1):
            if len(raw) > MAX_TEXT_BYTES:
                raise InputError(f"{name}:{number}: the line is too long (over {MAX_TEXT_BYTES // 2**20} MB)")
            if raw.endswith(b"\n"):
                raw = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if b"\x00" in raw:
                raise InputError(f"{name}:{number}: contains NUL bytes; this looks like a binary file, not text")
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                bad = raw[error.start : error.start + 1].hex()
                raise InputError(
                    f"{name}:{number}: not valid UTF-8 (byte 0x{bad} at byte {error.start + 1} of the line);"
                    " convert the file to UTF-8 first"
                ) from None
    except OSError as error:
        raise InputError(f"{name}: read failed ({error.strerror or error})") from None
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
