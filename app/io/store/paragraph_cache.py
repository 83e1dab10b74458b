"""The cache of annotated paragraphs: derived data in its own SQLite file in the cache folder, bounded in size.

Only a cache: a damaged, foreign, old-format or stuck file is replaced, a write that cannot be
made is dropped, and a folder that cannot hold the file leaves the cache in memory; none of it
is ever an error for the user. Several processes share the file: WAL, a busy timeout, and every
write in one transaction. Least recently used paragraphs go first when it outgrows its cap.
"""

from __future__ import annotations

import marshal
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from app.core.text import Paragraph, tokens_from_bounds
from app.io.cache_entries import discard

CACHE_NAME = "paragraphs.sqlite3"
# PRAGMA user_version of the file; bump it when the schema or the packing changes, and files
# written before are replaced rather than read.
FORMAT = 1
# Measured on the two novels in ../shared/data/longtext: 西遊記 (711,503 characters) takes
# 2.3 MB annotated and packed, 三國志演義 (590,817) 1.9 MB. 64 MB hold some thirty such novels
# and thousands of articles, a small share of the 75 MB of models beside it.
MAX_BYTES = 64 * 2**20
# A trim leaves the cache at this share of its cap, so the writes after it do not trim again.
TRIM_TO = 0.9
BUSY_SECONDS = 5.0
_SQL_VARIABLES = 500  # keys per statement, well under SQLite's limit on bound parameters

# The data sits in a table of its own: marking a paragraph used rewrites its small entry, not
# the megabyte of a novel's chapter, and summing sizes never pages through the data.
_SCHEMA = (
    "CREATE TABLE entries (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, used REAL NOT NULL)",
    "CREATE INDEX entries_by_use ON entries (used)",
    "CREATE TABLE data (id INTEGER PRIMARY KEY, packed BLOB NOT NULL)",
)
_TABLES = {"entries", "data"}

T = TypeVar("T")


@dataclass(frozen=True)
class Slot:
    """A paragraph asked of the cache: its key, and where it sits in its article."""

    key: str  # everything that decides its words and readings, hashed
    index: int
    start: int
    text: str


@dataclass(frozen=True)
class Usage:
    rows: int
    bytes: int  # of keys and packed data, what the cap bounds


class _Unusable(Exception):
    """A file that is a database but not this cache (another format, or someone else's tables)."""


class ParagraphCache:
    """Annotated paragraphs by key, in `folder`/paragraphs.sqlite3, at most `max_bytes` of them
    (with the short texts their keys are made of)."""

    def __init__(self, folder: Path, max_bytes: int = MAX_BYTES, busy_seconds: float = BUSY_SECONDS) -> None:
        self.path = Path(folder) / CACHE_NAME
        self.max_bytes = max_bytes
        self._busy = busy_seconds
        self._lock = threading.RLock()
        self._db = self._connect()

    # -- reading and writing -------------------------------------------------------------------
    def get(self, slots: Sequence[Slot]) -> dict[int, Paragraph]:
        """The cached paragraphs among `slots`, by paragraph index; the others are not there."""
        rows = self._fetch({slot.key for slot in slots})
        found: dict[int, Paragraph] = {}
        for slot in slots:
            data = rows.get(slot.key)
            paragraph = _unpack(data, slot) if data is not None else None
            if paragraph is not None:
                found[slot.index] = paragraph
        return found

    def put(self, items: Iterable[tuple[str, Paragraph]]) -> None:
        """Store paragraphs under their keys in one transaction, then trim to the cap."""
        self._store((key, _pack(paragraph)) for key, paragraph in items)

    def get_texts(self, keys: Iterable[str]) -> dict[str, str]:
        """Short texts derived beside the paragraphs (what goes into their keys), by key."""
        found: dict[str, str] = {}
        for key, data in self._fetch(set(keys)).items():
            try:
                found[key] = zlib.decompress(data).decode("utf-8")
            except (zlib.error, UnicodeDecodeError):
                pass  # damaged: a miss
        return found

    def put_texts(self, items: Iterable[tuple[str, str]]) -> None:
        """Store short texts under their keys, trimmed with the paragraphs."""
        self._store((key, zlib.compress(text.encode("utf-8"), 1)) for key, text in items)

    def _fetch(self, wanted: set[str]) -> dict[str, bytes]:
        keys = sorted(wanted)
        rows: dict[str, bytes] = self._guarded(lambda db: _select(db, keys), {})
        if rows:
            self._guarded(lambda db: self._touch(db, list(rows)), None)
        return rows

    def _store(self, items: Iterable[tuple[str, bytes]]) -> None:
        now = time.time()
        rows = [(key, len(key) + len(data), now, data) for key, data in items]
        if rows:
            self._guarded(lambda db: self._write(db, rows), None)

    def usage(self) -> Usage:
        count, size = self._guarded(
            lambda db: db.execute("SELECT count(*), total(size) FROM entries").fetchone(), (0, 0)
        )
        return Usage(int(count), int(size))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _write(self, db: sqlite3.Connection, rows: list[tuple[str, int, float, bytes]]) -> None:
        with _transaction(db):
            for key, size, used, packed in rows:
                found = db.execute("SELECT id FROM entries WHERE key = ?", (key,)).fetchone()
                if found is None:
                    row_id = db.execute(
                        "INSERT INTO entries (key, size, used) VALUES (?, ?, ?)", (key, size, used)
                    ).lastrowid
                else:
                    row_id = found[0]
                    db.execute("UPDATE entries SET size = ?, used = ? WHERE id = ?", (size, used, row_id))
                db.execute("INSERT OR REPLACE INTO data (id, packed) VALUES (?, ?)", (row_id, packed))
            self._trim(db)

    def _touch(self, db: sqlite3.Connection, keys: list[str]) -> None:
        now = time.time()
        with _transaction(db):
            for chunk in _chunks(keys):
                db.execute(f"UPDATE entries SET used = ? WHERE key IN ({_marks(chunk)})", (now, *chunk))

    def _trim(self, db: sqlite3.Connection) -> None:
        total = db.execute("SELECT total(size) FROM entries").fetchone()[0]
        if total <= self.max_bytes:
            return
        excess = total - self.max_bytes * TRIM_TO
        gone: list[tuple[int]] = []
        for row_id, size in db.execute("SELECT id, size FROM entries ORDER BY used, id"):
            if excess <= 0:
                break
            gone.append((row_id,))
            excess -= size
        db.executemany("DELETE FROM entries WHERE id = ?", gone)
        db.executemany("DELETE FROM data WHERE id = ?", gone)
        # The file gives the freed pages back, so it stays near the cap, not at its highest.
        db.execute("PRAGMA incremental_vacuum")

    # -- keeping it usable ---------------------------------------------------------------------
    def _guarded(self, work: Callable[[sqlite3.Connection], T], fallback: T) -> T:
        """work(db), or `fallback` when the file fails it: a busy or full file skips this once,
        a damaged one is replaced by an empty one."""
        with self._lock:
            try:
                return work(self._db)
            except sqlite3.DatabaseError as error:
                message = str(error).lower()
                if not any(word in message for word in ("locked", "busy", "full")):
                    self._db.close()
                    self._remove()
                    self._db = self._connect()
                return fallback

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._open(str(self.path))
        except (sqlite3.Error, OSError, _Unusable):
            pass
        self._remove()
        try:
            return self._open(str(self.path))
        except (sqlite3.Error, OSError, _Unusable):
            # The folder cannot hold the file (read-only, full): cache in memory for this run.
            return self._open(":memory:")

    def _open(self, target: str) -> sqlite3.Connection:
        db = sqlite3.connect(target, timeout=self._busy, check_same_thread=False, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self._busy * 1000)}")
            if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                # Only an empty file takes it; a file with tables of its own is checked below.
                db.execute("PRAGMA auto_vacuum = INCREMENTAL")
            self._switch_to_wal(db)
            db.execute("PRAGMA synchronous = NORMAL")  # a cache: a power cut may cost the last writes
            db.execute("PRAGMA journal_size_limit = 8388608")
            with _transaction(db):
                # Read inside the write lock: another process may be creating the file right now.
                version = db.execute("PRAGMA user_version").fetchone()[0]
                tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if version == 0 and not tables:
                    for statement in _SCHEMA:
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {FORMAT}")
                elif version != FORMAT or not tables >= _TABLES:
                    raise _Unusable(f"{target}: format {version} with tables {sorted(tables)}, not format {FORMAT}")
        except BaseException:
            db.close()
            raise
        return db

    def _switch_to_wal(self, db: sqlite3.Connection) -> None:
        # SQLite answers "database is locked" at once, without its busy handler, while another
        # process is creating the same file: wait as the busy timeout would.
        deadline = time.monotonic() + self._busy
        while True:
            try:
                db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _remove(self) -> None:
        # A folder of that name goes too; whether the folder is usable at all, the open after says.
        for suffix in ("", "-wal", "-shm", "-journal"):
            discard(self.path.with_name(self.path.name + suffix))


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when the body raises."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _select(db: sqlite3.Connection, keys: list[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for chunk in _chunks(keys):
        found.update(
            db.execute(f"SELECT key, packed FROM entries JOIN data USING (id) WHERE key IN ({_marks(chunk)})", chunk)
        )
    return found


def _chunks(keys: list[str]) -> Iterable[list[str]]:
    return (keys[i : i + _SQL_VARIABLES] for i in range(0, len(keys), _SQL_VARIABLES))


def _marks(chunk: list[str]) -> str:
    return ",".join("?" * len(chunk))


def _pack(paragraph: Paragraph) -> bytes:
    bounds = [t.start - paragraph.start for t in paragraph.tokens] + [paragraph.end - paragraph.start]
    readings = [r for t in paragraph.tokens for r in t.readings]
    # zlib: a third of the size (readings repeat), and its checksum turns damage into a miss.
    return zlib.compress(marshal.dumps((bounds, readings, paragraph.script)), 1)


def _unpack(data: bytes, slot: Slot) -> Paragraph | None:
    """The paragraph, or None when the data does not fit the slot's text (damaged, or stale)."""
    try:
        bounds, readings, script = marshal.loads(zlib.decompress(data))
    except (zlib.error, ValueError, EOFError, TypeError):
        return None
    length = len(slot.text)
    if not _is_packed(bounds, readings, script):
        return None  # of the right format but another shape: a miss, annotated again
    if not bounds or bounds[0] != 0 or bounds[-1] != length or (readings and len(readings) != length):
        return None
    starts = [slot.start + b for b in bounds]
    tokens = tokens_from_bounds(slot.text, slot.start, starts, readings)
    return Paragraph(slot.index, slot.start, slot.start + length, slot.text, tokens, script)


def _is_packed(bounds: object, readings: object, script: object) -> bool:
    return (
        isinstance(bounds, list)
        and all(type(b) is int for b in bounds)
        and all(a <= b for a, b in zip(bounds, bounds[1:], strict=False))
        and isinstance(readings, list)
        and all(r is None or isinstance(r, str) for r in readings)
        and isinstance(script, str)
    )
