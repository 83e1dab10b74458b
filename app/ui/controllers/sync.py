"""Following changes that another process made to the same data folder (the command line, a second window)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer

# How often the window asks the store whether someone else wrote to it: one cheap pragma.
SYNC_INTERVAL_MS = 2000


class SyncMixin:
    """Needs the window's `context`, `glossary_panel`, `refresh_library` and `statusBar`.

    Two windows, or a window and `duben import`, may share a data folder: SQLite (WAL, a busy
    timeout) keeps their writes whole, and this keeps what the window shows up to date.
    """

    def start_sync(self) -> None:
        self._glossary_signature = self.context.store.glossary_signature()
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_INTERVAL_MS)
        self._sync_timer.timeout.connect(self.sync_with_store)
        self._sync_timer.start()

    def sync_with_store(self) -> bool:
        """Show what another process changed: the library, and the glossary when its user layer moved."""
        store = self.context.store
        if not hasattr(self, "_glossary_signature") or not store.changed_elsewhere():
            return False
        self.refresh_library()
        signature = store.glossary_signature()
        if signature != self._glossary_signature:
            self._glossary_signature = signature
            self.glossary_panel.refresh()  # reloads the glossary and re-marks the open article
            self.statusBar().showMessage("The glossary was changed by another Duben process", 5000)
        return True

    def note_own_glossary_change(self) -> None:
        """The window's own edits are shown already: do not reload for them again."""
        self._glossary_signature = self.context.store.glossary_signature()

    def changeEvent(self, event) -> None:
        # Coming back to the window after using the command line: catch up at once.
        if event.type() == QEvent.ActivationChange and self.isActiveWindow():
            self.sync_with_store()
        super().changeEvent(event)
