"""The user's own paragraph notes: an editor dialog, undoable commands that save at once, and
exporting and importing them as a notes file (File menu)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.core.notes import Note

NOTES_FILTER = "Notes files (*.toml);;All files (*)"
YOURS, ALL = "Yours", "Yours over the bundled ones"


def ask_note(parent, index: int, previous: str) -> str | None:
    text, accepted = QInputDialog.getMultiLineText(
        parent, "Your note", f"Your note on paragraph {index + 1} (empty removes it):", previous
    )
    return text if accepted else None


class NotesCommand(QUndoCommand):
    """Saving notes in one store transaction; undo puts the previous ones back (an empty text
    removes a note, so `before` may hold empty notes for paragraphs that had none)."""

    def __init__(self, window, article_id: str, label: str, before: list[Note], after: list[Note]):
        super().__init__(label)
        self.window, self.article_id = window, article_id
        self.before, self.after = before, after

    def _write(self, notes: list[Note]) -> None:
        self.window.context.store.set_user_notes(self.article_id, notes)
        if self.window.article is not None and self.window.article.id == self.article_id:
            self.window.reload_notes()

    def redo(self) -> None:
        self._write(self.after)

    def undo(self) -> None:
        self._write(self.before)


class NoteCommand(NotesCommand):
    """Saving one note written in the editor."""

    def __init__(self, window, article_id: str, index: int, mark: str, before: str, after: str):
        super().__init__(
            window,
            article_id,
            f"note on paragraph {index + 1}",
            [Note(index, mark, before, source="user")],
            [Note(index, mark, after, source="user")],
        )


def export_notes(window) -> str | None:
    """File ▸ Export notes…: the user's notes on the open article (or those over the bundled
    ones) to a notes file; returns the line shown in the status bar."""
    from app.io.articles.notes_files import write_notes
    from app.services.notes import counted, export_heading, notes_to_export

    article = window.article
    if article is None:
        return None
    everything = False
    if window.documents.bundled_notes(article):
        choice, accepted = QInputDialog.getItem(window, "Export notes", "Notes:", [YOURS, ALL], 0, False)
        if not accepted:
            return None
        everything = choice == ALL
    notes = notes_to_export(window.documents, article, everything)
    if not notes:
        return _status(window, "You have no notes on this article to export")
    name, _ = QFileDialog.getSaveFileName(window, "Export notes", f"{article.id}.notes.en.toml", NOTES_FILTER)
    if not name:
        return None
    try:
        write_notes(name, notes, export_heading(article, everything))
    except OSError as error:
        return _status(window, f"{name}: cannot be written ({error.strerror or error})")
    return _status(window, f"Wrote {counted(len(notes), 'note')} to {name}")


def import_notes(window) -> str | None:
    """File ▸ Import notes…: a notes file's notes become the user's notes on the open article,
    in one undoable step; notes for paragraphs that changed are left out."""
    from app.io.articles.notes_files import NotesFileError
    from app.services.notes import plan_import

    article = window.article
    if article is None:
        return None
    name, _ = QFileDialog.getOpenFileName(window, "Import notes", "", NOTES_FILTER)
    if not name:
        return None
    try:
        plan = plan_import(window.documents, article, Path(name))
    except NotesFileError as error:
        return _status(window, str(error))
    if plan.notes:
        current = {note.paragraph: note for note in window.context.store.user_notes(article.id)}
        before = [current.get(n.paragraph, Note(n.paragraph, n.fingerprint, "", source="user")) for n in plan.notes]
        window.undo_stack.push(
            NotesCommand(window, article.id, f"import of notes from {plan.name}", before, plan.notes)
        )
    return _status(window, plan.summary())


def _status(window, message: str) -> str:
    window.statusBar().showMessage(message, 10_000)
    return message
