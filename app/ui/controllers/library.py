"""The library's entries from the window: open, rename, delete (to the trash, undoable), restore, export.

Renaming and deleting go on the window's undo stack, so Ctrl+Z (Edit ▸ Undo) takes them back;
a deleted article also stays in the trash with its notes and corrections, so it can be
restored later (File ▸ Restore a deleted article…, or `python -m app library restore ID`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app.io.textinput import InputError
from app.services.context import AppContext
from app.services.notes import counted
from app.ui.controllers import ShowMessage
from app.ui.controllers.document import DocumentController
from app.ui.controllers.undo import StoreCommand

MESSAGE_MS = 10_000
# The one line a bundled entry's menu shows where rename and delete would be.
BUNDLED_LINE = "Bundled with Duben: cannot be renamed or deleted"


def confirm_delete(parent: QWidget, deleted_title: str, kept: str) -> bool:
    """Whether to delete an article, told what stays recoverable."""
    answer = QMessageBox.question(
        parent,
        "Delete article",
        f"Delete “{deleted_title}” from the library?\n\n"
        f"Its text and your {kept} go to the trash: Edit ▸ Undo (Ctrl+Z) or "
        "File ▸ Restore a deleted article… brings them back.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_empty_trash(parent: QWidget, titles: list[str]) -> bool:
    """Whether to remove the trash's articles for good, told which."""
    shown = "\n".join(f"• {title}" for title in titles[:10])
    more = f"\n… and {len(titles) - 10} more" if len(titles) > 10 else ""
    answer = QMessageBox.warning(
        parent,
        "Empty the trash",
        f"Remove {counted(len(titles), 'article')} for good, with their notes, corrections and translations?"
        f"\n\n{shown}{more}\n\nThis cannot be undone.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class LibraryController(QObject):
    """Acts on library entries by id; every change is announced by `library_changed`."""

    library_changed = Signal()  # the list of articles (or a title) changed: show it again

    def __init__(
        self,
        context: AppContext,
        document: DocumentController,
        open_article: Callable[[str], bool],
        undo_stack: QUndoStack,
        show_message: ShowMessage,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._document = document
        self._open_article = open_article
        self._undo_stack = undo_stack
        self._show_message = show_message
        self._dialog_parent = parent

    def is_bundled(self, article_id: str) -> bool:
        return any(s.id == article_id and s.bundled for s in self._document.documents.summaries())

    # -- rename ------------------------------------------------------------------------------
    def rename(self, article_id: str, title: str | None = None) -> bool:
        """Give an imported article a new title (asks for it when `title` is None); undoable."""
        from app.services import library  # with its importers: the first use pays, not the start

        stored = self._context.store.article(article_id)
        if title is None:
            if stored is None:
                return self._refuse(article_id, "renamed")
            title, accepted = QInputDialog.getText(self._dialog_parent, "Rename article", "Title:", text=stored.title)
            if not accepted:
                return False
        try:
            new = library.rename_article(self._context, article_id, title)
        except InputError as error:
            self._show_message(str(error), MESSAGE_MS)
            return False
        old = stored.title if stored is not None else new

        def set_title(value: str) -> None:
            self._context.store.rename_article(article_id, value)
            self._changed(article_id)

        self._undo_stack.push(StoreCommand(f"rename of “{old}”", lambda: set_title(new), lambda: set_title(old)))
        self._changed(article_id)
        self._show_message(f"Renamed “{old}” to “{new}”", MESSAGE_MS)
        return True

    # -- delete and restore ------------------------------------------------------------------
    def delete(self, article_id: str, confirm: Callable[[QWidget, str, str], bool] = confirm_delete) -> bool:
        """Move an imported article to the trash after asking; undoable, and restorable later."""
        from app.services import library

        stored = self._context.store.article(article_id)
        if stored is None:
            return self._refuse(article_id, "deleted")
        store = self._context.store
        fixes = store.corrections(article_id)
        corrections = len(fixes.splits) + len(fixes.merges) + len(fixes.readings)
        kept = f"{counted(len(store.user_notes(article_id)), 'note')} and {counted(corrections, 'correction')}"
        if not confirm(self._dialog_parent, stored.title, kept):
            return False
        was_open = self._open_id() == article_id
        try:
            gone = library.delete_article(self._context, article_id)
        except InputError as error:  # another process deleted it meanwhile
            self._show_message(str(error), MESSAGE_MS)
            return False
        self._undo_stack.push(
            StoreCommand(
                f"delete of “{gone.title}”",
                lambda: self._trash(article_id),
                lambda: self._restore(article_id, reopen=was_open),
            )
        )
        self._after_trash(article_id, was_open)
        self._show_message(
            f"Deleted “{gone.title}” with your {kept}: Ctrl+Z brings it back, or File ▸ Restore a deleted article…",
            MESSAGE_MS,
        )
        return True

    def _trash(self, article_id: str) -> None:
        was_open = self._open_id() == article_id
        self._context.store.trash_article(article_id)
        self._after_trash(article_id, was_open)

    def _after_trash(self, article_id: str, was_open: bool) -> None:
        self.library_changed.emit()
        if was_open:  # the reader goes on with the first text of the library
            summaries = self._document.documents.summaries()
            if summaries:
                self._open_article(summaries[0].id)

    def _restore(self, article_id: str, reopen: bool) -> None:
        if not self._context.store.restore_article(article_id):  # the trash was emptied since
            self._show_message(f"{article_id} was removed for good when the trash was emptied", MESSAGE_MS)
            return
        self.library_changed.emit()
        if reopen:
            self._open_article(article_id)

    def trashed(self) -> list[tuple[str, str]]:
        """(id, title) of the articles in the trash, the most recently deleted first."""
        from app.services import library

        return [(a.id, a.title) for a in library.trashed_articles(self._context)]

    def restore_dialog(self) -> str | None:
        """File ▸ Restore a deleted article…: pick one from the trash; it comes back and opens."""
        trashed = self.trashed()
        if not trashed:
            self._show_message("The trash is empty: no deleted article to restore", MESSAGE_MS)
            return None
        labels = [f"{title} ({article_id})" for article_id, title in trashed]
        choice, accepted = QInputDialog.getItem(
            self._dialog_parent, "Restore a deleted article", "Article:", labels, 0, False
        )
        if not accepted or choice not in labels:
            return None
        article_id = trashed[labels.index(choice)][0]
        return self.restore(article_id)

    def empty_trash(self, confirm: Callable[[QWidget, list[str]], bool] | None = None) -> int:
        """File ▸ Empty the trash…: after asking, remove the deleted articles for good; how many."""
        titles = [title for _, title in self.trashed()]
        if not titles:
            self._show_message("The trash is empty", MESSAGE_MS)
            return 0
        if not (confirm or confirm_empty_trash)(self._dialog_parent, titles):
            return 0
        from app.services import library

        gone = library.empty_trash(self._context)
        self._show_message(f"Removed {counted(len(gone), 'article')} from the trash for good", MESSAGE_MS)
        return len(gone)

    def restore(self, article_id: str) -> str | None:
        """Bring an article back from the trash, with its notes, and open it; its title, or None."""
        from app.services import library

        try:
            title = library.restore_article(self._context, article_id)
        except InputError as error:
            self._show_message(str(error), MESSAGE_MS)
            return None
        self.library_changed.emit()
        self._open_article(article_id)
        self._show_message(f"Restored “{title}” with its notes and corrections", MESSAGE_MS)
        return title

    # -- helpers -----------------------------------------------------------------------------
    def _open_id(self) -> str | None:
        article = self._document.article
        return article.id if article is not None else None

    def _changed(self, article_id: str) -> None:
        self.library_changed.emit()
        if self._open_id() == article_id:
            self._document.reopen()  # the window's title follows

    def _refuse(self, article_id: str, doing: str) -> bool:
        from app.services import library

        try:
            library.imported_title(self._context, article_id, doing)
        except InputError as error:  # bundled, in the trash or unknown: the service's one line
            self._show_message(str(error), MESSAGE_MS)
        return False
