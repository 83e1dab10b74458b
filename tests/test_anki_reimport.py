"""Anki decks opened in Anki itself: a re-export updates only the notes that changed and keeps
the user's edits in Anki on the others (issue 14, item 5)."""

from __future__ import annotations

import csv
import io

import genanki
import pytest

from app.io.anki_deck import NoteStamps
from tests.helpers import run_cli as run

anki_collection = pytest.importorskip("anki.collection", reason="the anki package (test extra) is not installed")

ARTICLE = "prospect-alaska-northeast-asia"
USER_NOTE = "my own mnemonic: 普丁 rhymes with pudding"


class Collection:
    """A fresh Anki collection and its package import, as Anki's File > Import runs it."""

    def __init__(self, path):
        self.col = anki_collection.Collection(str(path))

    def import_package(self, package) -> dict[str, int]:
        request = anki_collection.ImportAnkiPackageRequest(
            package_path=str(package), options=anki_collection.ImportAnkiPackageOptions(with_scheduling=False)
        )
        log = self.col.import_anki_package(request).log
        return {"new": len(log.new), "updated": len(log.updated), "conflicting": len(log.conflicting)}

    def note(self, guid: str):
        note_id = self.col.db.scalar("select id from notes where guid = ?", guid)
        return self.col.get_note(note_id)

    def edit(self, guid: str, field: str, value: str) -> None:
        note = self.note(guid)
        note[field] = value
        self.col.update_note(note)

    def close(self) -> None:
        self.col.close()


@pytest.fixture
def collection(tmp_path):
    (tmp_path / "anki").mkdir()
    made = Collection(tmp_path / "anki" / "collection.anki2")
    yield made
    made.close()


def _changed_concept_csv(capsys, home, tmp_path, concept_id: str, note: str):
    """A CSV of one bundled concept with another note, as a user would import it."""
    whole = tmp_path / "all.csv"
    run(capsys, home, "glossary", "export", "--format", "csv", "-o", str(whole))
    rows = list(csv.DictReader(io.StringIO(whole.read_text(encoding="utf-8-sig"))))
    mine = [dict(r, note=note, origin="user") for r in rows if r["concept_id"] == concept_id]
    assert mine, concept_id
    changed = tmp_path / "changed.csv"
    with changed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(mine)
    return changed


def test_glossary_re_export_updates_only_the_changed_note_and_keeps_the_users_edit(capsys, tmp_path, collection):
    home = tmp_path / "home"
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    code, out, _ = run(capsys, home, "glossary", "export", "--format", "anki", "-o", str(first))
    assert code == 0
    notes = int(out.split()[1])
    assert collection.import_package(first) == {"new": notes, "updated": 0, "conflicting": 0}
    putin = genanki.guid_for("vladimir-putin")
    collection.edit(putin, "Note", USER_NOTE)

    # an unchanged glossary exported again: Anki updates nothing
    code, _, _ = run(capsys, home, "glossary", "export", "--format", "anki", "-o", str(second))
    assert collection.import_package(second) == {"new": 0, "updated": 0, "conflicting": 0}

    changed = _changed_concept_csv(capsys, home, tmp_path, "russia", "The Russian Federation (user's note).")
    code, out, _ = run(capsys, home, "glossary", "import", str(changed))
    assert code == 0 and "1 updated" in out, out
    run(capsys, home, "glossary", "export", "--format", "anki", "-o", str(second))
    assert collection.import_package(second) == {"new": 0, "updated": 1, "conflicting": 0}
    assert collection.note(genanki.guid_for("russia"))["Note"] == "The Russian Federation (user&#x27;s note)."
    assert collection.note(putin)["Note"] == USER_NOTE
    assert (home / "anki-stamps.json").is_file()


def test_vocabulary_re_export_updates_only_the_changed_word(capsys, tmp_path, collection):
    home = tmp_path / "home"
    deck = tmp_path / "words.apkg"
    run(capsys, home, "vocab", "mark", "峰會", "learning")
    run(capsys, home, "vocab", "mark", "戰爭", "learning", "--article", ARTICLE)
    run(capsys, home, "vocab", "export", "--format", "anki", "-o", str(deck))
    assert collection.import_package(deck) == {"new": 2, "updated": 0, "conflicting": 0}
    war = genanki.guid_for("duben-word", "戰爭")
    collection.edit(war, "English", "war (my wording)")

    run(capsys, home, "vocab", "mark", "峰會", "learning", "--article", ARTICLE)  # now with its sentence
    run(capsys, home, "vocab", "export", "--format", "anki", "-o", str(deck))
    assert collection.import_package(deck) == {"new": 0, "updated": 1, "conflicting": 0}
    assert "<b>峰會</b>" in collection.note(genanki.guid_for("duben-word", "峰會"))["Sentence"]
    assert collection.note(war)["English"] == "war (my wording)"


@pytest.mark.parametrize(
    "kept, now, expected",
    [
        (None, 1000, 1000),  # a first export: the export's time
        (("same", 500), 1000, 500),  # unchanged: the stamp it had
        (("other", 500), 1000, 1000),  # changed: the export's time
        (("other", 2000), 1000, 2001),  # changed, with the clock gone back: still newer
    ],
)
def test_a_stamp_changes_only_with_the_content(tmp_path, kept, now, expected):
    path = tmp_path / "stamps.json"
    if kept is not None:
        stamps = NoteStamps(path, now=kept[1])
        stamps.stamp("g", (kept[0],))
        stamps.save()
    assert NoteStamps(path, now=now).stamp("g", ("same",)) == expected


def test_a_damaged_stamps_file_is_a_fresh_start(tmp_path):
    path = tmp_path / "stamps.json"
    path.write_bytes(b"\xff{not json")
    stamps = NoteStamps(path, now=1000)
    assert stamps.stamp("g", ("x",)) == 1000
    stamps.save()
    assert NoteStamps(path, now=5000).stamp("g", ("x",)) == 1000
