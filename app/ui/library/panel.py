"""The library side panel: a filter line over a table of articles; opening one emits its id, as do its
context menu, F2 (rename) and Delete."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.services.documents import ArticleSummary
from app.services.progress import TextProgress
from app.ui.library.model import (
    COL_SOURCE,
    COL_TITLE,
    NUMBER_COLUMNS,
    ArticleRole,
    LibraryFilterModel,
    LibraryModel,
)

# Room beside a figure column's header text: the margins a style draws, and the sort arrow.
FIGURE_PADDING = 18
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ENTRY_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_Delete)


class LibraryPanel(QWidget):
    """Click an article, or press Enter on it (or in the filter, for the first match), to open it."""

    article_activated = Signal(str)
    menu_requested = Signal(str, QPoint)  # an entry's id, and where (global) its context menu goes
    rename_requested = Signal(str)  # F2 on an entry
    delete_requested = Signal(str)  # Delete on an entry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.proxy = LibraryFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter articles")
        self.filter_edit.setClearButtonEnabled(True)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.ResizeToContents)
        # The figures as wide as their header or their widest value ("HSK 1–4", "100%") and no
        # wider, so that in the narrow sidebar the titles keep most of the room; the user may
        # widen any of them.
        metrics = header.fontMetrics()
        for column in NUMBER_COLUMNS:
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(label), metrics.horizontalAdvance("100%")) + FIGURE_PADDING
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # No sort column until the user clicks a header: the library's own order (bundled first) shows.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)

        self.filter_edit.textChanged.connect(self._on_filter_text_changed)
        self.filter_edit.returnPressed.connect(self._on_filter_return_pressed)
        # `clicked` for the mouse, and Enter through the event filter, rather than `activated`:
        # depending on the platform style `activated` also fires on a click or a double click,
        # and one gesture would then open the article twice.
        self.view.clicked.connect(self._on_view_clicked)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu_requested)
        self.view.installEventFilter(self)
        self.filter_edit.installEventFilter(self)
        # The article the window has open: selected again when a filter stops hiding it.
        self._open_id: str | None = None

    # -- the window's side ----------------------------------------------------------------------
    def set_articles(self, summaries: list[ArticleSummary]) -> None:
        """Show these articles, keeping the open one selected if it is among them."""
        self.model.set_articles(summaries)
        if self._open_id is not None:
            self._highlight(self._open_id)

    def set_figures(self, progress: Mapping[str, TextProgress], profiles: Mapping[str, Mapping[str, float]]) -> None:
        """How far each article is read, and its level profile once worked out."""
        self.model.set_figures(progress, profiles)

    def select(self, article_id: str) -> bool:
        """Mark the open article, without emitting; False while it is unknown or filtered out
        (it is remembered, and highlighted once a new list or filter shows it)."""
        self._open_id = article_id
        return self._highlight(article_id)

    def _highlight(self, article_id: str) -> bool:
        row = self.model.row_of(article_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL_TITLE))
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)
        return True

    def current_id(self) -> str | None:
        """The article highlighted in the list (None when there is none, or it is filtered out)."""
        article = self.view.currentIndex().data(ArticleRole)
        return article.id if article is not None else None

    # -- handlers -------------------------------------------------------------------------------
    def _on_filter_text_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        if self._open_id is not None and not self._highlight(self._open_id):
            # Qt moves the current row to a neighbour of a hidden one, which would look open.
            self.view.selectionModel().clear()

    def _on_filter_return_pressed(self) -> None:
        # Enter in the filter opens the current article if it is shown, else the first one shown.
        index = self.view.currentIndex()
        if not index.isValid() and self.proxy.rowCount() > 0:
            index = self.proxy.index(0, COL_TITLE)
        if index.isValid():
            self._highlight(index.data(ArticleRole).id)
            self._emit(index)

    def _on_view_clicked(self, index: QModelIndex) -> None:
        self._emit(index)

    def _on_view_context_menu_requested(self, where: QPoint) -> None:
        article = self.view.indexAt(where).data(ArticleRole)
        if article is not None:
            self.menu_requested.emit(article.id, self.view.viewport().mapToGlobal(where))

    def _emit(self, index: QModelIndex) -> None:
        article = index.data(ArticleRole)
        if article is not None:
            self._open_id = article.id
            self.article_activated.emit(article.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if watched is self.view and event.key() in _ENTER_KEYS:
                self._emit(self.view.currentIndex())
                return True
            current = self.current_id()
            if watched is self.view and current is not None and event.key() in _ENTRY_KEYS:
                (self.rename_requested if event.key() == Qt.Key.Key_F2 else self.delete_requested).emit(current)
                return True
            if watched is self.filter_edit and event.key() == Qt.Key.Key_Down and self.proxy.rowCount() > 0:
                # Down from the filter goes to the list, so the keyboard alone can pick an article.
                self.view.setFocus()
                if not self.view.currentIndex().isValid():
                    self._highlight(self.proxy.index(0, COL_TITLE).data(ArticleRole).id)
                return True
        return super().eventFilter(watched, event)
