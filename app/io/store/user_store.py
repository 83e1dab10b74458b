"""The user store: one SQLite file with the user's articles, notes, corrections, statuses and glossary edits."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from app.core.glossary import Concept
from app.core.notes import Note
from app.core.text import Corrections, content_fingerprint, without_controls
from app.io.store.concept_rows import concept_from_json, write_user_rows
from app.io.store.migrations import CACHE_DROPPED, SCHEMA_VERSION, apply_migration

STORE_NAME = "duben.sqlite3"

# How long a write waits for another process holding the store.
BUSY_SECONDS = 10


# SQLite's own answers for a file that is not a store or is damaged; every other failure
# (a full disk, a read-only folder, a path it cannot open) leaves the data as it was.
DAMAGED_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
# Errors that a full disk may give besides SQLITE_FULL, told as a full disk when it is one.
DISK_CODES = frozenset({sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY})
FULL_BELOW_BYTES = 256 * 1024
# SQLite opens no path longer than this (SQLITE_MAX_PATHNAME in the builds we know).
MAX_PATH_CHARS = 512


class WordStatusRow(NamedTuple):
    """A word's stored status as it is, all of it (what undoing a mark puts back)."""

    status: str
    updated_at: float
    sentence: str
    article_id: str


class StoreError(Exception):
    """The store cannot be used; the message names the file and says what to do."""


def _disk_is_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def _disk_fault(path: Path, error: sqlite3.Error, doing: str) -> StoreError:
    """A failure of the disk or the folder, told apart from a damaged store: the data is intact."""
    extended = getattr(error, "sqlite_errorcode", None)
    # The extended codes (SQLITE_IOERR_SHMSIZE, SQLITE_READONLY_DIRECTORY, ...) by their family.
    code = extended & 0xFF if isinstance(extended, int) else None
    if code == sqlite3.SQLITE_CANTOPEN and len(str(path)) >= MAX_PATH_CHARS:
        why = f"its path is {len(str(path))} characters long, over SQLite's {MAX_PATH_CHARS}; choose a shorter data folder"
    elif code == sqlite3.SQLITE_FULL or (code in DISK_CODES and _disk_is_full(path.parent)):
        # A full disk often shows as an I/O error: the shared-memory file beside the store
        # cannot grow, so even reading it fails.
        why = "the disk is full; free some space"
    elif code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN):
        why = f"{error}: the folder is read-only or not accessible"
    else:
        why = str(error)
    return StoreError(f"{path}: {doing} ({why}); the data already in it is intact")


def _is_damage(error: sqlite3.Error) -> bool:
    # Our integrity check raises a DatabaseError with no SQLite code.
    code = getattr(error, "sqlite_errorcode", None)
    family = code & 0xFF if isinstance(code, int) else None
    return family in DAMAGED_CODES or type(error) is sqlite3.DatabaseError


@dataclass(frozen=True)
class StoredArticle:
    id: str
    title: str
    source: str
    format: str
    text: str
    meta: dict[str, Any]
    created_at: float
    deleted_at: float | None = None  # when it went to the trash; None while it is in the library


_ARTICLE_COLUMNS = "id, title, source, format, text, meta, created_at, deleted_at"
# The same, with an empty text in place of the text: listing a library of novels stays cheap.
_LISTED_COLUMNS = _ARTICLE_COLUMNS.replace(" text,", " '',")


def _stored(row: Sequence[Any]) -> StoredArticle:
    return StoredArticle(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7])


class Store:
    """The SQLite user store. Every change runs in one transaction; WAL lets readers go on."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / STORE_NAME
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            existed = self.path.exists() and self.path.stat().st_size > 0
        except OSError as error:
            raise StoreError(
                f"{self.path.parent}: the data folder cannot be used ({error.strerror or error})"
            ) from None
        try:
            self._db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, check_same_thread=False, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
            if existed:
                self._check_integrity()
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as error:
            if not _is_damage(error):
                raise _disk_fault(self.path, error, "cannot be opened") from None
            raise StoreError(
                f"{self.path}: is not a usable Duben store ({error}); it was left as it is: "
                "move it away to start afresh, or restore a backup"
            ) from None
        if version > SCHEMA_VERSION:
            self._db.close()
            raise StoreError(
                f"{self.path}: was written by a newer version of Duben (schema {version}, this one knows "
                f"up to {SCHEMA_VERSION}); it was left as it is: update Duben to open it"
            )
        self._enable_wal()
        self._db.execute("PRAGMA foreign_keys = ON")
        self._migrate(version)
        if existed and version < CACHE_DROPPED:
            self._reclaim_space()
        self._seen_version = self._data_version()

    def _enable_wal(self) -> None:
        # Switching a new file to WAL needs it to itself, and SQLite answers "database is locked"
        # at once, without its busy handler, while another process is creating the same store:
        # so wait here as the busy timeout would.
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise _disk_fault(self.path, error, "cannot be opened") from None
                time.sleep(0.05)

    def _check_integrity(self) -> None:
        rows = self._db.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            detail = "; ".join(r[0] for r in rows[:3])
            raise sqlite3.DatabaseError(f"integrity check failed: {detail}")

    def _migrate(self, version: int) -> None:
        for number in range(version, SCHEMA_VERSION):
            with self.transaction() as db:
                # Re-read inside the write lock: another process may have migrated meanwhile.
                if db.execute("PRAGMA user_version").fetchone()[0] > number:
                    continue
                apply_migration(db, number)

    def _reclaim_space(self) -> None:
        # The dropped cache could hold megabytes per glossary edit: give them back to the disk.
        try:
            self._db.execute("VACUUM")
        except sqlite3.OperationalError:
            pass  # another process is using the store: later writes reuse the free pages instead

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: everything inside is written, or nothing is."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    # SQLite has already rolled back after some errors (a full disk): a second
                    # ROLLBACK would fail and hide the first error.
                    self._rollback()
                    raise
                else:
                    self._db.execute("COMMIT")
            except sqlite3.OperationalError as error:
                self._rollback()
                raise _disk_fault(self.path, error, "the change could not be written, nothing of it was kept") from None

    def _rollback(self) -> None:
        if self._db.in_transaction:
            with suppress(sqlite3.Error):  # the error that brought us here is the one to tell
                self._db.execute("ROLLBACK")

    # -- other processes ---------------------------------------------------------------------
    def _data_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def changed_elsewhere(self) -> bool:
        """True once after another process (the command line, a second window) committed a change.

        SQLite's data_version moves only for other connections' commits, so this costs one
        pragma and never fires for this store's own writes.
        """
        version = self._data_version()
        changed, self._seen_version = version != self._seen_version, version
        return changed

    def glossary_signature(self) -> tuple[int, float | None, float]:
        """Changes whenever the user layer of the glossary does (a row written, hidden or forgotten)."""
        with self._lock:
            count, last, size = self._db.execute(
                "SELECT count(*), max(updated_at), total(length(data)) FROM glossary_user"
            ).fetchone()
        return count, last, size

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def read(self, sql: str, args: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of one query (for the store's other modules, as app.io.store.translations)."""
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- articles ------------------------------------------------------------------------------
    def add_article(self, title: str, text: str, source: str, fmt: str, meta: dict[str, Any] | None = None) -> str:
        """Store a new article in one transaction; returns its id."""
        title = without_controls(title)  # the first line of a file, or its <title>: anything
        digest = hashlib.sha256(f"{time.time_ns()}\0{title}\0{text[:4096]}".encode()).hexdigest()
        article_id = f"a{digest[:9]}"
        meta_json = json.dumps(meta or {}, ensure_ascii=False)
        with self.transaction() as db:
            db.execute(
                "INSERT INTO articles (id, title, source, text, meta, created_at, format, fingerprint)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, title, source, text, meta_json, time.time(), fmt, content_fingerprint(text)),
            )
        return article_id

    def articles(self, fingerprint: str | None = None, trashed: bool = False) -> list[StoredArticle]:
        """Imported articles in the library (or, `trashed`, those in the trash), only those whose
        text has this content fingerprint if given, oldest first, without their text (cheap to list)."""
        where = "WHERE deleted_at IS NOT NULL" if trashed else "WHERE deleted_at IS NULL"
        args: tuple[str, ...] = ()
        if fingerprint is not None:
            where, args = f"{where} AND fingerprint = ?", (fingerprint,)
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_LISTED_COLUMNS} FROM articles {where} ORDER BY created_at, id",
                args,
            ).fetchall()
        return [_stored(row) for row in rows]

    def article(self, article_id: str, trashed: bool = False) -> StoredArticle | None:
        """An imported article in the library (or, `trashed`, in the trash), or None."""
        deleted = "IS NOT NULL" if trashed else "IS NULL"
        with self._lock:
            row = self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ? AND deleted_at {deleted}", (article_id,)
            ).fetchone()
        return _stored(row) if row else None

    def rename_article(self, article_id: str, title: str) -> bool:
        """Give an article in the library a new title; False when there is none with this id."""
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE articles SET title = ? WHERE id = ? AND deleted_at IS NULL",
                (without_controls(title), article_id),
            )
        return cursor.rowcount > 0

    def trash_article(self, article_id: str) -> bool:
        """Move an article to the trash, its notes and corrections kept with it; False when the
        library has no article with this id."""
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE articles SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", (time.time(), article_id)
            )
        return cursor.rowcount > 0

    def restore_article(self, article_id: str) -> bool:
        """Bring an article back from the trash, as it was; False when the trash has none with this id."""
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE articles SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", (article_id,)
            )
        return cursor.rowcount > 0

    def delete_article(self, article_id: str) -> None:
        """Remove an article (in the library or the trash) for good, with its notes, corrections and
        reading progress."""
        with self.transaction() as db:
            for table in (
                "articles",
                "user_notes",
                "corrections",
                "user_translations",
                "translation_targets",
                "reading_progress",
            ):
                column = "id" if table == "articles" else "article_id"
                db.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))

    # -- the user's notes ----------------------------------------------------------------------
    def set_user_note(self, article_id: str, paragraph: int, paragraph_fingerprint: str, text: str) -> None:
        """Save (or, with empty text, remove) the user's note on a paragraph."""
        self.set_user_notes(article_id, [Note(paragraph, paragraph_fingerprint, text, source="user")])

    def user_notes(self, article_id: str) -> list[Note]:
        with self._lock:
            rows = self._db.execute(
                "SELECT paragraph, fingerprint, text FROM user_notes WHERE article_id = ? ORDER BY paragraph",
                (article_id,),
            ).fetchall()
        return [Note(p, f, t, source="user") for p, f, t in rows]

    def set_user_notes(self, article_id: str, notes: list[Note]) -> None:
        """Save several of the user's notes in one transaction (an import lands whole or not at
        all), in their order; as in set_user_note, a note with empty text removes the one on its
        paragraph."""
        with self.transaction() as db:
            put_paragraph_texts(db, "user_notes", article_id, [(n.paragraph, n.fingerprint, n.text) for n in notes])

    # -- corrections ---------------------------------------------------------------------------
    def corrections(self, article_id: str) -> Corrections:
        with self._lock:
            rows = self._db.execute(
                "SELECT kind, offset, value FROM corrections WHERE article_id = ?", (article_id,)
            ).fetchall()
        return Corrections(
            frozenset(o for k, o, _ in rows if k == "split"),
            frozenset(o for k, o, _ in rows if k == "merge"),
            {o: v for k, o, v in rows if k == "reading"},
        )

    def set_corrections(self, article_id: str, corrections: Corrections) -> None:
        """Replace an article's corrections (an empty Corrections resets them)."""
        rows = [("split", o, "") for o in corrections.splits] + [("merge", o, "") for o in corrections.merges]
        rows += [("reading", o, v) for o, v in corrections.readings.items()]
        with self.transaction() as db:
            db.execute("DELETE FROM corrections WHERE article_id = ?", (article_id,))
            db.executemany(
                "INSERT INTO corrections (article_id, kind, offset, value) VALUES (?, ?, ?, ?)",
                [(article_id, *row) for row in rows],
            )

    # -- word statuses -------------------------------------------------------------------------
    def set_word_status(self, word: str, status: str | None, sentence: str = "", article_id: str = "") -> None:
        """Mark a word new, learning or known (None forgets it); keeps the first sentence it was met in."""
        self.set_word_statuses([(word, status, sentence, article_id)])

    def set_word_statuses(self, marks: Sequence[tuple[str, str | None, str, str]]) -> None:
        """(word, status, sentence, article id) for several words in one transaction (as set_word_status)."""
        now = time.time()
        with self.transaction() as db:
            for word, status, sentence, article_id in marks:
                if status is None:
                    db.execute("DELETE FROM word_status WHERE word = ?", (word,))
                    continue
                db.execute(
                    "INSERT INTO word_status (word, status, updated_at, sentence, article_id) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(word) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, "
                    "sentence = CASE WHEN word_status.sentence = '' THEN excluded.sentence ELSE word_status.sentence END, "
                    "article_id = CASE WHEN word_status.article_id = '' THEN excluded.article_id "
                    "ELSE word_status.article_id END",
                    (word, status, now, sentence, article_id),
                )

    def word_status_rows(self, words: Iterable[str]) -> dict[str, WordStatusRow | None]:
        """Each word's stored row as it is (None: no status), so a change can be put back exactly."""
        wanted = list(dict.fromkeys(words))
        rows: dict[str, WordStatusRow | None] = dict.fromkeys(wanted)
        with self._lock:
            for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for word, *row in self._db.execute(
                    f"SELECT word, status, updated_at, sentence, article_id FROM word_status WHERE word IN ({marks})",
                    chunk,
                ):
                    rows[word] = WordStatusRow(*row)
        return rows

    def put_word_status_rows(self, rows: Mapping[str, WordStatusRow | None]) -> None:
        """Put rows read by word_status_rows back as they were, in one transaction (undo of a mark)."""
        with self.transaction() as db:
            for word, row in rows.items():
                if row is None:
                    db.execute("DELETE FROM word_status WHERE word = ?", (word,))
                else:
                    db.execute(
                        "INSERT OR REPLACE INTO word_status (word, status, updated_at, sentence, article_id) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (word, *row),
                    )

    def words_with_status(self, status: str) -> list[tuple[str, str, str]]:
        """(word, sentence, article id) of every word with this status, oldest mark first."""
        with self._lock:
            return self._db.execute(
                "SELECT word, sentence, article_id FROM word_status WHERE status = ? ORDER BY updated_at, word",
                (status,),
            ).fetchall()

    def word_statuses(self) -> dict[str, str]:
        with self._lock:
            return dict(self._db.execute("SELECT word, status FROM word_status").fetchall())

    # -- glossary edits ----------------------------------------------------------------------
    def put_concept(self, concept: Concept) -> None:
        self.apply_user_rows(put=[concept])

    def put_concepts(self, concepts: list[Concept]) -> None:
        """Several concepts in one transaction (an import lands whole or not at all)."""
        self.apply_user_rows(put=concepts)

    def import_concepts(self, concepts: list[Concept], existing: set[str]) -> list[Concept]:
        """Write an import in one transaction; returns the concepts as stored.

        A concept whose id is not in `existing` (the ids the importer saw) is a new one. If
        another process stored a row under that id meanwhile (two imports at once both name a
        concept `term-1`), the new concept takes the next free id instead of overwriting it.
        """
        now = time.time()
        with self.transaction() as db:
            taken = {row[0] for row in db.execute("SELECT id FROM glossary_user")}
            stored = []
            for concept in concepts:
                if concept.id not in existing and concept.id in taken:
                    number = 2
                    while f"{concept.id}-{number}" in taken or f"{concept.id}-{number}" in existing:
                        number += 1
                    concept = replace(concept, id=f"{concept.id}-{number}")
                taken.add(concept.id)
                stored.append(concept)
            write_user_rows(db, stored, (), now)
        return stored

    def apply_user_rows(
        self, put: Sequence[Concept] = (), hidden: Sequence[str] = (), reset: Sequence[str] = ()
    ) -> None:
        """Write, hide and forget user rows in one transaction (undoing an import puts back every row at once)."""
        with self.transaction() as db:
            write_user_rows(db, put, hidden, time.time())
            db.executemany("DELETE FROM glossary_user WHERE id = ?", [(concept_id,) for concept_id in reset])

    def delete_concept(self, concept_id: str) -> None:
        """Hide a concept, bundled or not: the user layer records the deletion."""
        self.apply_user_rows(hidden=[concept_id])

    def reset_concept(self, concept_id: str) -> None:
        """Forget the user's version of a concept (the bundled one shows again)."""
        with self.transaction() as db:
            db.execute("DELETE FROM glossary_user WHERE id = ?", (concept_id,))

    def user_concepts(self) -> dict[str, Concept | None]:
        with self._lock:
            rows = self._db.execute("SELECT id, data FROM glossary_user ORDER BY id").fetchall()
        return {cid: (concept_from_json(json.loads(data)) if data else None) for cid, data in rows}


def put_paragraph_texts(
    db: sqlite3.Connection, table: str, article_id: str, rows: Iterable[tuple[int, str, str]]
) -> None:
    """Inside a transaction: write (paragraph, fingerprint, text) rows into a table of texts kept
    per paragraph (user_notes, user_translations); an empty text removes the paragraph's row."""
    now = time.time()
    for paragraph, mark, text in rows:
        if text.strip():
            db.execute(
                f"INSERT INTO {table} (article_id, paragraph, fingerprint, text, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(article_id, paragraph) DO UPDATE SET "
                "fingerprint = excluded.fingerprint, text = excluded.text, updated_at = excluded.updated_at",
                (article_id, paragraph, mark, text, now),
            )
        else:
            db.execute(f"DELETE FROM {table} WHERE article_id = ? AND paragraph = ?", (article_id, paragraph))
