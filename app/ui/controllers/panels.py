"""The translator's panels docked below the reader: glossary, concordance and consistency check."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QWidget

from app.core.concordance import Hit, Source, concordance
from app.core.consistency import Finding, check
from app.core.reading_styles import style_reading
from app.io.cedict.dictionary import Cedict
from app.services.checks import checked_articles
from app.services.context import AppContext
from app.services.library import library_sources
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
        reading = english = ""
        found = self._view.word_at_cursor()
        if found is not None and found[1].text == text:
            reading = " ".join(style_reading(r, "marks") for r in found[1].readings if r)
        script = found[0].script if found is not None else ""
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

    # -- concordance -------------------------------------------------------------------------
    def sources(self) -> list[Source]:
        """The library's articles as concordance sources, following imports and other processes."""
        documents = self._document.documents
        ids = [summary.id for summary in documents.summaries()]
        missing = [article_id for article_id in ids if article_id not in self._sources]
        if missing:
            self._sources.update((source.id, source) for source in library_sources(documents, missing))
        self._sources = {article_id: self._sources[article_id] for article_id in ids}
        return list(self._sources.values())

    def run_concordance(self, query: str) -> list[Hit]:
        hits = concordance(self.sources(), query, self._context.glossary) if query else []
        self._concordance_panel.show_hits(query, hits)
        self.show_panel("concordance")
        return hits

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
