"""Reading progress in the user store (the table of migration 8): where each article was left and
how much of it has been read. A row stays while its article is in the trash (a restored article
reopens where it was) and goes with it when it is purged."""

from __future__ import annotations

import time

from app.core.reading_progress import ReadingPlace
from app.io.store.user_store import Store


class ReadingProgress:
    """Reads and writes reading places; every write is one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def of(self, article_id: str) -> ReadingPlace | None:
        rows = self.store.read(
            "SELECT paragraph, fraction, fingerprint, at_end, read FROM reading_progress WHERE article_id = ?",
            (article_id,),
        )
        if not rows:
            return None
        paragraph, fraction, mark, at_end, read = rows[0]
        return ReadingPlace(int(paragraph), float(fraction), str(mark), bool(at_end), int(read))

    def read_counts(self) -> dict[str, int]:
        """Paragraphs read of every article the student has opened, by id (one query for the library)."""
        return {str(a): int(r) for a, r in self.store.read("SELECT article_id, read FROM reading_progress")}

    def put(self, article_id: str, place: ReadingPlace) -> ReadingPlace:
        """Save where the article is left; the furthest read is kept when `place.read` is less
        (the student went back). Returns the place as stored."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO reading_progress (article_id, paragraph, fraction, fingerprint, at_end, read, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET paragraph = excluded.paragraph,"
                " fraction = excluded.fraction, fingerprint = excluded.fingerprint, at_end = excluded.at_end,"
                " read = max(reading_progress.read, excluded.read), updated_at = excluded.updated_at",
                (
                    article_id,
                    place.paragraph,
                    place.fraction,
                    place.fingerprint,
                    int(place.at_end),
                    place.read,
                    time.time(),
                ),
            )
            (read,) = db.execute("SELECT read FROM reading_progress WHERE article_id = ?", (article_id,)).fetchone()
        return ReadingPlace(place.paragraph, place.fraction, place.fingerprint, place.at_end, int(read))

    def forget(self, article_id: str) -> None:
        """Start the article afresh: its place and what was read go."""
        with self.store.transaction() as db:
            db.execute("DELETE FROM reading_progress WHERE article_id = ?", (article_id,))
