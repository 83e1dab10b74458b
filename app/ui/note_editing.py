"""The user's own paragraph notes: an editor dialog and an undoable command that saves at once."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QInputDialog


def ask_note(parent, index: int, previous: str) -> str | None:
    text, accepted = QInputDialog.getMultiLineText(
        parent, "Your note", f"Your note on paragraph {index + 1} (empty removes it):", previous
    )
    return text if accepted else None


class NoteCommand(QUndoCommand):
    """Saving a note; undo puts the previous text back in the store."""

    def __init__(self, window, article_id: str, index: int, mark: str, before: str, after: str):
        super().__init__(f"note on paragraph {index + 1}")
        self.window, self.article_id, self.index, self.mark = window, article_id, index, mark
        self.before, self.after = before, after

    def _write(self, text: str) -> None:
        self.window.context.store.set_user_note(self.article_id, self.index, self.mark, text)
        if self.window.article is not None and self.window.article.id == self.article_id:
            self.window.reload_notes()

    def redo(self) -> None:
        self._write(self.after)

    def undo(self) -> None:
        self._write(self.before)
