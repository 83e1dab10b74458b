"""The one glossary export dialog (File menu and the glossary panel): a format from the registry, a scope
and the file, in one step."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.core.glossary import Concept, Glossary
from app.io.glossary.export import EXPORT_FORMATS, ExportFormat
from app.io.glossary.export_scope import concepts_in_text
from app.ui.file_dialogs import FileDialogs, Kind


class Scope(Enum):
    """Which concepts an export writes."""

    ALL = "All concepts"
    ARTICLE = "Only this article's"
    USER = "Only my edits and imports"


def concepts_in_scope(glossary: Glossary, scope: Scope, article_text: str | None = None) -> list[Concept]:
    """The concepts to export: all, those with a term in the open article, or the user's own."""
    if scope is Scope.ARTICLE:
        return concepts_in_text(glossary, article_text or "")
    if scope is Scope.USER:
        return [c for c in glossary if c.origin == "user"]
    return list(glossary)


@dataclass(frozen=True)
class ExportChoice:
    format: ExportFormat
    scope: Scope
    path: str


SUGGESTED_STEM = "duben-glossary"
SUFFIXES = {f".{fmt.suffix}" for fmt in EXPORT_FORMATS}


class GlossaryExportDialog(QDialog):
    """Everything an export needs in one step: the format (from `EXPORT_FORMATS`), the scope
    ("this article's" only while one is open) and the file, typed or chosen with "Choose…"."""

    def __init__(self, parent: QWidget | None, article_open: bool, files: FileDialogs | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export glossary")
        self._files = files or FileDialogs()
        self._chosen = ""  # a file picked in the file dialog, which has asked about replacing it
        self.format_combo = QComboBox()
        for fmt in EXPORT_FORMATS:
            self.format_combo.addItem(fmt.label, fmt.name)
        self.scope_combo = QComboBox()
        for scope in Scope:
            if scope is not Scope.ARTICLE or article_open:
                self.scope_combo.addItem(scope.value, scope)
        folder = self._files.folder(Kind.EXPORT) or str(Path.home())
        self.path_edit = QLineEdit(str(Path(folder) / f"{SUGGESTED_STEM}.{EXPORT_FORMATS[0].suffix}"))
        self.choose_button = QPushButton("Choose…")
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        form = QFormLayout(self)
        form.addRow("Format", self.format_combo)
        form.addRow("Concepts", self.scope_combo)
        form.addRow("File", file_row)
        form.addRow(self.buttons)
        self.setMinimumWidth(520)  # a whole path shows
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.path_edit.textChanged.connect(self._on_path_changed)

    def current_format(self) -> ExportFormat:
        return EXPORT_FORMATS[self.format_combo.currentIndex()]

    def choice(self) -> ExportChoice:
        return ExportChoice(self.current_format(), self.scope_combo.currentData(), self.path_edit.text().strip())

    def _on_format_changed(self, _index: int) -> None:
        # The file's suffix follows the format, unless the user gave one of their own.
        path = Path(self.path_edit.text().strip())
        if path.name and (path.suffix in SUFFIXES or not path.suffix):
            self.path_edit.setText(str(path.with_suffix(f".{self.current_format().suffix}")))

    def _on_choose_clicked(self) -> None:
        fmt = self.current_format()
        chosen = self._files.save_name(self, "Export glossary", self.path_edit.text(), f"{fmt.label} (*.{fmt.suffix})")
        if chosen:
            self.path_edit.setText(chosen)
            self._chosen = chosen

    def _on_path_changed(self, text: str) -> None:
        self.export_button.setEnabled(bool(text.strip()))

    def _on_export_clicked(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            return
        if Path(path).exists() and self._chosen != path:
            answer = QMessageBox.question(self, "Replace file", f"{path} exists already. Replace it?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._files.remember(Kind.EXPORT, path)
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, article_open: bool, files: FileDialogs | None = None) -> ExportChoice | None:
        """Show the dialog; the choice, or None when it was cancelled."""
        dialog = cls(parent, article_open, files)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
