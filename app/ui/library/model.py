"""The library as a table model, and the proxy that filters it by title or source in either script."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from app.core.levels import easy_share, profile_line
from app.core.scripts import simplified_shadow
from app.services.documents import ArticleSummary
from app.services.progress import TextProgress

COL_TITLE, COL_SOURCE, COL_PARAGRAPHS, COL_READ, COL_EASY, COL_KNOWN = range(6)
HEADERS = ("Title", "Source", "Paragraphs", "Read", "HSK 1–4", "Known")
HEADER_TIPS = (
    "The article's title (bundled articles in italics)",
    "Where the article came from",
    "How many paragraphs the article has",
    "How far into the article you are: paragraphs read (the furthest you got) of its paragraphs",
    "Share of the article's running words at HSK levels 1 to 4 (glossary names left out): "
    "the higher, the easier the text",
    "Share of the article's running words you have marked known: it follows your marks",
)
NUMBER_COLUMNS = (COL_PARAGRAPHS, COL_READ, COL_EASY, COL_KNOWN)
# Shown while an article's level profile is being worked out.
WORKING = "…"

# The backing ArticleSummary of a row, from any column.
ArticleRole = Qt.ItemDataRole.UserRole + 1
# What a column sorts by: the number behind a share, so 9% sorts below 10%; an article not
# opened yet (or whose profile is not worked out yet) sorts below every figure.
SortRole = Qt.ItemDataRole.UserRole + 2
NO_FIGURE = -1.0

_Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    """Read-only rows of ArticleSummary, bundled articles first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._articles: list[ArticleSummary] = []
        self._progress: dict[str, TextProgress] = {}
        self._profiles: dict[str, Mapping[str, float]] = {}

    def set_figures(self, progress: Mapping[str, TextProgress], profiles: Mapping[str, Mapping[str, float]]) -> None:
        """How far each article is read, and the level profiles worked out so far (by id)."""
        self._progress, self._profiles = dict(progress), dict(profiles)
        if self._articles:
            last = self.index(len(self._articles) - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(0, COL_READ), last)

    def profile(self, article_id: str) -> Mapping[str, float] | None:
        return self._profiles.get(article_id)

    def progress(self, article_id: str) -> TextProgress | None:
        return self._progress.get(article_id)

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
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
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
        if role == SortRole:
            return self._sort_key(article, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(article, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(article, column)
        if role == Qt.ItemDataRole.FontRole and article.bundled and column == COL_TITLE:
            # Italic rather than a colour: it reads the same in the light and dark themes.
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _figure(self, article: ArticleSummary, column: int) -> float | None:
        """The share a figure column shows, or None (not opened; profile not worked out yet)."""
        if column == COL_READ:
            progress = self._progress.get(article.id)
            return progress.share if progress is not None else None
        profile = self._profiles.get(article.id)
        if profile is None:
            return None
        return easy_share(profile) if column == COL_EASY else profile["known"]

    def _shown(self, article: ArticleSummary, column: int) -> Any:
        if column == COL_TITLE:
            return article.title
        if column == COL_SOURCE:
            return article.source
        if column == COL_PARAGRAPHS:
            return article.paragraphs
        figure = self._figure(article, column)
        if figure is None:
            return "" if column == COL_READ else WORKING
        return f"{figure:.0%}"

    def _sort_key(self, article: ArticleSummary, column: int) -> Any:
        if column in (COL_TITLE, COL_SOURCE):
            return _key(self._shown(article, column))  # 協調 beside 协调
        if column == COL_PARAGRAPHS:
            return article.paragraphs
        figure = self._figure(article, column)
        return NO_FIGURE if figure is None else figure

    def _tip(self, article: ArticleSummary, column: int) -> str:
        if column == COL_READ:
            progress = self._progress.get(article.id)
            return progress.line() if progress is not None else "Not opened yet"
        if column in (COL_EASY, COL_KNOWN):
            profile = self._profiles.get(article.id)
            if profile is None:
                return "Working out the article's word levels…"
            return f"Shares of the running words: {profile_line(profile)}"
        where = "bundled with Duben" if article.bundled else f"imported from {article.source}"
        return f"{article.title}\n{where}; {article.paragraphs} paragraphs"


def _key(text: str) -> str:
    """What filtering compares: Simplified characters, Latin letters in one case."""
    return simplified_shadow(text).casefold()


class LibraryFilterModel(QSortFilterProxyModel):
    """Rows whose title or source contains the query, ignoring case and script (協調 finds 协调)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""
        self.setSortRole(SortRole)

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
