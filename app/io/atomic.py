"""Writing a file so that it is either the old one or the whole new one, never half-written."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary file to write; on success it replaces `path` in one step, on error it vanishes.

    The temporary file sits in the target's folder so the final rename never crosses file
    systems, and it is flushed to disk before the rename so a crash cannot leave a short file.
    """
    target = Path(path)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed, renamed or removed below)
        "wb", dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


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
    file beside the target, which is then copied into place in one step."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".apkg")
    os.close(handle)
    try:
        package.write_to_file(temporary)
        with open(temporary, "rb") as built, atomic_output(target) as out:
            shutil.copyfileobj(built, out)
    finally:
        Path(temporary).unlink(missing_ok=True)
