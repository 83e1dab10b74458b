"""The window's file dialogs, which open in the folder last used for their kind (imports, exports).

The folders are kept in the window's settings (window.ini), so they are there on the next start
too; a folder that has gone since falls back to the home folder, as Qt does for a missing one.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget


class Kind(Enum):
    """Which remembered folder a dialog opens in."""

    IMPORT = "import"
    EXPORT = "export"


class FileDialogs:
    """QFileDialog's static functions, started in the kind's last folder, which they then update."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings
        self._folders: dict[Kind, str] = {}  # without settings (a bare panel in a test): this session only

    def folder(self, kind: Kind) -> str:
        """The folder the last dialog of this kind chose a file in ("" before the first)."""
        if self._settings is not None:
            return str(self._settings.value(f"folders/{kind.value}", ""))
        return self._folders.get(kind, "")

    def remember(self, kind: Kind, chosen: str) -> None:
        """Keep the folder of a chosen file for the next dialog of this kind."""
        if not chosen:
            return
        folder = str(Path(chosen).parent)
        if self._settings is not None:
            self._settings.setValue(f"folders/{kind.value}", folder)
        else:
            self._folders[kind] = folder

    def start(self, kind: Kind, name: str = "") -> str:
        """Where a dialog of this kind opens: the remembered folder, with `name` in it if given."""
        folder = self.folder(kind)
        if not folder or not Path(folder).is_dir():
            return name
        return str(Path(folder) / name) if name else folder

    def save_name(self, parent: QWidget | None, caption: str, suggested: str, filters: str) -> str:
        """A file to write (an export); "" when the dialog was cancelled."""
        name, _ = QFileDialog.getSaveFileName(parent, caption, self.start(Kind.EXPORT, suggested), filters)
        self.remember(Kind.EXPORT, name)
        return name

    def open_name(self, parent: QWidget | None, caption: str, filters: str) -> str:
        """A file to read (an import); "" when the dialog was cancelled."""
        name, _ = QFileDialog.getOpenFileName(parent, caption, self.start(Kind.IMPORT), filters)
        self.remember(Kind.IMPORT, name)
        return name

    def open_names(self, parent: QWidget | None, caption: str, filters: str) -> list[str]:
        """Files to read (an import of several texts); [] when the dialog was cancelled."""
        names, _ = QFileDialog.getOpenFileNames(parent, caption, self.start(Kind.IMPORT), filters)
        if names:
            self.remember(Kind.IMPORT, names[0])
        return list(names)
