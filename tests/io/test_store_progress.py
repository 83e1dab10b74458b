"""Reading progress in the user store: written, the furthest kept, in the trash with its
article, gone with it when purged, and added to a store of the previous schema."""

import sqlite3

from app.core.reading_progress import ReadingPlace
from app.io.store.migrations import MIGRATIONS, SCHEMA_VERSION
from app.io.store.progress import ReadingProgress
from app.io.store.user_store import STORE_NAME, Store


def test_a_place_is_kept_and_the_furthest_read_with_it(tmp_path):
    store = Store(tmp_path)
    progress = ReadingProgress(store)
    assert progress.of("a1") is None and progress.read_counts() == {}
    progress.put("a1", ReadingPlace(12, 0.25, "abcd1234", False, 12))
    back = progress.put("a1", ReadingPlace(3, 0.0, "0000ffff", False, 3))  # gone back to re-read
    assert back == ReadingPlace(3, 0.0, "0000ffff", False, 12)
    store.close()
    again = ReadingProgress(Store(tmp_path))
    assert again.of("a1") == ReadingPlace(3, 0.0, "0000ffff", False, 12)
    assert again.read_counts() == {"a1": 12}


def test_progress_goes_to_the_trash_with_its_article_and_is_purged_with_it(tmp_path):
    store = Store(tmp_path)
    article = store.add_article("t", "一。\n二。\n", "t.txt", "txt")
    progress = ReadingProgress(store)
    progress.put(article, ReadingPlace(1, 0.0, "x", True, 2))
    store.trash_article(article)
    assert progress.of(article) is not None  # restorable: the place comes back with it
    store.restore_article(article)
    assert progress.of(article) == ReadingPlace(1, 0.0, "x", True, 2)
    store.delete_article(article)
    assert progress.of(article) is None


def test_a_store_of_the_schema_before_gets_the_table_and_keeps_its_data(tmp_path):
    db = sqlite3.connect(tmp_path / STORE_NAME)
    for number, script in enumerate(MIGRATIONS[:-1]):
        db.executescript(script)
        db.execute(f"PRAGMA user_version = {number + 1}")
    db.execute("INSERT INTO word_status (word, status, updated_at) VALUES ('北京', 'known', 0)")
    db.commit()
    db.close()
    store = Store(tmp_path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.word_statuses() == {"北京": "known"}
    ReadingProgress(store).put("a1", ReadingPlace(0, 0.0, "x", False, 0))
    assert ReadingProgress(store).read_counts() == {"a1": 0}
