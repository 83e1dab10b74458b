"""A read-only table model over a list of plain records, its columns given as (header, getter) pairs."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

RecordRole = Qt.ItemDataRole.UserRole + 1

Column = tuple[str, Callable[[Any], Any]]
_Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Concordance hits, check findings...: one row per record, `RecordRole` gives the record back."""

    def __init__(
        self, columns: Sequence[Column], parent: QObject | None = None, right_aligned: Collection[str] = ()
    ) -> None:
        """`right_aligned`: headers of columns whose text sits against their right edge (a
        concordance's left context, against the keyword)."""
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Any] = []
        self._right = {n for n, (header, _) in enumerate(self.columns) if header in right_aligned}

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        if role == RecordRole:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.columns[index.column()][1](record)
            return value if isinstance(value, int) or value is None else str(value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section][0]
        return None
