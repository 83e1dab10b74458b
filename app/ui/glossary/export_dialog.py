"""The one glossary export dialog (File menu and the glossary panel): a format from the registry, and a scope."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from app.core.glossary import Concept, Glossary
from app.io.glossary.export import EXPORT_FORMATS, ExportFormat, concepts_in_text


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


class GlossaryExportDialog(QDialog):
    """Formats and their labels come from `EXPORT_FORMATS`; "this article's" only while one is open."""

    def __init__(self, parent: QWidget | None, article_open: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export glossary")
        self.format_combo = QComboBox()
        for fmt in EXPORT_FORMATS:
            self.format_combo.addItem(fmt.label, fmt.name)
        self.scope_combo = QComboBox()
        for scope in Scope:
            if scope is not Scope.ARTICLE or article_open:
                self.scope_combo.addItem(scope.value, scope)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format", self.format_combo)
        form.addRow("Concepts", self.scope_combo)
        form.addRow(buttons)

    def choice(self) -> ExportChoice:
        fmt = EXPORT_FORMATS[self.format_combo.currentIndex()]
        return ExportChoice(fmt, self.scope_combo.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, article_open: bool) -> ExportChoice | None:
        """Show the dialog; the choice, or None when it was cancelled."""
        dialog = cls(parent, article_open)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
