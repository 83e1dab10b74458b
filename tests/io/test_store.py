"""The user store: glossary edits layered over the bundled files, safe against damage and kills."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.glossary import ChineseTerm, Concept
from app.io.store.user_store import SCHEMA_VERSION, STORE_NAME, Store, StoreError

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
    from app.io.store.user_store import MIGRATIONS, _statements

    db = sqlite3.connect(tmp_path / STORE_NAME)
    for statement in _statements(MIGRATIONS[0]):
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
