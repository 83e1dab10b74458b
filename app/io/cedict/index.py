"""The SQLite index of CC-CEDICT: its tables, entries to rows and back, building and checking the file."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.reading_styles import numbers_to_marks, pinyin_keys
from app.io.cache_entries import building
from app.io.cedict.parse import NO_MARKS, Entry, SenseMarks, Xref, parse_lines

# Bump when the tables or the way marks are parsed change: the version is part of the file
# name, so an older and a newer app sharing one cache folder never rebuild each other's file.
# 2: the `readings` table (look-up by pinyin).
SCHEMA_VERSION = 2

# A build killed by a crash leaves its temporary file behind; one this old cannot belong to a
# build still running (a build takes seconds).
_STALE_PART_SECONDS = 3600

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,                 -- source order
    traditional TEXT NOT NULL,
    simplified TEXT NOT NULL,
    pinyin TEXT NOT NULL,                   -- tone numbers, as in the source: "Pu3 ding1"
    pinyin_marks TEXT NOT NULL,             -- "Pǔ dīng"
    senses TEXT NOT NULL,                   -- JSON list of strings, mark-only senses removed
    taiwan_pinyin TEXT NOT NULL,            -- entry-wide "Taiwan pr.", alternatives joined by ", "
    taiwan_pinyin_marks TEXT NOT NULL,
    regions TEXT NOT NULL,                  -- codes marking every sense, comma-separated: "TW"
    sense_marks TEXT,                       -- JSON, one item per sense; NULL when no sense has a mark
    equivalents TEXT                        -- JSON cross-references from mark-only senses, or NULL
);
-- Look-up by pinyin: each entry's reading (and its Taiwan readings) under two keys from
-- core.reading_styles.pinyin_keys, tone-numbered "yin2hang2" and toneless "yinhang". A
-- numbered key always holds a digit unless every syllable is neutral, and then it equals the
-- toneless key, so one column serves both kinds of query.
CREATE TABLE readings (
    key TEXT NOT NULL,
    entry INTEGER NOT NULL,
    PRIMARY KEY (key, entry)
) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX entries_traditional ON entries (traditional);
CREATE INDEX entries_simplified ON entries (simplified);
"""
COLUMNS = (
    "id, traditional, simplified, pinyin, pinyin_marks, senses, taiwan_pinyin, "
    "taiwan_pinyin_marks, regions, sense_marks, equivalents"
)
# One row of `entries`, in the order of COLUMNS.
Row = tuple[int, str, str, str, str, str, str, str, str, str | None, str | None]


def _xref_json(x: Xref) -> list[str]:
    return [x.region, x.traditional, x.simplified, x.pinyin]


def _xref_from(item: Sequence[str]) -> Xref:
    region, traditional, simplified, pinyin = item
    return Xref(region, traditional, simplified, pinyin, numbers_to_marks(pinyin))


def _rows(lines: Iterable[str]) -> Iterator[Row]:
    for number, (traditional, simplified, pinyin, p) in enumerate(parse_lines(lines), start=1):
        sense_marks = None
        if any(m is not NO_MARKS for m in p.sense_marks):
            sense_marks = json.dumps(
                [[list(m.regions), m.taiwan_pinyin, [_xref_json(x) for x in m.equivalents]] for m in p.sense_marks],
                ensure_ascii=False,
            )
        equivalents = None
        if p.equivalents:
            equivalents = json.dumps([_xref_json(x) for x in p.equivalents], ensure_ascii=False)
        yield (
            number,
            traditional,
            simplified,
            pinyin,
            numbers_to_marks(pinyin),
            json.dumps(p.senses, ensure_ascii=False),
            p.taiwan_pinyin,
            p.taiwan_pinyin_marks,
            ",".join(p.regions),
            sense_marks,
            equivalents,
        )


def reading_keys(pinyin: str, taiwan_pinyin: str) -> set[str]:
    """The `readings` keys of one entry: both keys of its reading and of each Taiwan reading."""
    keys: set[str] = set()
    for reading in (pinyin, *taiwan_pinyin.split(",")):
        if reading.strip():
            keys.update(k for k in pinyin_keys(reading) if k)
    return keys


def _reading_rows(conn: sqlite3.Connection) -> Iterator[tuple[str, int]]:
    for number, pinyin, taiwan in conn.execute("SELECT id, pinyin, taiwan_pinyin FROM entries").fetchall():
        for key in reading_keys(pinyin, taiwan):
            yield key, number


def entry_from_row(row: Row) -> Entry:
    _, trad, simp, pinyin, marks, senses, tw, tw_marks, regions, sense_marks, equivalents = row
    senses_t = tuple(json.loads(senses))
    entry_xrefs = tuple(_xref_from(x) for x in json.loads(equivalents)) if equivalents else ()
    if sense_marks:
        per_sense = tuple(
            SenseMarks(tuple(r), t, numbers_to_marks(t) if t else "", tuple(_xref_from(x) for x in xs))
            if (r or t or xs)
            else NO_MARKS
            for r, t, xs in json.loads(sense_marks)
        )
        inner = tuple(x for m in per_sense for x in m.equivalents if x not in entry_xrefs)
    else:
        per_sense = (NO_MARKS,) * len(senses_t)
        inner = ()
    return Entry(
        trad,
        simp,
        pinyin,
        marks,
        senses_t,
        tw,
        tw_marks,
        tuple(regions.split(",")) if regions else (),
        per_sense,
        entry_xrefs + inner,
    )


# --- the index file -------------------------------------------------------------------------


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int


def source_fingerprint(path: Path) -> Fingerprint:
    st = path.stat()
    return Fingerprint(st.st_size, st.st_mtime_ns)


def read_source(path: Path) -> tuple[bytes, Fingerprint]:
    with open(path, "rb") as handle:
        st = os.fstat(handle.fileno())
        data = handle.read()
    return data, Fingerprint(st.st_size, st.st_mtime_ns)


def _source_lines(data: bytes) -> Iterator[str]:
    raw = io.BytesIO(data)
    # Streamed, so a truncated or damaged gzip fails in the middle of the build, which must
    # then leave nothing behind.
    stream = gzip.GzipFile(fileobj=raw) if data[:2] == b"\x1f\x8b" else raw
    yield from io.TextIOWrapper(stream, encoding="utf-8")


def read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def check_index(conn: sqlite3.Connection, source: Fingerprint | None) -> dict[str, str] | None:
    """The meta table of a sound, current index, or None. Cheap: touches the meta table, the
    last entry and one index, which a truncated or overwritten file fails."""
    try:
        meta = read_meta(conn)
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            return None
        count = int(meta["entries"])
        last = conn.execute("SELECT max(id) FROM entries").fetchone()[0]
        if (last or 0) != count:
            return None
        if count:
            (hits,) = conn.execute(
                "SELECT count(*) FROM entries WHERE simplified = (SELECT simplified FROM entries WHERE id = ?)",
                (count,),
            ).fetchone()
            if not hits:
                return None
        built_from = Fingerprint(int(meta["source_size"]), int(meta["source_mtime_ns"]))
    except (sqlite3.DatabaseError, KeyError, ValueError):
        return None
    if source is not None and built_from != source:
        meta["stale"] = "1"
    return meta


def open_readonly(path: Path) -> sqlite3.Connection:
    # check_same_thread=False only so close() may close connections other threads opened;
    # each connection is still used by the one thread that opened it.
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    return conn


def clean_stale_parts(folder: Path, name: str) -> None:
    """Remove the temporary files of builds of `name` that ended an hour ago or more, unfinished
    (a crash, a kill)."""
    now = time.time()
    for part in folder.glob(f".{name}.*.part*"):
        try:
            if now - part.stat().st_mtime > _STALE_PART_SECONDS:
                part.unlink()
        except OSError:
            pass


_build_locks: dict[Path, threading.Lock] = {}
_build_locks_guard = threading.Lock()


def build_lock(path: Path) -> threading.Lock:
    with _build_locks_guard:
        return _build_locks.setdefault(path, threading.Lock())


def build_index(source: Path, target: Path) -> dict[str, str]:
    """Build the index of `source` into `target`: a temporary file renamed into place, so a
    failure or a crash leaves the old file (or none), never a half-written one. Two processes
    building at once each write their own temporary file; the last rename wins, and both are
    complete."""
    data, fingerprint = read_source(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_parts(target.parent, target.name)
    fd, part_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    part = Path(part_name)
    with building(part):  # removed if the process leaves before it is renamed into place
        try:
            conn = sqlite3.connect(part, isolation_level=None)
            try:
                # A temporary file that is either renamed whole or deleted needs no journal.
                conn.execute("PRAGMA journal_mode = OFF")
                conn.execute("PRAGMA synchronous = OFF")
                conn.executescript(_SCHEMA)
                conn.execute("BEGIN")
                conn.executemany(
                    f"INSERT INTO entries ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", _rows(_source_lines(data))
                )
                conn.executemany("INSERT INTO readings VALUES (?, ?)", _reading_rows(conn))
                for statement in _INDEXES.strip().split(";\n"):
                    conn.execute(statement)  # not executescript, which would commit first
                (count,) = conn.execute("SELECT count(*) FROM entries").fetchone()
                meta = {
                    "schema_version": str(SCHEMA_VERSION),
                    "source_name": source.name,
                    "source_size": str(fingerprint.size),
                    "source_mtime_ns": str(fingerprint.mtime_ns),
                    "source_sha256": hashlib.sha256(data).hexdigest(),
                    "entries": str(count),
                    "built_at": str(int(time.time())),
                }
                conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
                conn.execute("COMMIT")
                conn.execute("ANALYZE")
            finally:
                conn.close()
            with open(part, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(part, target)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    return meta
