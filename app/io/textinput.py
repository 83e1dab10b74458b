"""Reading UTF-8 text line by line from a file or standard input, with clear errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class InputError(Exception):
    """Input the user gave us that we cannot read; the message names it and says why."""


def output_path(name: str | os.PathLike[str]) -> Path:
    """A file the command line is asked to write: InputError when it is a folder or its folder is missing."""
    target = Path(name)
    if target.is_dir():
        raise InputError(f"{target}: is a directory; give a file name to write")
    if not target.parent.exists():
        raise InputError(f"{target.parent}: no such folder")
    return target


def _open(path: str | os.PathLike[str] | None) -> tuple[BinaryIO, str]:
    if path is None or str(path) == "-":
        return sys.stdin.buffer, "<stdin>"
    name = str(path)
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{name}: is a directory, not a text file")
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
        for number, raw in enumerate(handle, start=1):
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
