"""The user's notes on the open article: written in the editor or imported from a notes file, undoable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from app.core.notes import Note, fingerprint
from app.io.articles.notes_files import NotesFileError
from app.services.context import AppContext
from app.services.notes import plan_import
from app.ui.controllers import ShowMessage
from app.ui.controllers.document import DocumentController
from app.ui.file_dialogs import FileDialogs
from app.ui.reader.note_editing import NOTES_FILTER, NoteCommand, NotesCommand, ask_note
from app.ui.reader.view import ReaderView


class NotesController(QObject):
    """Every change is a command on the window's undo stack and saved at once."""

    def __init__(
        self,
        context: AppContext,
        document: DocumentController,
        view: ReaderView,
        undo_stack: QUndoStack,
        show_message: ShowMessage,
        parent: QWidget,
        files: FileDialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self._files = files or FileDialogs()
        self._context = context
        self._document = document
        self._view = view
        self._undo_stack = undo_stack
        self._show_message = show_message
        self._dialog_parent = parent
        view.note_edit_requested.connect(self._on_view_note_edit_requested)

    def edit_note(self, index: int, text: str | None = None) -> None:
        """Write the user's own note for a paragraph (asks for it when `text` is None)."""
        article = self._document.article
        if article is None or not 0 <= index < len(self._view.spans):
            return
        start, end = self._view.spans[index]
        mark = fingerprint(article.text[start:end])
        # From the store, not the view: the paragraph's words (and notes) may not have arrived yet.
        notes = self._document.documents.notes(article).get(index, [])
        previous = next((n.text for n in notes if n.source == "user"), "")
        if text is None:
            text = ask_note(self._dialog_parent, index, previous)
            if text is None:
                return
        store = self._context.store
        self._undo_stack.push(NoteCommand(store, article.id, index, mark, previous, text, self._on_notes_written))

    def edit_current_note(self) -> None:
        """The note of the selected word's paragraph, else of the first paragraph on screen."""
        current = self._view.current
        self.edit_note(current[0] if current else self._view.visible_range()[0])

    def import_notes(self) -> str | None:
        """File ▸ Import notes…: a notes file's notes become the user's notes on the open article,
        in one undoable step; notes for paragraphs that changed are left out."""
        article = self._document.article
        if article is None:
            return None
        name = self._files.open_name(self._dialog_parent, "Import notes", NOTES_FILTER)
        if not name:
            return None
        try:
            plan = plan_import(self._document.documents, article, Path(name))
        except NotesFileError as error:
            return self._status(str(error))
        if plan.notes:
            store = self._context.store
            current = {note.paragraph: note for note in store.user_notes(article.id)}
            before = [current.get(n.paragraph, Note(n.paragraph, n.fingerprint, "", source="user")) for n in plan.notes]
            label = f"import of notes from {plan.name}"
            self._undo_stack.push(NotesCommand(store, article.id, label, before, plan.notes, self._on_notes_written))
        return self._status(plan.summary())

    def _status(self, message: str) -> str:
        self._show_message(message, 10_000)
        return message

    def _on_notes_written(self, article_id: str) -> None:
        article = self._document.article
        if article is not None and article.id == article_id:
            self._document.reload_notes()

    def _on_view_note_edit_requested(self, index: int) -> None:
        self.edit_note(index)
