"""The user store: one SQLite file with the user's articles, notes, corrections, statuses and glossary edits."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Iterator

from app.core.glossary import ChineseTerm, Concept

STORE_NAME = "duben.sqlite3"

# Each entry brings the schema from version i to i + 1; never edit one that has shipped,
# append a new one. PRAGMA user_version records how many have been applied.
MIGRATIONS: tuple[str, ...] = (
    # 1: the glossary layer and the reading data the first issues need.
    """
    CREATE TABLE glossary_user (
        id TEXT PRIMARY KEY,
        data TEXT,                       -- the concept as JSON; NULL when the user deleted it
        updated_at REAL NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        source TEXT NOT NULL,            -- where it came from: a file name, or 'pasted'
        text TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        created_at REAL NOT NULL
    );
    CREATE TABLE user_notes (
        article_id TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (article_id, paragraph)
    );
    CREATE TABLE corrections (
        article_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('split', 'merge', 'reading')),
        offset INTEGER NOT NULL,
        value TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (article_id, kind, offset)
    );
    CREATE TABLE word_status (
        word TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('new', 'learning', 'known')),
        updated_at REAL NOT NULL
    );
    CREATE TABLE document_cache (
        key TEXT PRIMARY KEY,            -- hash of the text, the corrections and the pipeline version
        data BLOB NOT NULL,
        created_at REAL NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot be used; the message names the file and says what to do."""


class Store:
    """The SQLite user store. Every change runs in one transaction; WAL lets readers go on."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / STORE_NAME
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        existed = self.path.exists() and self.path.stat().st_size > 0
        try:
            self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout = 10000")
            if existed:
                self._check_integrity()
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as error:
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
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._migrate(version)

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
                for statement in _statements(MIGRATIONS[number]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: everything inside is written, or nothing is."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # -- glossary edits ----------------------------------------------------------------------
    def put_concept(self, concept: Concept) -> None:
        data = json.dumps(concept_to_json(concept), ensure_ascii=False)
        with self.transaction() as db:
            db.execute(
                "INSERT INTO glossary_user (id, data, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                (concept.id, data, time.time()),
            )

    def put_concepts(self, concepts: list[Concept]) -> None:
        """Several concepts in one transaction (an import lands whole or not at all)."""
        now = time.time()
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO glossary_user (id, data, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                [(c.id, json.dumps(concept_to_json(c), ensure_ascii=False), now) for c in concepts],
            )

    def delete_concept(self, concept_id: str) -> None:
        """Hide a concept, bundled or not: the user layer records the deletion."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO glossary_user (id, data, updated_at) VALUES (?, NULL, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = NULL, updated_at = excluded.updated_at",
                (concept_id, time.time()),
            )

    def reset_concept(self, concept_id: str) -> None:
        """Forget the user's version of a concept (the bundled one shows again)."""
        with self.transaction() as db:
            db.execute("DELETE FROM glossary_user WHERE id = ?", (concept_id,))

    def user_concepts(self) -> dict[str, Concept | None]:
        with self._lock:
            rows = self._db.execute("SELECT id, data FROM glossary_user ORDER BY id").fetchall()
        return {cid: (concept_from_json(json.loads(data)) if data else None) for cid, data in rows}


def _statements(script: str) -> list[str]:
    """The statements of a migration (comments dropped first: they may hold semicolons)."""
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    return [s.strip() for s in code.split(";") if s.strip()]


def concept_to_json(concept: Concept) -> dict:
    data = asdict(concept)
    data["origin"] = "user"
    return data


def concept_from_json(data: dict) -> Concept:
    terms = tuple(
        ChineseTerm(t["text"], tuple(t["regions"]), t["status"], t.get("script", ""), t.get("pinyin", ""))
        for t in data["terms"]
    )
    return Concept(
        id=data["id"],
        category=data["category"],
        english=tuple(data["english"]),
        terms=terms,
        note=data.get("note", ""),
        sources=tuple(data.get("sources", ())),
        origin="user",
    )
