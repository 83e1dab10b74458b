"""The user's own paragraph notes: the editor dialog, and undoable commands that save at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.core.notes import Note
from app.io.store.user_store import Store

NOTES_FILTER = "Notes files (*.toml);;All files (*)"
YOURS, ALL = "Yours", "Yours over the bundled ones"

# written(article_id): the notes of that article were saved; show them if it is open.
Written = Callable[[str], None]


class NoteDialog(QDialog):
    """The note editor: the text wraps, Ctrl+Return saves, Esc cancels, Tab leaves the text."""

    def __init__(self, parent: QWidget | None, index: int, previous: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Your note on paragraph {index + 1}")
        self.editor = QPlainTextEdit(previous)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("Save (Ctrl+Return)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Empty removes the note. Ctrl+Return saves."))
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self.resize(520, 300)
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText()


def ask_note(parent: QWidget, index: int, previous: str) -> str | None:
    dialog = NoteDialog(parent, index, previous)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


class NotesCommand(QUndoCommand):
    """Saving notes in one store transaction; undo puts the previous ones back (an empty text
    removes a note, so `before` may hold empty notes for paragraphs that had none)."""

    def __init__(
        self, store: Store, article_id: str, label: str, before: list[Note], after: list[Note], written: Written
    ) -> None:
        super().__init__(label)
        self._store, self._article_id, self._written = store, article_id, written
        self._before, self._after = before, after

    def _write(self, notes: list[Note]) -> None:
        self._store.set_user_notes(self._article_id, notes)
        self._written(self._article_id)

    def redo(self) -> None:
        self._write(self._after)

    def undo(self) -> None:
        self._write(self._before)


class NoteCommand(NotesCommand):
    """Saving one note written in the editor."""

    def __init__(
        self, store: Store, article_id: str, index: int, mark: str, before: str, after: str, written: Written
    ) -> None:
        super().__init__(
            store,
            article_id,
            f"note on paragraph {index + 1}",
            [Note(index, mark, before, source="user")],
            [Note(index, mark, after, source="user")],
            written,
        )
