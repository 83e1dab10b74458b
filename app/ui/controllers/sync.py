"""Following changes that another process made to the same data folder (the command line, a second window)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.io.store.user_store import Store

# How often the window asks the store whether someone else wrote to it: one cheap pragma.
SYNC_INTERVAL_MS = 2000


class StoreWatcher(QObject):
    """Two windows, or a window and `duben import`, may share a data folder: SQLite (WAL, a busy
    timeout) keeps their writes whole, and this tells the window when to show what changed."""

    library_changed = Signal()  # another process wrote to the store (articles, notes, statuses...)
    glossary_changed = Signal()  # and its user layer of the glossary moved

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._glossary_signature = store.glossary_signature()
        self._timer = QTimer(self)
        self._timer.setInterval(SYNC_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """A closed window follows nothing: a window left open beside it (a test's, or one a
        process keeps) must not be refreshed by this one's timer."""
        self._timer.stop()

    def sync(self) -> bool:
        """Announce what another process changed since the last look; False when nothing did."""
        if not self._store.changed_elsewhere():
            return False
        self.library_changed.emit()
        signature = self._store.glossary_signature()
        if signature != self._glossary_signature:
            self._glossary_signature = signature
            self.glossary_changed.emit()
        return True

    def note_own_glossary_change(self) -> None:
        """The window's own edits are shown already: do not reload for them again."""
        self._glossary_signature = self._store.glossary_signature()

    def _on_timer_timeout(self) -> None:
        self.sync()
