"""File ▸ Export notes… and Import notes…: the open article's notes out to a notes file and back."""

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.core.notes import Note, fingerprint
from app.io.articles.notes_files import dump_notes, load_notes
from app.ui.reader.note_editing import ALL, YOURS
from tests.helpers import open_window

ARTICLE = "prospect-alaska-northeast-asia"


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, ARTICLE)


def trigger(window, label, qtbot=None):
    """Trigger a File menu action; with `qtbot`, wait for the export it starts in the background."""
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text().replace("&", "") == label)
    if qtbot is None:
        action.trigger()
    else:
        with qtbot.waitSignal(window.exports.export_finished, timeout=60_000):
            action.trigger()
    return window.statusBar().currentMessage()


def paragraph_text(window, index):
    start, end = window.view.spans[index]
    return window.article.text[start:end]


def test_export_writes_the_users_notes_or_those_over_the_bundled_ones(qtbot, window, monkeypatch, tmp_path):
    target = tmp_path / "out.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (YOURS, True))
    assert trigger(window, "Export notes…") == "You have no notes on this article to export"
    assert not target.exists()

    window.notes.edit_note(2, 'Mine, with "quotes" and\na line break.')
    assert trigger(window, "Export notes…", qtbot) == f"Wrote 1 note to {target}"
    [note] = load_notes(target)
    assert (note.paragraph, note.fingerprint, note.text) == (
        2,
        fingerprint(paragraph_text(window, 2)),
        'Mine, with "quotes" and\na line break.',
    )

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (ALL, True))
    assert trigger(window, "Export notes…", qtbot) == f"Wrote 8 notes to {target}"
    notes = load_notes(target)
    assert [n.paragraph for n in notes] == list(range(8)) and notes[2].text.startswith("Mine")
    assert notes[0].annotations  # the bundled notes keep theirs


def test_cancelling_a_dialog_does_nothing(window, monkeypatch, tmp_path):
    window.notes.edit_note(2, "Mine.")
    window.statusBar().clearMessage()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (YOURS, False))
    assert trigger(window, "Export notes…") == ""
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (YOURS, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert trigger(window, "Export notes…") == "" and trigger(window, "Import notes…") == ""
    assert list(tmp_path.iterdir()) == [tmp_path / "duben-home"]


def test_import_shows_the_notes_at_once_skips_stale_ones_and_is_undoable(qtbot, window, monkeypatch, tmp_path):
    source = tmp_path / "theirs.toml"
    source.write_text(
        dump_notes(
            [
                Note(1, fingerprint(paragraph_text(window, 1)), "Imported note."),
                Note(3, fingerprint("older text"), "Stale."),
            ]
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    assert trigger(window, "Import notes…") == "theirs.toml: 1 note imported, 1 skipped"
    assert [(n.source, n.text) for n in window.view.paragraphs[1].notes][0] == ("user", "Imported note.")
    window.view.scroll_to_paragraph(3)  # below the first screen: its words (and notes) arrive once shown
    qtbot.waitUntil(lambda: 3 in window.view.paragraphs, timeout=60_000)
    assert [n.source for n in window.view.paragraphs[3].notes] == ["bundled"]

    window.undo_stack.undo()
    assert [n.source for n in window.view.paragraphs[1].notes] == ["bundled"]
    assert window.context.store.user_notes(ARTICLE) == []
    window.undo_stack.redo()
    assert window.view.paragraphs[1].notes[0].text == "Imported note."


def test_undoing_an_import_puts_back_the_note_it_replaced(window, monkeypatch, tmp_path):
    window.notes.edit_note(1, "Written by hand.")
    source = tmp_path / "theirs.toml"
    source.write_text(dump_notes([Note(1, fingerprint(paragraph_text(window, 1)), "Imported.")]), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    trigger(window, "Import notes…")
    assert window.view.paragraphs[1].notes[0].text == "Imported."
    window.undo_stack.undo()
    assert window.view.paragraphs[1].notes[0].text == "Written by hand."


def test_a_broken_file_is_one_line_in_the_status_bar_and_changes_nothing(window, monkeypatch, tmp_path):
    window.notes.edit_note(1, "Written by hand.")
    source = tmp_path / "broken.toml"
    good = dump_notes([Note(1, fingerprint(paragraph_text(window, 1)), "Imported.")])
    source.write_text(good + '\n[[note]]\nparagraph = "one"\n', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    message = trigger(window, "Import notes…")
    assert message.startswith("broken.toml:7: a note needs paragraph, fingerprint and text") and "\n" not in message
    assert [n.text for n in window.context.store.user_notes(ARTICLE)] == ["Written by hand."]
    assert window.undo_stack.undoText() == "note on paragraph 2"
