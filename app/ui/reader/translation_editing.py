"""The user's own translation of a paragraph: the editor dialog (the source above, a start from
the bundled translation on request), and an undoable command that saves at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.io.store.translations import StoredTranslation
from app.services.translation import ArticleTranslation

# written(article_id): the translation of that article was saved; show it if it is open.
Written = Callable[[str], None]


class TranslationDialog(QDialog):
    """The source paragraph (selectable, not editable) above the translation being written;
    Ctrl+Return saves, Esc cancels. "Start from the bundled translation" copies it in."""

    def __init__(self, parent: QWidget | None, index: int, source: str, previous: str, bundled: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Your translation of paragraph {index + 1}")
        self.source = QPlainTextEdit(source)
        self.source.setReadOnly(True)
        self.source.setMaximumHeight(120)
        self.editor = QPlainTextEdit(previous)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.start = QPushButton("Start from the bundled translation")
        self.start.setEnabled(bool(bundled))
        self.start.clicked.connect(lambda: self.editor.setPlainText(bundled))
        self.buttons.addButton(self.start, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(QLabel("Empty removes your translation. Ctrl+Return saves."))
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        self.resize(600, 380)
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText()


def ask_translation(parent: QWidget, index: int, source: str, previous: str, bundled: str) -> str | None:
    dialog = TranslationDialog(parent, index, source, previous, bundled)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


class TranslationCommand(QUndoCommand):
    """Saving translations in one store transaction; undo puts the previous ones back (an empty
    text removes a paragraph's translation)."""

    def __init__(
        self,
        work: ArticleTranslation,
        label: str,
        before: list[StoredTranslation],
        after: list[StoredTranslation],
        written: Written,
    ) -> None:
        super().__init__(label)
        self._work, self._written = work, written
        self._before, self._after = before, after

    def _write(self, rows: list[StoredTranslation]) -> None:
        self._work.set_many(rows)
        self._written(self._work.article.id)

    def redo(self) -> None:
        self._write(self._after)

    def undo(self) -> None:
        self._write(self._before)
