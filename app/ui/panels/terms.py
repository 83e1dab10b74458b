"""The term pane: the glossary concepts of the paragraph at the cursor, for a translator; a click
on a row copies its approved English."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.core.paragraph_terms import TermRow
from app.ui.panels.record_model import Column, RecordRole, RecordTableModel


def _flags(row: TermRow) -> str:
    return ", ".join(row.flags)


def _others(row: TermRow) -> str:
    return "; ".join(
        f"{form} ({regions}{'' if status == 'preferred' else ', ' + status})" for form, regions, status in row.others
    )


def _found(row: TermRow) -> str:
    return f"{row.written} ({'/'.join(row.regions)})"


# The flag second: a narrow pane still shows what is wrong with the form found.
TERM_COLUMNS: list[Column] = [
    ("English", lambda r: r.english),
    ("⚠", _flags),
    ("Found", _found),
    ("Status", lambda r: r.status),
    ("Other forms", _others),
]


class _TermModel(RecordTableModel):
    """Rows of a flagged form (deprecated, another region's) are drawn in the palette's link-visited
    colour and carry their reason in the last column, so the flag does not rest on colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(TERM_COLUMNS, parent)
        self.warning = QColor("darkred")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row: TermRow = self.records[index.row()]
            if row.flags:
                return QBrush(self.warning)
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row = self.records[index.row()]
            lines = [f"{row.english} — click to copy"]
            if row.other_english:
                lines.append("Also approved: " + ", ".join(row.other_english))
            if row.deprecated_english:
                lines.append("Deprecated: " + ", ".join(row.deprecated_english))
            return "\n".join(lines)
        return super().data(index, role)


class TermPane(QWidget):
    """Lists TermRows; `english_clicked` gives the approved English of the row clicked."""

    english_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("Move the cursor to a paragraph to see its terms.")
        self.heading.setWordWrap(True)
        self.model = _TermModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.clicked.connect(self._on_table_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)

    def show_terms(self, paragraph: int | None, rows: Sequence[TermRow], target: str) -> None:
        # The link-visited colour reads as a warning in both themes' palettes.
        self.model.warning = self.palette().color(QPalette.ColorRole.LinkVisited)
        self.model.set_records(rows)
        if paragraph is None:
            self.heading.setText("Move the cursor to a paragraph to see its terms.")
        else:
            flagged = sum(1 for r in rows if r.flags)
            counted = f"{len(rows)} term{'' if len(rows) == 1 else 's'}"
            extra = f", {flagged} flagged" if flagged else ""
            self.heading.setText(
                f"Paragraph {paragraph + 1}: {counted}{extra} (target {target}). Click to copy the English."
            )

    def rows(self) -> list[TermRow]:
        return list(self.model.records)

    def _on_table_clicked(self, index: QModelIndex) -> None:
        row = self.model.data(index, RecordRole)
        if isinstance(row, TermRow):
            self.english_clicked.emit(row.english)
