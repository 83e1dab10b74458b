"""The translator's panels docked below the reader: glossary, concordance and consistency check."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

from app.core.concordance import Hit, Source
from app.core.consistency import Finding, check
from app.core.reading_styles import style_reading
from app.io.cedict.dictionary import Cedict
from app.services.checks import checked_articles
from app.services.context import AppContext
from app.services.library import search_library_keeping
from app.ui.controllers import ShowMessage
from app.ui.controllers.document import DocumentController
from app.ui.glossary.panel import GlossaryPanel
from app.ui.panels.results import CheckPanel, ConcordancePanel
from app.ui.reader.view import ReaderView
from app.ui.tasks import TaskRunner

# The region a new term gets by default, from the script it was selected in.
SCRIPT_REGIONS = {"traditional": "TW", "simplified": "CN"}


class PanelsController(QObject):
    """Runs what the panels show; their docks are the window's (it builds them), shown from here."""

    hits_shown = Signal(list)  # the concordance's hits, once they are on screen

    def __init__(
        self,
        context: AppContext,
        document: DocumentController,
        view: ReaderView,
        tasks: TaskRunner,
        glossary_panel: GlossaryPanel,
        concordance_panel: ConcordancePanel,
        check_panel: CheckPanel,
        docks: Mapping[str, QDockWidget],
        dictionary: Callable[[], Cedict | None],
        show_message: ShowMessage,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._document = document
        self._view = view
        self._tasks = tasks
        self._glossary_panel = glossary_panel
        self._concordance_panel = concordance_panel
        self._check_panel = check_panel
        self._docks = docks
        self._dictionary = dictionary
        self._show_message = show_message
        # Each article's concordance source, made once (a t2s pass over its text) and kept;
        # which articles there are is asked of the library on every search.
        self._sources: dict[str, Source] = {}
        self.searching = False  # a concordance is being worked out in the background
        concordance_panel.query_entered.connect(self._on_concordance_query_entered)
        check_panel.check_requested.connect(self._on_check_requested)

    def show_panel(self, name: str) -> None:
        dock = self._docks[name]
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
        concept_id = self._glossary_panel.add_term_dialog(text, reading, english, SCRIPT_REGIONS.get(script, "CN"))
        if concept_id is not None:
            self._show_message(f"Added {text} to the glossary ({concept_id})", 5000)

    def import_glossary(self) -> None:
        """File ▸ Import glossary: a CSV or TBX file, one undoable step."""
        self.show_panel("glossary")
        message = self._glossary_panel.import_dialog()
        if message:
            self._show_message(message, 10_000)

    # -- concordance: find across the library ---------------------------------------------------
    def run_concordance(self, query: str) -> None:
        """Every place `query` (any text; a glossary form brings its variants) occurs in the
        library, found in the background and listed in the concordance panel; `hits_shown` follows."""
        query = query.strip()
        panel = self._concordance_panel
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
        self._concordance_panel.focus_field(self._view.selected_text())

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
        self._check_panel.summary.setText("checking…")
        self.show_panel("check")

        def work() -> list[Finding]:
            context.cedict.ensure()
            return check(checked_articles(documents, ids), context.glossary, context.cedict.has_word)

        self._tasks.submit(
            "check", work, self._check_panel.show_findings, self._check_panel.summary.setText, disposable=True
        )

    def show_findings(self, findings: list[Finding]) -> None:
        """Findings worked out elsewhere (the translation checks) in the consistency panel."""
        self.show_panel("check")
        self._check_panel.show_findings(findings)

    def _on_concordance_query_entered(self, query: str) -> None:
        self.run_concordance(query)

    def _on_check_requested(self, scope: str) -> None:
        self.run_check(scope)
