"""The stores: the user's (glossary edits, library, notes), safe against damage and kills; the paragraph cache,
replaced when damaged, bounded, and whole with two writers."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.glossary import ChineseTerm, Concept
from app.core.text import Paragraph, tokens_from_bounds
from app.io.store.migrations import CACHE_DROPPED, MIGRATIONS, SCHEMA_VERSION, statements
from app.io.store.paragraph_cache import CACHE_NAME, FORMAT, ParagraphCache, Slot
from app.io.store.user_store import STORE_NAME, Store, StoreError

ROOT = Path(__file__).resolve().parents[2]
EDIT = Concept("vladimir-putin", "person", ("Vladimir V. Putin",), (ChineseTerm("普丁", ("TW",)),), note="edited")


def test_a_new_store_is_created_at_the_current_schema(tmp_path):
    store = Store(tmp_path)
    assert store.schema_version == SCHEMA_VERSION
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concepts_round_trip_and_survive_a_restart(tmp_path):
    store = Store(tmp_path)
    store.put_concept(EDIT)
    store.delete_concept("yalta")
    store.close()
    again = Store(tmp_path).user_concepts()
    assert again["vladimir-putin"].english == ("Vladimir V. Putin",)
    assert again["vladimir-putin"].origin == "user"
    assert again["yalta"] is None


def test_reset_forgets_the_users_version(tmp_path):
    store = Store(tmp_path)
    store.put_concept(EDIT)
    store.reset_concept(EDIT.id)
    assert store.user_concepts() == {}


def test_a_failed_transaction_changes_nothing(tmp_path):
    store = Store(tmp_path)
    store.put_concept(EDIT)
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.execute("DELETE FROM glossary_user")
        raise RuntimeError("power cut")
    assert "vladimir-putin" in store.user_concepts()


def test_a_store_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    Store(tmp_path).close()
    db = sqlite3.connect(tmp_path / STORE_NAME)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.close()
    before = (tmp_path / STORE_NAME).read_bytes()
    with pytest.raises(StoreError, match="newer version of Duben"):
        Store(tmp_path)
    assert (tmp_path / STORE_NAME).read_bytes() == before


def test_a_damaged_store_is_refused_and_never_overwritten(tmp_path):
    path = tmp_path / STORE_NAME
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    with pytest.raises(StoreError, match="is not a usable Duben store") as error:
        Store(tmp_path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    assert path.read_bytes() == b"SQLite format 3\x00" + b"\x13" * 4000


def test_an_older_schema_is_migrated(tmp_path):
    # A store as version 0 left it: an empty file with no tables.
    sqlite3.connect(tmp_path / STORE_NAME).close()
    store = Store(tmp_path)
    assert store.schema_version == SCHEMA_VERSION
    store.put_concept(EDIT)


WRITER = """
import sys
from app.core.glossary import ChineseTerm, Concept
from app.io.store.user_store import Store
store = Store(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    n += 1
    batch = [Concept(f"c{n}-{i}", "concept", (f"batch {n}",), (ChineseTerm(f"詞{n}之{i}", ("TW",)),)) for i in range(50)]
    store.put_concepts(batch)
"""


def test_killing_a_writer_mid_write_leaves_whole_batches(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE)
    assert process.stdout.readline().strip() == b"ready"
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    store = Store(tmp_path)  # passes integrity_check, or this raises
    concepts = store.user_concepts()
    assert concepts, "the writer wrote nothing before it was killed"
    batches = {}
    for concept_id in concepts:
        batch = concept_id.split("-")[0]
        batches[batch] = batches.get(batch, 0) + 1
    assert set(batches.values()) == {50}  # every batch landed whole or not at all


def test_a_version_1_store_with_data_is_migrated_without_loss(tmp_path):
    db = sqlite3.connect(tmp_path / STORE_NAME)
    for statement in statements(MIGRATIONS[0]):
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO articles (id, title, source, text, meta, created_at) "
        "VALUES ('a1', '舊文', 'old.txt', '普丁。', '{}', 1.0)"
    )
    db.execute("INSERT INTO user_notes VALUES ('a1', 0, 'abcd1234', 'old note', 1.0)")
    db.commit()
    db.close()
    store = Store(tmp_path)
    assert store.schema_version == SCHEMA_VERSION >= 2
    article = store.article("a1")
    assert article.title == "舊文" and article.format == "txt"
    assert store.user_notes("a1")[0].text == "old note"


def test_corrections_and_word_statuses_round_trip(tmp_path):
    from app.core.text import Corrections

    store = Store(tmp_path)
    fixes = Corrections(frozenset({3}), frozenset({7}), {4: "liao3"})
    store.set_corrections("a1", fixes)
    store.set_word_status("普丁", "learning")
    store.close()
    again = Store(tmp_path)
    assert again.corrections("a1") == fixes
    assert again.word_statuses() == {"普丁": "learning"}
    again.set_corrections("a1", Corrections())
    assert not again.corrections("a1")


def test_word_status_rows_put_back_exactly_what_a_mark_changed(tmp_path):
    store = Store(tmp_path)
    store.set_word_status("戰爭", "learning", "戰爭結束了。", "a1")
    before = store.word_status_rows(["戰爭", "峰會"])
    assert before["峰會"] is None and before["戰爭"].sentence == "戰爭結束了。"
    store.set_word_statuses([("戰爭", "known", "另一句。", "a2"), ("峰會", "known", "峰會。", "a2")])
    assert store.word_statuses() == {"戰爭": "known", "峰會": "known"}
    assert store.word_status_rows(["戰爭"])["戰爭"].sentence == "戰爭結束了。"  # the first sentence stays
    store.put_word_status_rows(before)
    assert store.word_status_rows(["戰爭", "峰會"]) == before
    assert store.word_statuses() == {"戰爭": "learning"}
    many = [f"詞{i}" for i in range(1200)]  # more than one query's bound parameters
    store.set_word_statuses([(word, "known", "", "") for word in many])
    assert all(row is not None for row in store.word_status_rows(many).values())


def store_at_version(folder: Path, version: int) -> sqlite3.Connection:
    """A store file as an older Duben left it: the first `version` migrations applied."""
    db = sqlite3.connect(folder / STORE_NAME)
    for migration in MIGRATIONS[:version]:
        for statement in statements(migration):
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    return db


def test_the_paragraph_cache_leaves_an_older_store_and_gives_its_space_back(tmp_path):
    db = store_at_version(tmp_path, CACHE_DROPPED - 1)
    db.execute("INSERT INTO word_status (word, status, updated_at) VALUES ('普丁', 'known', 1.0)")
    db.executemany(
        "INSERT INTO document_cache (key, data, created_at) VALUES (?, ?, 1.0)",
        [
            (
                f"k{i}",
                bytes(4000),
            )
            for i in range(500)
        ],
    )
    db.commit()
    db.close()
    grown = (tmp_path / STORE_NAME).stat().st_size
    store = Store(tmp_path)
    tables = {row[0] for row in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert store.schema_version == SCHEMA_VERSION and "document_cache" not in tables
    assert store.word_statuses() == {"普丁": "known"}
    store.close()
    assert (tmp_path / STORE_NAME).stat().st_size < grown / 10


# -- the paragraph cache ------------------------------------------------------------------------
def paragraph(index: int, text: str, start: int = 0) -> Paragraph:
    """A paragraph of two-character words, each character read ma1."""
    bounds = [start + b for b in range(0, len(text), 2)] + [start + len(text)]
    return Paragraph(
        index, start, start + len(text), text, tokens_from_bounds(text, start, bounds, ["ma1"] * len(text))
    )


def slot(key: str, p: Paragraph) -> Slot:
    return Slot(key, p.index, p.start, p.text)


def test_cached_paragraphs_come_back_whole_wherever_their_text_is(tmp_path):
    cache = ParagraphCache(tmp_path)
    first = paragraph(0, "普丁與川普在阿拉斯加會晤。", 0)
    cache.put([("k", first)])
    again = paragraph(5, first.text, 100)  # the same line later in an article
    found = cache.get([slot("k", first), slot("k", again), Slot("other", 1, 20, "別的")])
    assert found == {0: first, 5: again}
    cache.close()
    assert ParagraphCache(tmp_path).get([slot("k", first)]) == {0: first}  # and after a restart


def test_cached_data_that_does_not_fit_the_text_is_a_miss(tmp_path):
    cache = ParagraphCache(tmp_path)
    cache.put([("k", paragraph(0, "普丁與川普"))])
    assert cache.get([Slot("k", 0, 0, "普丁與川普會晤")]) == {}


def test_the_least_recently_used_paragraphs_go_first_and_the_cap_holds(tmp_path):
    text = "".join(chr(0x4E00 + i) for i in range(3000))  # random enough not to shrink much
    rows = {key: paragraph(0, text[: 2000 - 10 * i]) for i, key in enumerate("abc")}
    probe = ParagraphCache(tmp_path / "probe")
    probe.put([("a", rows["a"])])
    size = probe.usage().bytes
    cache = ParagraphCache(tmp_path / "capped", max_bytes=int(size * 2.5))
    cache.put([("a", rows["a"])])
    cache.put([("b", rows["b"])])
    assert set(cache.get([slot("a", rows["a"])])) == {0}  # a is used again: b is now the oldest
    cache.put([("c", rows["c"])])
    assert [k for k in "abc" if cache.get([slot(k, rows[k])])] == ["a", "c"]
    assert cache.usage().rows == 2 and cache.usage().bytes <= cache.max_bytes


@pytest.mark.parametrize(
    "content",
    [
        b"SQLite format 3\x00" + b"\x13" * 4000,  # a header, then nothing sensible
        b"not a database at all, " * 300,
        b"",
    ],
)
def test_a_damaged_cache_file_is_replaced(tmp_path, content):
    (tmp_path / CACHE_NAME).write_bytes(content)
    cache = ParagraphCache(tmp_path)
    p = paragraph(0, "普丁與川普")
    cache.put([("k", p)])
    assert cache.get([slot("k", p)]) == {0: p}
    assert sqlite3.connect(tmp_path / CACHE_NAME).execute("PRAGMA user_version").fetchone()[0] == FORMAT


def test_a_cache_file_damaged_inside_gives_misses_then_works_again(tmp_path):
    cache = ParagraphCache(tmp_path)
    rows = [(f"k{i}", paragraph(i, f"第{i}段" + "普丁與川普在阿拉斯加會晤" * 40)) for i in range(60)]
    cache.put(rows)
    cache.close()
    data = bytearray((tmp_path / CACHE_NAME).read_bytes())
    data[8192:40960] = b"\x55" * (40960 - 8192)
    (tmp_path / CACHE_NAME).write_bytes(bytes(data))
    cache = ParagraphCache(tmp_path)
    cache.get([slot(k, p) for k, p in rows])  # misses, or the rows that survived; never an error
    cache.put(rows[:3])
    assert cache.get([slot(k, p) for k, p in rows[:3]]) == {p.index: p for _, p in rows[:3]}


@pytest.mark.parametrize(
    "version, table",
    [(FORMAT + 1, "entries (key TEXT)"), (0, "someone_elses (x)"), (FORMAT, None)],
    ids=["newer-format", "foreign-tables", "format-without-tables"],
)
def test_a_cache_file_of_another_format_is_replaced(tmp_path, version, table):
    db = sqlite3.connect(tmp_path / CACHE_NAME)
    if table:
        db.execute(f"CREATE TABLE {table}")
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    cache = ParagraphCache(tmp_path)
    p = paragraph(0, "普丁與川普")
    cache.put([("k", p)])
    assert cache.get([slot("k", p)]) == {0: p}


def test_a_cache_file_locked_for_good_is_replaced(tmp_path):
    holder = sqlite3.connect(tmp_path / CACHE_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("CREATE TABLE held (x)")  # takes the lock and keeps it
    cache = ParagraphCache(tmp_path, busy_seconds=0.2)
    p = paragraph(0, "普丁與川普")
    cache.put([("k", p)])
    assert cache.get([slot("k", p)]) == {0: p}
    holder.close()


def test_a_busy_writer_elsewhere_costs_one_write_not_an_error(tmp_path):
    cache = ParagraphCache(tmp_path, busy_seconds=0.2)
    kept, dropped = paragraph(0, "普丁與川普"), paragraph(1, "阿拉斯加會晤")
    cache.put([("kept", kept)])
    other = sqlite3.connect(tmp_path / CACHE_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    cache.put([("dropped", dropped)])
    assert cache.get([slot("kept", kept), slot("dropped", dropped)]) == {0: kept}  # readers go on
    other.execute("ROLLBACK")
    cache.put([("dropped", dropped)])
    assert cache.get([slot("dropped", dropped)]) == {1: dropped}


def test_a_folder_that_cannot_hold_the_cache_leaves_it_in_memory(tmp_path):
    (tmp_path / "a-file").write_text("")
    cache = ParagraphCache(tmp_path / "a-file" / "cache")
    p = paragraph(0, "普丁與川普")
    cache.put([("k", p)])
    assert cache.get([slot("k", p)]) == {0: p}


CACHE_WRITER = """
import sys
from app.core.text import Paragraph, tokens_from_bounds
from app.io.store.paragraph_cache import ParagraphCache
cache = ParagraphCache(sys.argv[1])
name, rounds = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
n = 0
while rounds == 0 or n < rounds:
    batch = []
    for i in range(20):
        text = f"{name}第{n}批第{i}段。" + "普丁與川普在阿拉斯加會晤。" * (1 + i % 7)
        bounds = list(range(0, len(text), 2)) + [len(text)]
        batch.append((f"{name}-{n}-{i}", Paragraph(i, 0, len(text), text, tokens_from_bounds(text, 0, bounds, ["ma1"] * len(text)))))
    cache.put(batch)
    n += 1
"""


def cached_text(name: str, n: int, i: int) -> str:
    return f"{name}第{n}批第{i}段。" + "普丁與川普在阿拉斯加會晤。" * (1 + i % 7)


def assert_whole(folder: Path) -> list[str]:
    """Every row of the cache file reads back as the paragraph its writer put; returns their keys."""
    db = sqlite3.connect(folder / CACHE_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    keys = [row[0] for row in db.execute("SELECT key FROM entries")]
    db.close()
    slots = []
    for key in keys:
        name, n, i = key.split("-")
        slots.append(Slot(key, len(slots), 0, cached_text(name, int(n), int(i))))
    assert len(ParagraphCache(folder).get(slots)) == len(slots)
    return keys


def test_two_processes_writing_the_cache_at_once_leave_it_whole(tmp_path):
    writers = [
        subprocess.Popen([sys.executable, "-c", CACHE_WRITER, str(tmp_path), name, "30"], cwd=ROOT)
        for name in ("one", "two")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    keys = assert_whole(tmp_path)
    assert len(keys) == 2 * 30 * 20


def test_killing_a_cache_writer_leaves_whole_batches(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-c", CACHE_WRITER, str(tmp_path), "one", "0"], cwd=ROOT, stdout=subprocess.PIPE
    )
    assert process.stdout.readline().strip() == b"ready"
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    batches: dict[str, int] = {}
    for key in assert_whole(tmp_path):
        batch = key.rsplit("-", 1)[0]
        batches[batch] = batches.get(batch, 0) + 1
    assert batches and set(batches.values()) == {20}


def test_articles_stored_before_fingerprints_get_theirs_when_the_store_is_migrated(tmp_path):
    from app.core.text import content_fingerprint
    from app.io.store.migrations import FINGERPRINTED

    db = store_at_version(tmp_path, FINGERPRINTED - 1)
    db.execute(
        "INSERT INTO articles (id, title, source, text, meta, created_at, format)"
        " VALUES ('aold', '舊的', 'old.txt', '普丁來了。\n', '{}', 1.0, 'txt')"
    )
    db.commit()
    db.close()
    store = Store(tmp_path)
    assert store.schema_version == SCHEMA_VERSION
    assert [a.id for a in store.articles(content_fingerprint("普丁來了。\r\n"))] == ["aold"]
    assert store.articles(content_fingerprint("普京來了。\n")) == []
    store.close()


def test_a_trashed_article_keeps_its_notes_and_corrections_and_comes_back_renamed(tmp_path):
    from app.core.text import Corrections

    store = Store(tmp_path)
    kept = store.add_article("留下", "留下的文。\n", "keep.txt", "txt")
    article_id = store.add_article("舊題", "普丁來了。\n", "mine.txt", "txt")
    store.set_user_note(article_id, 0, "f0", "my note")
    store.set_corrections(article_id, Corrections(frozenset({1}), frozenset(), {}))
    assert store.rename_article(article_id, "新\x07題") and store.article(article_id).title == "新題"
    assert store.trash_article(article_id)
    assert [a.id for a in store.articles()] == [kept] and store.article(article_id) is None
    trashed = store.articles(trashed=True)
    assert [a.id for a in trashed] == [article_id] and trashed[0].deleted_at is not None
    assert not store.rename_article(article_id, "x") and not store.trash_article(article_id)
    store.close()
    store = Store(tmp_path)  # the trash survives a restart
    assert store.restore_article(article_id) and not store.restore_article(article_id)
    back = store.article(article_id)
    assert (back.title, back.text, back.deleted_at) == ("新題", "普丁來了。\n", None)
    assert [n.text for n in store.user_notes(article_id)] == ["my note"]
    assert store.corrections(article_id).splits == frozenset({1})
    store.delete_article(article_id)
    assert store.article(article_id) is None and store.article(article_id, trashed=True) is None
    assert store.user_notes(article_id) == []


def test_a_store_before_the_trash_is_migrated_with_its_articles_in_the_library(tmp_path):
    db = sqlite3.connect(tmp_path / STORE_NAME)
    for number in range(SCHEMA_VERSION - 1):
        for statement in statements(MIGRATIONS[number]):
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    db.execute(
        "INSERT INTO articles (id, title, source, text, meta, created_at, format, fingerprint) "
        "VALUES ('a1', '舊文', 'old.txt', '普丁。', '{}', 1.0, 'txt', 'x')"
    )
    db.commit()
    db.close()
    store = Store(tmp_path)
    assert [a.id for a in store.articles()] == ["a1"] and store.articles(trashed=True) == []
