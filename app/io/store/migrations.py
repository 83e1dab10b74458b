"""The user store's schema, one migration per version, and the data steps some migrations need."""

from __future__ import annotations

import sqlite3

from app.core.text import content_fingerprint

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
    # 2: what an imported article was (txt, html, epub...), and faster per-article queries.
    """
    ALTER TABLE articles ADD COLUMN format TEXT NOT NULL DEFAULT 'txt';
    CREATE INDEX corrections_by_article ON corrections (article_id);
    CREATE INDEX notes_by_article ON user_notes (article_id);
    """,
    # 3: where a word was met, so a study card can show the sentence.
    """
    ALTER TABLE word_status ADD COLUMN sentence TEXT NOT NULL DEFAULT '';
    ALTER TABLE word_status ADD COLUMN article_id TEXT NOT NULL DEFAULT '';
    """,
    # 4: annotated paragraphs are derived data: they live in the cache folder now
    # (app.io.store.paragraph_cache), and only what the user made stays here.
    """
    DROP TABLE IF EXISTS document_cache;
    """,
    # 5: each article's content fingerprint (core.text.content_fingerprint), so importing the
    # same text again finds the article it already is; filled in for older rows by _backfill.
    """
    ALTER TABLE articles ADD COLUMN fingerprint TEXT;
    CREATE INDEX articles_by_fingerprint ON articles (fingerprint);
    """,
    # 6: a deleted article goes to the trash first: the row, its notes and corrections stay,
    # marked with when it was deleted (NULL: in the library), until it is restored or purged.
    """
    ALTER TABLE articles ADD COLUMN deleted_at REAL;
    """,
    # 7: the user's own translation of each paragraph, kept apart from the bundled one and
    # matched to the paragraph's text by its fingerprint as notes are (app.io.store.translations),
    # and the region (CN, TW, HK) each article is translated for, once the user sets one.
    """
    CREATE TABLE user_translations (
        article_id TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (article_id, paragraph)
    );
    CREATE TABLE translation_targets (
        article_id TEXT PRIMARY KEY,
        region TEXT NOT NULL CHECK (region IN ('CN', 'TW', 'HK')),
        updated_at REAL NOT NULL
    );
    """,
    # 8: how far into each article the student is (app.io.store.progress): the paragraph at the
    # top of the view when it was left, with its fingerprint so the place follows the paragraph
    # as notes do, and the furthest read. It goes to the trash and back with its article.
    """
    CREATE TABLE reading_progress (
        article_id TEXT PRIMARY KEY,
        paragraph INTEGER NOT NULL,
        fraction REAL NOT NULL DEFAULT 0,
        fingerprint TEXT NOT NULL,
        at_end INTEGER NOT NULL DEFAULT 0,
        read INTEGER NOT NULL DEFAULT 0,  -- paragraphs read, the furthest so far
        updated_at REAL NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
# The schema version that dropped the paragraph cache: a store older than it gets its space back.
CACHE_DROPPED = 4
# The schema version that fingerprints articles' texts: older rows get theirs when it is applied.
FINGERPRINTED = 5


def apply_migration(db: sqlite3.Connection, number: int) -> None:
    """Inside a transaction: bring the schema from version `number` to `number + 1`."""
    for statement in statements(MIGRATIONS[number]):
        db.execute(statement)
    if number + 1 == FINGERPRINTED:
        _fill_fingerprints(db)
    db.execute(f"PRAGMA user_version = {number + 1}")


def _fill_fingerprints(db: sqlite3.Connection) -> None:
    # One row at a time: a library of novels need not be in memory at once.
    ids = [row[0] for row in db.execute("SELECT id FROM articles WHERE fingerprint IS NULL")]
    for article_id in ids:
        (text,) = db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        db.execute("UPDATE articles SET fingerprint = ? WHERE id = ?", (content_fingerprint(text), article_id))


def statements(script: str) -> list[str]:
    """The statements of a migration (comments dropped first: they may hold semicolons)."""
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    return [s.strip() for s in code.split(";") if s.strip()]
