"""The translator's panels docked below the reader: glossary, concordance and consistency check.

Each panel is made (and its module imported) the first time its dock is shown or an action needs
it: a start that shows none of them pays for none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QWidget

from app.core.reading_styles import style_reading
from app.services.context import AppContext
from app.ui.controllers import ShowMessage
from app.ui.controllers.document import DocumentController
from app.ui.file_dialogs import FileDialogs
from app.ui.lazy_dock import LazyDock
from app.ui.reader.view import ReaderView
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.core.concordance import Hit, Source
    from app.core.consistency import Finding
    from app.io.cedict.dictionary import Cedict
    from app.ui.glossary.panel import GlossaryPanel
    from app.ui.panels.results import CheckPanel, ConcordancePanel

PANELS = {"glossary": "Glossary", "concordance": "Find in library (concordance)", "check": "Consistency check"}
# The region a new term gets by default, from the script it was selected in.
SCRIPT_REGIONS = {"traditional": "TW", "simplified": "CN"}


class PanelsController(QObject):
    """Runs what the panels show and makes them (`make`); their docks are the window's shells,
    shown from here. What the panels tell the window comes through this controller's signals, so
    the window connects to them at the start, before any panel exists."""

    hits_shown = Signal(list)  # the concordance's hits, once they are on screen
    glossary_changed = Signal()  # the glossary panel reloaded the glossary: re-mark the reader
    concept_activated = Signal(str)  # a glossary row double-clicked: that concept's card
    glossary_export_requested = Signal()
    place_activated = Signal(str, int)  # a finding's place: article id, offset
    findings_export_requested = Signal(list)  # the consistency panel's findings

    def __init__(
        self,
        context: AppContext,
        document: DocumentController,
        view: ReaderView,
        tasks: TaskRunner,
        dictionary: Callable[[], Cedict | None],
        show_message: ShowMessage,
        files: FileDialogs,
        parent: QMainWindow,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._document = document
        self._view = view
        self._tasks = tasks
        self._dictionary = dictionary
        self._show_message = show_message
        self._files = files
        # The glossary's undo stack exists from the start: the Edit and Tools menus' actions are
        # made from it before the panel is.
        self.glossary_undo_stack = QUndoStack(self)
        # Each article's concordance source, made once (a t2s pass over its text) and kept;
        # which articles there are is asked of the library on every search.
        self._sources: dict[str, Source] = {}
        self.searching = False  # a concordance is being worked out in the background
        # The docks below the reader, tabbed together and hidden until asked for.
        self.docks: dict[str, LazyDock] = {}
        for name, title in PANELS.items():
            dock = LazyDock(title, f"{name}-dock", partial(self.make, name), parent)
            parent.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            if self.docks:
                parent.tabifyDockWidget(list(self.docks.values())[-1], dock)
            dock.hide()
            self.docks[name] = dock

    # -- the panels, made on first use ------------------------------------------------------
    def make(self, name: str) -> QWidget:
        """The content of dock `name` (its dock calls this once, when first shown or asked for)."""
        if name == "glossary":
            from app.ui.glossary.panel import GlossaryPanel

            glossary = GlossaryPanel(self._context, files=self._files, undo_stack=self.glossary_undo_stack)
            glossary.glossary_changed.connect(self.glossary_changed)
            glossary.concept_activated.connect(self.concept_activated)
            glossary.export_requested.connect(self.glossary_export_requested)
            return glossary
        from app.ui.panels.results import CheckPanel, ConcordancePanel

        if name == "concordance":
            concordance = ConcordancePanel()
            concordance.query_entered.connect(self._on_concordance_query_entered)
            concordance.hit_activated.connect(self.open_hit)
            return concordance
        check_panel = CheckPanel()
        check_panel.check_requested.connect(self._on_check_requested)
        check_panel.place_activated.connect(self.place_activated)
        check_panel.export_requested.connect(self._on_check_panel_export_requested)
        return check_panel

    def built(self, name: str) -> bool:
        return self.docks[name].built

    @property
    def glossary_panel(self) -> GlossaryPanel:
        return cast("GlossaryPanel", self.docks["glossary"].content())

    @property
    def concordance_panel(self) -> ConcordancePanel:
        return cast("ConcordancePanel", self.docks["concordance"].content())

    @property
    def check_panel(self) -> CheckPanel:
        return cast("CheckPanel", self.docks["check"].content())

    def show_panel(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    # -- glossary ----------------------------------------------------------------------------
    def add_term_from_selection(self) -> None:
        """Ctrl+Shift+G: the selection as a new term, its region from the text's script (TW for
        Traditional, CN for Simplified); confirmed in the status bar, its row shown and selected."""
        text = self._view.selected_text()
        if not text:
            return
        reading = ""
        found = self._view.word_at_cursor()
        if found is not None and found[1].text == text:
            reading = " ".join(style_reading(r, "marks") for r in found[1].readings if r)
        self.add_term(text, reading, found[0].script if found is not None else "")

    def add_term(self, text: str, reading: str = "", script: str = "") -> None:
        """The add-term dialog for `text` (the card's word too), its English from CC-CEDICT's
        first sense, its region from `script` (else the script on screen)."""
        english = ""
        if script not in SCRIPT_REGIONS:
            script = self._view.visible_script()
        dictionary = self._dictionary()
        if dictionary is not None:
            entries = dictionary.lookup(text)
            english = entries[0].senses[0] if entries and entries[0].senses else ""
        self.show_panel("glossary")
        concept_id = self.glossary_panel.add_term_dialog(text, reading, english, SCRIPT_REGIONS.get(script, "CN"))
        if concept_id is not None:
            self._show_message(f"Added {text} to the glossary ({concept_id})", 5000)

    def import_glossary(self) -> None:
        """File ▸ Import glossary: a CSV or TBX file, one undoable step."""
        self.show_panel("glossary")
        message = self.glossary_panel.import_dialog()
        if message:
            self._show_message(message, 10_000)

    # -- concordance: find across the library ---------------------------------------------------
    def run_concordance(self, query: str) -> None:
        """Every place `query` (any text; a glossary form brings its variants) occurs in the
        library, found in the background and listed in the concordance panel; `hits_shown` follows."""
        query = query.strip()
        panel = self.concordance_panel
        self.show_panel("concordance")
        if not query:
            panel.show_hits(query, [])
            self.hits_shown.emit([])
            return
        panel.show_searching(query)
        documents, known = self._document.documents, dict(self._sources)
        # Which articles there are is asked now, on every search, so imports (ours or another
        # process's) are searched too; their sources are made on the pool thread.
        ids = [summary.id for summary in documents.summaries()]

        def work() -> tuple[list[Hit], dict[str, Source]]:
            from app.services.library import search_library_keeping

            return search_library_keeping(documents, query, ids, known)

        def done(result: tuple[list[Hit], dict[str, Source]]) -> None:
            hits, self._sources = result
            self.searching = False
            panel.show_hits(query, hits)
            self.hits_shown.emit(hits)

        def failed(line: str) -> None:
            self.searching = False
            panel.count.setText(line)

        self.searching = True
        self._tasks.submit("concordance", work, done, failed, disposable=True)

    def find_in_library(self) -> None:
        """Ctrl+Shift+F: the panel with its field ready for any text, the selection in it."""
        self.show_panel("concordance")
        self.concordance_panel.focus_field(self._view.selected_text())

    def open_hit(self, article_id: str, start: int, end: int) -> None:
        """A hit activated: its article open at its place, the text found marked as a find hit
        (it need not be a whole word, the word at its start is selected)."""
        self._document.jump_to(article_id, start)
        article = self._document.article
        if article is not None and article.id == article_id:
            self._view.set_highlights([(start, end)], (start, end))

    def concordance_of_current(self) -> None:
        found = self._view.word_at_cursor()
        if found is not None:
            self.run_concordance(found[1].text)

    # -- consistency -------------------------------------------------------------------------
    def run_check(self, scope: str = "article") -> None:
        """Check the open article (`article`) or the whole library (`library`) in the background."""
        article = self._document.article
        if scope == "article" and article is None:
            return
        ids = [article.id] if scope == "article" and article is not None else None
        documents, context = self._document.documents, self._context
        self.check_panel.summary.setText("checking…")
        self.show_panel("check")

        def work() -> list[Finding]:
            from app.core.consistency import check
            from app.services.checks import checked_articles

            context.cedict.ensure()
            return check(checked_articles(documents, ids), context.glossary, context.cedict.has_word)

        self._tasks.submit(
            "check", work, self.check_panel.show_findings, self.check_panel.summary.setText, disposable=True
        )

    def show_findings(self, findings: list[Finding]) -> None:
        """Findings worked out elsewhere (the translation checks) in the consistency panel."""
        self.show_panel("check")
        self.check_panel.show_findings(findings)

    def _on_concordance_query_entered(self, query: str) -> None:
        self.run_concordance(query)

    def _on_check_requested(self, scope: str) -> None:
        self.run_check(scope)

    def _on_check_panel_export_requested(self) -> None:
        self.findings_export_requested.emit(self.check_panel.findings)
