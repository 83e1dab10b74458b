"""The glossary panel: filter, edit, add, delete (all undoable) and export the glossary's terms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.glossary import (
    CATEGORIES,
    ID_PATTERN,
    REGIONS,
    STATUSES,
    ChineseTerm,
    Concept,
    derive_pinyin,
    problems_of,
)
from app.core.reading_styles import normalise_pinyin, pinyin_keys
from app.services.context import AppContext
from app.ui.file_dialogs import FileDialogs
from app.ui.glossary.commands import AddTermCommand, DeleteConceptCommand, EditConceptCommand, ImportGlossaryCommand
from app.ui.glossary.model import (
    COL_CATEGORY,
    COL_CHINESE,
    COL_CONCEPT,
    COL_ENGLISH,
    COL_ORIGIN,
    COL_PINYIN,
    COL_REGION,
    COL_STATUS,
    ConceptRole,
    GlossaryFilterModel,
    GlossaryTableModel,
    TermRole,
    parse_regions,
)


class GlossaryPanel(QWidget):
    """Every change goes through `undo_stack`; the window adds its Undo/Redo actions."""

    concept_activated = Signal(str)  # a row double-clicked: the window shows that concept's card
    glossary_changed = Signal()  # the glossary was reloaded: the reader should re-mark its terms
    export_requested = Signal()  # the Export button: the window's one export dialog takes over

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        files: FileDialogs | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """`undo_stack`: the window's, when its menus were made before this panel."""
        super().__init__(parent)
        self._context = context
        self.files = files or FileDialogs()  # its Import… opens in the folder of the last import
        self.undo_stack = undo_stack or QUndoStack(self)
        self.add_dialog: _AddTermDialog | None = None
        self.model = GlossaryTableModel(self._on_model_edited, self)
        self.proxy = GlossaryFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText("Filter: Chinese, English or pinyin")
        self.query_edit.setClearButtonEnabled(True)
        self.category_combo = QComboBox()
        self.category_combo.addItem("All categories", "")
        for category in CATEGORIES:
            self.category_combo.addItem(category, category)
        self.region_combo = QComboBox()
        self.region_combo.addItem("All regions", "")
        for region in REGIONS:
            self.region_combo.addItem(region, region)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Double click opens the card, so editing starts with F2 or a click on the selected row.
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        # Compact rows: the default section size leaves room for two lines of CJK fallback text.
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setSortingEnabled(True)
        header = self.view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the glossary's own order until a header is clicked
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_ENGLISH, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (COL_CHINESE, 160),
            (COL_REGION, 64),
            (COL_STATUS, 84),
            (COL_PINYIN, 170),
            (COL_CATEGORY, 96),
            (COL_CONCEPT, 160),
            (COL_ORIGIN, 64),
        ):
            header.resizeSection(column, width)

        self.add_button = QPushButton("Add term…")
        self.delete_button = QPushButton("Delete concept")
        self.import_button = QPushButton("Import…")
        self.export_button = QPushButton("Export…")
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)

        filters = QHBoxLayout()
        filters.addWidget(self.query_edit, 1)
        filters.addWidget(self.category_combo)
        filters.addWidget(self.region_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.message_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.query_edit.textChanged.connect(self._on_query_text_changed)
        self.category_combo.currentIndexChanged.connect(self._on_category_changed)
        self.region_combo.currentIndexChanged.connect(self._on_region_changed)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.edit_refused.connect(self._on_model_edit_refused)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)

        self.model.set_glossary(context.glossary)
        self._update_buttons()

    # -- the window's side ------------------------------------------------------------------
    def refresh(self, concept_id: str | None = None) -> None:
        """Reload the glossary (after this panel's changes, an import, or any store edit) and show it,
        selecting `concept_id`'s row, or keeping the current one, where the filter shows it."""
        current = self.current_concept()
        term = self.view.currentIndex().data(TermRole)
        glossary = self._context.reload_glossary()
        self.model.set_glossary(glossary)
        if concept_id is not None:
            keep = term.text if term is not None and current is not None and current.id == concept_id else None
            self.select_concept(concept_id, keep)
        elif current is not None:
            self.select_concept(current.id, term.text if term else None)
        self._update_buttons()
        self.glossary_changed.emit()

    def select_concept(self, concept_id: str, text: str | None = None) -> bool:
        """Select a concept's row (the form `text` if given); False when it is unknown or filtered out."""
        row = self.model.row_of(concept_id, text)
        index = self.proxy.mapFromSource(self.model.index(row, COL_CHINESE)) if row >= 0 else QModelIndex()
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        # Show the concept's other forms too: they sit next to it unless a column is sorted.
        last = self.proxy.mapFromSource(self.model.index(self.model.rows_of(concept_id)[-1], COL_CHINESE))
        if last.isValid():
            self.view.scrollTo(last)
        self.view.scrollTo(index)
        return True

    def current_concept(self) -> Concept | None:
        concept = self.view.currentIndex().data(ConceptRole)
        return concept if isinstance(concept, Concept) else None

    # -- operations (the dialogs and buttons call these; so do tests) ------------------------
    def add_term(
        self,
        text: str,
        reading: str = "",
        english: str = "",
        region: str = "CN",
        status: str = "preferred",
        category: str = "other",
        concept_id: str | None = None,
    ) -> str:
        """Add a Chinese term to concept `concept_id`, or as a new concept; returns the concept's id.
        Raises ValueError (with a message for the user) when the term cannot be added."""
        text = text.strip()
        glossary = self.model.glossary
        regions = parse_regions(region) if isinstance(region, str) else tuple(region)
        if not text:
            raise ValueError("Enter the Chinese term")
        if not regions:
            raise ValueError(f"Choose a region: {', '.join(REGIONS)}")
        if status not in STATUSES:
            raise ValueError(f"Status is one of {', '.join(STATUSES)}")
        owner = glossary.find_term(text)
        if owner is not None:
            raise ValueError(f"{text} is already a term of {owner[0].id}")
        term = ChineseTerm(text, regions, status, "", normalise_pinyin(reading))
        english_terms = tuple(e.strip() for e in english.split("|") if e.strip())
        before = glossary.get(concept_id) if concept_id else None
        if concept_id and before is None:
            raise ValueError(f"No concept {concept_id}")
        if before is not None:
            extra = tuple(e for e in english_terms if e.casefold() not in {x.casefold() for x in before.english})
            after = replace(before, terms=before.terms + (term,), english=before.english + extra, origin="user")
        else:
            if category not in CATEGORIES:
                raise ValueError(f"Category is one of {', '.join(CATEGORIES)}")
            if not english_terms:
                raise ValueError("Enter an English term for the new concept")
            after = Concept(self._new_id(english_terms[0], text), category, english_terms, (term,), origin="user")
        problems = problems_of(after)
        if problems:
            raise ValueError(problems[0])
        self.undo_stack.push(AddTermCommand(self._context.store, before, after, text, self.refresh))
        self.reveal(after.id, text)
        return after.id

    def reveal(self, concept_id: str, text: str | None = None) -> None:
        """Select a concept's row; when the filters hide it, they are cleared so that it shows."""
        if self.select_concept(concept_id, text):
            return
        for combo in (self.category_combo, self.region_combo):
            combo.setCurrentIndex(0)
        self.query_edit.clear()
        self.select_concept(concept_id, text)

    def delete_concept(self, concept_id: str) -> None:
        """Hide a concept (bundled or the user's) in one undoable step."""
        concept = self.model.glossary.get(concept_id)
        if concept is None:
            raise KeyError(concept_id)
        self.undo_stack.push(DeleteConceptCommand(self._context.store, concept, self.refresh))

    def import_from(self, path: str | Path) -> str:
        """Import a CSV or TBX glossary file as one undoable step; returns the one-line outcome it shows.

        A refused file changes nothing; rejected rows are counted here and listed by `duben glossary import`.
        """
        from app.io.glossary.importing import GlossaryImportError, import_file

        path = Path(path)
        try:
            report = import_file(path, self.model.glossary)
        except GlossaryImportError as error:
            message = str(error)
        else:
            if report.concepts:
                self.undo_stack.push(
                    ImportGlossaryCommand(
                        self._context.store, report.concepts, set(self.model.glossary.concepts), path.name, self.refresh
                    )
                )
            message = f"{path.name}: {report.added} added, {report.updated} updated, {len(report.rejected)} rejected"
            if report.rejected:
                message += f" (first: {report.rejected[0].split(': ', 1)[-1]})"
        self._show_message(message)
        return message

    def import_dialog(self) -> str | None:
        path = self.files.open_name(
            self.window(), "Import glossary", "Glossaries (*.csv *.tbx *.tbx2 *.xml);;All files (*)"
        )
        return self.import_from(path) if path else None

    def _new_id(self, english: str, text: str) -> str:
        """A free concept id from the English term, else the pinyin (`vladimir-putin`, `pu-jing`)."""
        ascii_text = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode().casefold()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
        if not base or not base[0].isalpha():
            syllables = [pinyin_keys(s)[1] for s in derive_pinyin(text).split()]
            base = "-".join(s for s in syllables if s) or "term"
        base = base[:60].strip("-") if ID_PATTERN.match(base[:60].strip("-")) else "term"
        # Bundled ids count even when hidden: a new concept must not bring a deleted one back.
        taken = set(self.model.glossary.concepts) | set(self._context.bundled_glossary.glossary.concepts)
        taken |= set(self._context.store.user_concepts())
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    # -- dialogs ----------------------------------------------------------------------------
    def add_term_dialog(self, text: str = "", reading: str = "", english: str = "", region: str = "CN") -> str | None:
        """Ask for a new term, prefilled (the window passes a reader selection, its reading, the
        first CC-CEDICT sense and the region its script suggests); returns the concept id, or
        None when cancelled."""
        dialog = _AddTermDialog(self.window(), text, reading, english, sorted(self.model.glossary.concepts))
        dialog.region_combo.setCurrentText(region)
        self.add_dialog = dialog  # while it is open: tests fill it in
        current = self.current_concept()
        if current is not None and not text:
            dialog.concept_combo.setCurrentIndex(dialog.concept_combo.findData(current.id))
        added: list[str] = []

        def accept() -> None:
            try:
                added.append(self.add_term(**dialog.values()))
            except ValueError as error:
                dialog.error_label.setText(str(error))
                return
            dialog.accept()

        dialog.buttons.accepted.connect(accept)
        dialog.exec()
        self.add_dialog = None
        return added[0] if added else None

    # -- handlers ---------------------------------------------------------------------------
    def _on_model_edited(self, before: Concept, after: Concept) -> None:
        self._show_message("")
        self.undo_stack.push(EditConceptCommand(self._context.store, before, after, self.refresh))

    def _on_model_edit_refused(self, reason: str) -> None:
        self._show_message(reason)

    def _on_query_text_changed(self, text: str) -> None:
        self.proxy.set_query(text)

    def _on_category_changed(self, _index: int) -> None:
        self.proxy.set_category(self.category_combo.currentData() or "")

    def _on_region_changed(self, _index: int) -> None:
        self.proxy.set_region(self.region_combo.currentData() or "")

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        concept = index.data(ConceptRole)
        if concept is not None:
            self.concept_activated.emit(concept.id)

    def _on_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _on_add_clicked(self) -> None:
        self.add_term_dialog()

    def _on_delete_clicked(self) -> None:
        concept = self.current_concept()
        if concept is not None:
            self.delete_concept(concept.id)

    def _on_import_clicked(self) -> None:
        self.import_dialog()

    def _on_export_clicked(self) -> None:
        self.export_requested.emit()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.current_concept() is not None)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)


class _AddTermDialog(QDialog):
    def __init__(self, parent: QWidget, text: str, reading: str, english: str, concept_ids: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add glossary term")
        self.text_edit = QLineEdit(text)
        self.reading_edit = QLineEdit(reading)
        self.reading_edit.setPlaceholderText("derived from the characters when empty")
        self.english_edit = QLineEdit(english)
        self.english_edit.setPlaceholderText("several as: Vladimir Putin | Putin")
        self.region_combo, self.status_combo, self.category_combo = QComboBox(), QComboBox(), QComboBox()
        self.region_combo.addItems(["CN", "TW", "HK", "CN/HK", "CN/TW/HK"])
        self.status_combo.addItems(STATUSES)
        self.category_combo.addItems(CATEGORIES)
        self.category_combo.setCurrentText("other")
        self.concept_combo = QComboBox()
        self.concept_combo.addItem("(a new concept)", None)
        for concept_id in concept_ids:
            self.concept_combo.addItem(concept_id, concept_id)
        self.concept_combo.setEditable(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Chinese", self.text_edit)
        form.addRow("Pinyin", self.reading_edit)
        form.addRow("English", self.english_edit)
        form.addRow("Region", self.region_combo)
        form.addRow("Status", self.status_combo)
        form.addRow("Category", self.category_combo)
        form.addRow("Add to existing concept", self.concept_combo)
        form.addRow(self.error_label)
        form.addRow(self.buttons)
        self.concept_combo.currentIndexChanged.connect(self._on_concept_changed)
        self.resize(420, self.sizeHint().height())

    def _on_concept_changed(self, _index: int) -> None:
        # A new form of an existing concept keeps that concept's category.
        self.category_combo.setEnabled(self.concept_combo.currentData() is None)

    def values(self) -> dict[str, Any]:
        return {
            "text": self.text_edit.text(),
            "reading": self.reading_edit.text(),
            "english": self.english_edit.text(),
            "region": self.region_combo.currentText(),
            "status": self.status_combo.currentText(),
            "category": self.category_combo.currentText(),
            "concept_id": self.concept_combo.currentData(),
        }
