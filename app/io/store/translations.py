"""The user's own translation of an article, paragraph by paragraph, and its target region, in
the user store (tables of migration 6). Kept apart from the bundled translation, which ships
in the article's notes file."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from app.io.store.user_store import Store, put_paragraph_texts


@dataclass(frozen=True)
class StoredTranslation:
    paragraph: int  # the paragraph's index, from 0
    fingerprint: str  # app.core.notes.fingerprint of the paragraph's text when it was written
    text: str


class Translations:
    """Reads and writes the user's translations; every write is one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def of(self, article_id: str) -> list[StoredTranslation]:
        rows = self.store.read(
            "SELECT paragraph, fingerprint, text FROM user_translations WHERE article_id = ? ORDER BY paragraph",
            (article_id,),
        )
        return [StoredTranslation(p, f, t) for p, f, t in rows]

    def put(self, article_id: str, rows: Iterable[StoredTranslation]) -> None:
        """Save translations in one transaction (an import lands whole or not at all); one
        with empty text removes the paragraph's translation."""
        with self.store.transaction() as db:
            put_paragraph_texts(
                db, "user_translations", article_id, [(r.paragraph, r.fingerprint, r.text) for r in rows]
            )

    def target(self, article_id: str) -> str | None:
        """The region the user set for the article, or None (then it follows the article's script)."""
        rows = self.store.read("SELECT region FROM translation_targets WHERE article_id = ?", (article_id,))
        return str(rows[0][0]) if rows else None

    def set_target(self, article_id: str, region: str | None) -> None:
        with self.store.transaction() as db:
            if region is None:
                db.execute("DELETE FROM translation_targets WHERE article_id = ?", (article_id,))
            else:
                db.execute(
                    "INSERT INTO translation_targets (article_id, region, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(article_id) DO UPDATE SET region = excluded.region, updated_at = excluded.updated_at",
                    (article_id, region, time.time()),
                )
