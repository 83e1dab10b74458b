"""The glossary as a table of Chinese terms (one row per regional form), and its filter proxy."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from app.core.glossary import (
    CATEGORIES,
    REGIONS,
    STATUSES,
    ChineseTerm,
    Concept,
    Glossary,
    derive_pinyin,
    fold,
    problems_of,
)
from app.core.reading_styles import normalise_pinyin, pinyin_keys

(COL_CHINESE, COL_REGION, COL_STATUS, COL_PINYIN, COL_ENGLISH, COL_CATEGORY, COL_CONCEPT, COL_ORIGIN) = range(8)
HEADERS = ("Chinese", "Region", "Status", "Pinyin", "English", "Category", "Concept", "Origin")
EDITABLE = frozenset({COL_CHINESE, COL_REGION, COL_STATUS, COL_PINYIN, COL_ENGLISH, COL_CATEGORY})
ENGLISH_JOIN = " | "

ConceptRole = Qt.ItemDataRole.UserRole + 1  # the row's Concept, from any column
TermRole = Qt.ItemDataRole.UserRole + 2  # the row's ChineseTerm, from any column
SearchKeysRole = Qt.ItemDataRole.UserRole + 3  # the concept's SearchKeys, for the filter proxy

_Index = QModelIndex | QPersistentModelIndex
SaveCallback = Callable[[Concept, Concept], None]


@dataclass(frozen=True)
class SearchKeys:
    """What a free-text query is compared with, computed once per concept (pinyin is slow to derive)."""

    chinese: tuple[str, ...]  # folded forms
    english: tuple[str, ...]  # casefolded
    numbered: tuple[str, ...]  # pinyin keys with tone digits, one per form
    toneless: tuple[str, ...]


def _keys_of(concept: Concept, readings: dict[str, str]) -> SearchKeys:
    pairs = [pinyin_keys(readings[t.text]) for t in concept.terms]
    return SearchKeys(
        tuple(fold(t.text) for t in concept.terms),
        tuple(e.casefold() for e in concept.english) + (concept.id.casefold(),),
        tuple(p[0] for p in pairs),
        tuple(p[1] for p in pairs),
    )


def parse_regions(value: str) -> tuple[str, ...] | None:
    """`CN/HK`, `cn, hk` or `CN HK` as a tuple of known regions; None when any is unknown or none given."""
    parts = [p.strip().upper() for p in str(value).replace(",", "/").replace(" ", "/").split("/") if p.strip()]
    if not parts or any(p not in REGIONS for p in parts):
        return None
    return tuple(dict.fromkeys(parts))


class GlossaryTableModel(QAbstractTableModel):
    """Rows of (Concept, ChineseTerm), a concept's forms next to each other, in glossary order."""

    edit_refused = Signal(str)  # why the last setData returned False, for the panel to show

    def __init__(self, save: SaveCallback | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._glossary = Glossary()
        self._rows: list[tuple[Concept, ChineseTerm]] = []
        self._readings: dict[str, str] = {}  # term text -> derived pinyin, kept across resets
        self._keys: dict[str, SearchKeys] = {}

    # -- contents ---------------------------------------------------------------------------
    def set_glossary(self, glossary: Glossary) -> None:
        """Show `glossary`. When only cell contents differ (an edit, its undo) the rows are updated
        in place, so an open editor, the selection and the scroll position survive; else a reset."""
        rows = [(c, t) for c in glossary for t in c.terms]
        same_shape = len(rows) == len(self._rows) and all(a[0].id == b[0].id for a, b in zip(rows, self._rows))
        if not same_shape:
            self.beginResetModel()
            self._glossary, self._rows, self._keys = glossary, rows, {}
            self.endResetModel()
            return
        changed = [i for i, (a, b) in enumerate(zip(rows, self._rows)) if a != b]
        self._glossary, self._rows = glossary, rows
        for concept_id in {rows[i][0].id for i in changed}:
            self._keys.pop(concept_id, None)
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))

    @property
    def glossary(self) -> Glossary:
        return self._glossary

    def concept_at(self, row: int) -> Concept | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def rows_of(self, concept_id: str) -> list[int]:
        return [i for i, (c, _) in enumerate(self._rows) if c.id == concept_id]

    def row_of(self, concept_id: str, text: str | None = None) -> int:
        """The row of a concept's form (its first form when `text` is None or gone), or -1."""
        rows = self.rows_of(concept_id)
        if text is not None:
            exact = [r for r in rows if self._rows[r][1].text == text]
            rows = exact or rows
        return rows[0] if rows else -1

    def pinyin_of(self, term: ChineseTerm) -> str:
        """The term's own pinyin, or the derived one (cached: pypinyin costs milliseconds a term)."""
        if term.pinyin:
            return term.pinyin
        if term.text not in self._readings:
            self._readings[term.text] = derive_pinyin(term.text)
        return self._readings[term.text]

    def search_keys(self, concept: Concept) -> SearchKeys:
        keys = self._keys.get(concept.id)
        if keys is None:
            keys = _keys_of(concept, {t.text: self.pinyin_of(t) for t in concept.terms})
            self._keys[concept.id] = keys
        return keys

    # -- Qt overrides -----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS.get(section)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        concept, term = self._rows[index.row()]
        column = index.column()
        if role == ConceptRole:
            return concept
        if role == TermRole:
            return term
        if role == SearchKeysRole:
            return self.search_keys(concept)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(concept, term, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_PINYIN and not term.pinyin:
                return "Derived from the characters; edit to set it"
            return concept.note or None
        if role == Qt.ItemDataRole.FontRole and column == COL_PINYIN and not term.pinyin:
            # Italic marks a derived reading; a colour would not read the same in both themes.
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _text(self, concept: Concept, term: ChineseTerm, column: int) -> str:
        if column == COL_CHINESE:
            return term.text
        if column == COL_REGION:
            return term.region_label
        if column == COL_STATUS:
            return term.status
        if column == COL_PINYIN:
            return self.pinyin_of(term)
        if column == COL_ENGLISH:
            return ENGLISH_JOIN.join(concept.english)
        if column == COL_CATEGORY:
            return concept.category
        if column == COL_CONCEPT:
            return concept.id
        if column == COL_ORIGIN:
            return concept.origin
        return ""

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        if not 0 <= index.row() < len(self._rows):
            return False
        before, term = self._rows[index.row()]
        if str(value).strip() == self._text(before, term, index.column()):
            return True  # nothing changed: no save, no undo step
        after, reason = self._edited(before, term, index.column(), str(value))
        if after is None:
            self.edit_refused.emit(reason)
            return False
        # Update the rows first, so the save callback's refresh finds nothing left to change.
        self._replace(after)
        if self._save is not None:
            self._save(before, after)
        return True

    # -- editing ----------------------------------------------------------------------------
    def _edited(self, concept: Concept, term: ChineseTerm, column: int, value: str) -> tuple[Concept | None, str]:
        """The concept after one cell edit, or (None, why it is refused)."""
        value = value.strip()
        new_term, new_concept = term, concept
        if column == COL_CHINESE:
            if not value:
                return None, "A Chinese term cannot be empty"
            owner = self._glossary.find_term(value)
            if owner and owner[0].id != concept.id:
                return None, f"{value} already belongs to {owner[0].id}"
            if any(fold(t.text) == fold(value) for t in concept.terms if t is not term):
                return None, f"{concept.id} already has {value}"
            # The old reading and script belonged to the old characters: derive them afresh.
            new_term = replace(term, text=value, script="", pinyin="")
        elif column == COL_REGION:
            regions = parse_regions(value)
            if regions is None:
                return None, f"Regions are one or more of {', '.join(REGIONS)}, e.g. CN/HK"
            new_term = replace(term, regions=regions)
        elif column == COL_STATUS:
            if value not in STATUSES:
                return None, f"Status is one of {', '.join(STATUSES)}"
            new_term = replace(term, status=value)
        elif column == COL_PINYIN:
            new_term = replace(term, pinyin=normalise_pinyin(value))  # empty: derived again
        elif column == COL_ENGLISH:
            english = tuple(e.strip() for e in value.split("|") if e.strip())
            if not english:
                return None, "A concept needs at least one English term"
            new_concept = replace(concept, english=english)
        elif column == COL_CATEGORY:
            if value not in CATEGORIES:
                return None, f"Category is one of {', '.join(CATEGORIES)}"
            new_concept = replace(concept, category=value)
        terms = tuple(new_term if t is term else t for t in new_concept.terms)
        after = replace(new_concept, terms=terms, origin="user")  # what the store will give back
        problems = problems_of(after)
        return (None, problems[0]) if problems else (after, "")

    def _replace(self, concept: Concept) -> None:
        """Put an edited concept (same number of forms) in its rows and announce those rows."""
        rows = self.rows_of(concept.id)
        for row, term in zip(rows, concept.terms):
            self._rows[row] = (concept, term)
        self._keys.pop(concept.id, None)
        self._glossary = Glossary({**self._glossary.concepts, concept.id: concept})
        if rows:
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], len(HEADERS) - 1))


_HEADER_TIPS = {
    COL_REGION: f"Where the form is used: {', '.join(REGIONS)} (several as CN/HK)",
    COL_STATUS: f"One of {', '.join(STATUSES)}",
    COL_PINYIN: "Tone marks or numbers (pu3 jing1); empty to derive it from the characters",
    COL_ENGLISH: "English terms of the concept, preferred first, separated by |",
    COL_CATEGORY: f"One of {', '.join(CATEGORIES)}",
    COL_ORIGIN: "bundled with Duben, or user (your edits and imports)",
}


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _is_chinese(text: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("CJK") for ch in text)


@dataclass(frozen=True)
class _Filter:
    query: str = ""
    category: str = ""
    region: str = ""


class GlossaryFilterModel(QSortFilterProxyModel):
    """Rows whose concept matches a free-text query (Chinese in either script, English, pinyin with
    or without tones), in a category and with a form used in a region, each filter optional."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = _Filter()
        # With a query and no column chosen by the user, rows are sorted best match first.
        self._ranked = False
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A column the user sorts by (a header click) wins over the ranking of matches."""
        self._ranked = False
        super().sort(column, order)

    def _rank_rows(self) -> None:
        if self._filter.query and (self._ranked or self.sortColumn() < 0):
            self._ranked = True
            super().sort(COL_CHINESE, Qt.SortOrder.AscendingOrder)
        elif self._ranked:
            self._ranked = False
            super().sort(-1)  # the glossary's own order again

    def lessThan(self, left: _Index, right: _Index) -> bool:
        if not self._ranked:
            return super().lessThan(left, right)
        # Rows of one concept share its rank, and the source order keeps them together.
        source, query = self.sourceModel(), self._filter.query
        a = (rank(query, source.index(left.row(), COL_CHINESE).data(SearchKeysRole)), left.row())
        b = (rank(query, source.index(right.row(), COL_CHINESE).data(SearchKeysRole)), right.row())
        return a < b

    @property
    def query(self) -> str:
        return self._filter.query

    def set_query(self, text: str) -> None:
        self._change(replace(self._filter, query=text.strip()))

    def set_category(self, category: str) -> None:
        """Only concepts of this category ("" for all)."""
        self._change(replace(self._filter, category=category))

    def set_region(self, region: str) -> None:
        """Only forms used in this region ("" for all)."""
        self._change(replace(self._filter, region=region))

    def _change(self, new: _Filter) -> None:
        old = self._filter
        if new == old:
            return
        # Qt 6.9+ filter-change bracketing (a Qt method, absent before); invalidateFilter is deprecated from then on.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._filter = new
            self.endFilterChange()
        else:
            self._filter = new
            self.invalidateFilter()
        if new.query != old.query:
            self._rank_rows()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        index = self.sourceModel().index(source_row, COL_CHINESE, source_parent)
        concept, term = index.data(ConceptRole), index.data(TermRole)
        if concept is None or term is None:
            return False
        if self._filter.category and concept.category != self._filter.category:
            return False
        if self._filter.region and self._filter.region not in term.regions:
            return False
        return not self._filter.query or matches(self._filter.query, index.data(SearchKeysRole))


def matches(query: str, keys: SearchKeys) -> bool:
    """Whether a concept's keys match a query: a Chinese query by its folded characters, a Latin
    one by English (substring, any case) or by pinyin (tones compared only when the query has them)."""
    if _is_chinese(query):
        key = fold(query)
        return any(key in form for form in keys.chinese)
    lowered = query.casefold()
    if any(lowered in english for english in keys.english):
        return True
    numbered, toneless = pinyin_keys(query)
    if not toneless:
        return False
    if any(ch.isdigit() for ch in numbered):
        return any(numbered in form for form in keys.numbered)
    return any(toneless in form for form in keys.toneless)


_WORD = re.compile(r"[^\W_]+")


def _tier(query: str, keys: Iterable[str], words: bool = False) -> tuple[int, int] | None:
    """How well `query` matches the best of `keys`: 0 the whole key, 1 a whole word of it (with
    `words`), 2 its start or a word's start, 3 inside; with the key's length, shorter first."""
    best: tuple[int, int] | None = None
    for key in keys:
        if query not in key:
            continue
        parts = _WORD.findall(key) if words else []
        if key == query:
            tier = 0
        elif query in parts:
            tier = 1
        elif key.startswith(query) or any(part.startswith(query) for part in parts):
            tier = 2
        else:
            tier = 3
        best = min(best or (tier, len(key)), (tier, len(key)))
    return best


def rank(query: str, keys: SearchKeys | None) -> tuple[int, int]:
    """Where a matching concept goes in the filtered list: exact matches first, then whole words
    (putin: Vladimir Putin), then prefixes, then matches inside a form, English term or reading."""
    worst = (4, 0)
    if keys is None:
        return worst
    if _is_chinese(query):
        return _tier(fold(query), keys.chinese) or worst
    numbered, toneless = pinyin_keys(query)
    pinyin = _tier(numbered, keys.numbered) if any(ch.isdigit() for ch in numbered) else _tier(toneless, keys.toneless)
    found = [t for t in (_tier(query.casefold(), keys.english, words=True), pinyin if toneless else None) if t]
    return min(found, default=worst)
