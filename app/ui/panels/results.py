"""The concordance and consistency-check panels: tables of places in the library, click to jump there."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.concordance import Hit
from app.core.consistency import Finding
from app.ui.panels.record_model import Column, RecordRole, RecordTableModel

HIT_COLUMNS: list[Column] = [
    ("Article", lambda h: h.title),
    ("¶", lambda h: h.paragraph),
    ("Left", lambda h: h.left),
    ("Form", lambda h: h.form),
    ("Right", lambda h: h.right),
]
LEFT_COLUMN = [header for header, _ in HIT_COLUMNS].index("Left")
FINDING_COLUMNS: list[Column] = [
    ("Kind", lambda f: f.kind),
    ("Severity", lambda f: f.severity),
    ("Article", lambda f: f.title or f.article),
    ("¶", lambda f: f.paragraph if f.paragraph is not None else ""),
    ("Term", lambda f: f.term),
    ("Count", lambda f: f.count),
    ("Message", lambda f: f.message),
]


class LeftContextDelegate(QStyledItemDelegate):
    """A concordance's left context, cut at its start when the column is narrow: the characters
    next to the keyword are the ones that matter (KWIC)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


def _table(model: RecordTableModel) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


class ConcordancePanel(QWidget):
    """Find across the library: every occurrence of any text, in either script, a glossary form's
    variants folded, each in its context (KWIC)."""

    query_entered = Signal(str)
    hit_activated = Signal(str, int, int)  # article id, start and end offsets of the text found

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Any text, word or term (either script; a term brings its regional forms)")
        self.field.returnPressed.connect(lambda: self.query_entered.emit(self.field.text().strip()))
        self.count = QLabel()
        # Keyword in context: the left context right-aligned against the form, as every KWIC display.
        self.model = RecordTableModel(HIT_COLUMNS, self, right_aligned=("Left",))
        self.view, self.proxy = _table(self.model)
        self.left_delegate = LeftContextDelegate(self.view)
        self.view.setItemDelegateForColumn(LEFT_COLUMN, self.left_delegate)
        self.view.clicked.connect(self._on_view_activated)
        self.view.activated.connect(self._on_view_activated)  # Enter on the row in hand, as a click
        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def show_hits(self, query: str, hits: Sequence[Hit]) -> None:
        self.field.setText(query)
        self.model.set_records(hits)
        forms = sorted({h.form for h in hits})
        self.count.setText(f"{len(hits)} hits" + (f" ({', '.join(forms)})" if forms else ""))

    def show_searching(self, query: str) -> None:
        self.field.setText(query)
        self.count.setText("searching…")

    def focus_field(self, text: str = "") -> None:
        """Ready for a query: `text` (the reader's selection) in the field when given, all selected."""
        if text and "\n" not in text:
            self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _on_view_activated(self, index: QModelIndex) -> None:
        hit = self.proxy.data(index, RecordRole)
        if hit is not None:
            self.hit_activated.emit(hit.article, hit.start, hit.end)


class CheckPanel(QWidget):
    """The consistency report for the open article or the whole library; exportable as CSV."""

    check_requested = Signal(str)  # "article" or "library"
    export_requested = Signal()
    place_activated = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.scope = QComboBox()
        self.scope.addItem("This article", "article")
        self.scope.addItem("Whole library", "library")
        run = QPushButton("Check")
        run.clicked.connect(lambda: self.check_requested.emit(self.scope.currentData()))
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_requested)
        self.summary = QLabel()
        self.model = RecordTableModel(FINDING_COLUMNS, self)
        self.view, self.proxy = _table(self.model)
        self.view.clicked.connect(self._on_view_clicked)
        top = QHBoxLayout()
        for widget in (self.scope, run, export):
            top.addWidget(widget)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        self.model.set_records(findings)
        warnings = sum(1 for f in findings if f.severity == "warning")
        self.summary.setText(f"{len(findings)} findings, {warnings} warnings")

    def _on_view_clicked(self, index: QModelIndex) -> None:
        finding = self.proxy.data(index, RecordRole)
        if finding is not None and finding.start is not None:
            self.place_activated.emit(finding.article, finding.start)
