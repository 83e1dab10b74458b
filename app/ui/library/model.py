"""The library as a table model, and the proxy that filters it by title or source in either script."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from app.core.scripts import simplified_shadow
from app.services.documents import ArticleSummary

COL_TITLE, COL_SOURCE, COL_PARAGRAPHS = range(3)
HEADERS = ("Title", "Source", "Paragraphs")

# The backing ArticleSummary of a row, from any column.
ArticleRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    """Read-only rows of ArticleSummary, bundled articles first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._articles: list[ArticleSummary] = []

    def set_articles(self, articles: list[ArticleSummary]) -> None:
        self.beginResetModel()
        # Stable: bundled first, each group in the order given (Documents lists them so already).
        self._articles = sorted(articles, key=lambda a: not a.bundled)
        self.endResetModel()

    def articles(self) -> list[ArticleSummary]:
        return list(self._articles)

    def row_of(self, article_id: str) -> int:
        """The row of an article, or -1."""
        return next((row for row, a in enumerate(self._articles) if a.id == article_id), -1)

    # -- Qt overrides ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        article = self._articles[index.row()]
        column = index.column()
        if role == ArticleRole:
            return article
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TITLE:
                return article.title
            if column == COL_SOURCE:
                return article.source
            if column == COL_PARAGRAPHS:
                return article.paragraphs  # an int, so the proxy sorts it as a number
        if role == Qt.ItemDataRole.ToolTipRole:
            where = "bundled with Duben" if article.bundled else f"imported from {article.source}"
            return f"{article.title}\n{where}; {article.paragraphs} paragraphs"
        if role == Qt.ItemDataRole.FontRole and article.bundled and column == COL_TITLE:
            # Italic rather than a colour: it reads the same in the light and dark themes.
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PARAGRAPHS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _key(text: str) -> str:
    """What filtering compares: Simplified characters, Latin letters in one case."""
    return simplified_shadow(text).casefold()


class LibraryFilterModel(QSortFilterProxyModel):
    """Rows whose title or source contains the query, ignoring case and script (協調 finds 协调)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        key = _key(text.strip())
        if key == self._query:
            return
        # Qt 6.9+ filter-change bracketing (a Qt method, absent before); invalidateFilter is deprecated from then on.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._query = key
            self.endFilterChange()
        else:
            self._query = key
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._query:
            return True
        article = self.sourceModel().index(source_row, COL_TITLE, source_parent).data(ArticleRole)
        if article is None:
            return False
        return self._query in _key(article.title) or self._query in _key(article.source)
