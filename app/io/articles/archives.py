"""Limits on what a .docx or .epub package holds, checked from its ZIP directory before anything is unpacked."""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote

# The compressed file is limited by importers.MAX_IMPORT_BYTES; these bound what it unpacks to.
MAX_ARCHIVE_ENTRIES = 10_000  # files in the package (a long novel split by chapter has a few hundred)
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all its files together, unpacked
# Text and markup compress 3 to 10 times; a ZIP bomb a thousand. Small packages are not held
# to it, so a short chapter of one repeated line is still read.
MAX_COMPRESSION_RATIO = 100
RATIO_FLOOR_BYTES = 16 * 1024 * 1024
MAX_TEXT_BYTES = 64 * 1024 * 1024  # the article's text, as UTF-8: the same bound as a text file's
MAX_PARAGRAPHS = 500_000  # paragraphs (or .docx paragraph elements, empty ones included)

_OPF = "{http://www.idpf.org/2007/opf}"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"


class PackageError(Exception):
    """The package unpacks to more than the limits; the message says by how much (without the file's name)."""


def size_text(count: int) -> str:
    """A byte count for a message: `64 MB`, `1.5 KB`, `10 bytes`."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{count} bytes"


def check_package(data: bytes, kind: str) -> None:
    """PackageError when the ZIP package `data` holds too many files, unpacks too large or is a ZIP bomb.

    Only the ZIP directory (and an .epub's manifest) is read: the sizes there are what
    zipfile will unpack at most, so nothing larger can come out of it later. A damaged
    package is left for the format's reader to report.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ARCHIVE_ENTRIES:
            raise PackageError(f"holds {len(entries):,} files; the limit for a .{kind} is {MAX_ARCHIVE_ENTRIES:,}")
        unpacked = sum(entry.file_size for entry in entries)
        _check_unpacked(unpacked, "unpacks to")
        packed = sum(entry.compress_size for entry in entries)
        if unpacked > RATIO_FLOOR_BYTES and unpacked > MAX_COMPRESSION_RATIO * max(packed, 1):
            raise PackageError(
                f"unpacks to {size_text(unpacked)} from {size_text(packed)}, over {MAX_COMPRESSION_RATIO} times "
                "its size (a ZIP bomb?); it is not read"
            )
        if kind == "epub":
            _check_manifest(archive, {entry.filename: entry.file_size for entry in entries})


def _check_unpacked(unpacked: int, what: str) -> None:
    if unpacked > MAX_UNPACKED_BYTES:
        raise PackageError(f"{what} {size_text(unpacked)}; the limit is {size_text(MAX_UNPACKED_BYTES)} unpacked")


def _check_manifest(archive: zipfile.ZipFile, sizes: dict[str, int]) -> None:
    """An e-book reader loads every manifest item, once per listing: the same file listed
    2,000 times is 2,000 copies, so the manifest's total (repeats counted) is held to the limit."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        container = etree.fromstring(archive.read("META-INF/container.xml"), parser)
        rootfile = container.find(f".//{_CONTAINER}rootfile")
        opf_path = rootfile.get("full-path", "") if rootfile is not None else ""
        if sizes.get(opf_path, 0) > MAX_TEXT_BYTES:
            raise PackageError(f"has a manifest of {size_text(sizes[opf_path])}; it is not read")
        package = etree.fromstring(archive.read(opf_path), parser)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError):
        return  # no readable manifest: the e-book reader reports it
    items = package.findall(f"{_OPF}manifest/{_OPF}item")
    if len(items) > MAX_ARCHIVE_ENTRIES:
        raise PackageError(f"lists {len(items):,} items in its manifest; the limit is {MAX_ARCHIVE_ENTRIES:,}")
    folder = posixpath.dirname(opf_path)
    listed = sum(sizes.get(posixpath.normpath(posixpath.join(folder, unquote(i.get("href", "")))), 0) for i in items)
    _check_unpacked(listed, "lists files that together unpack to")
