"""The translator's panels in the window: glossary, concordance and consistency check, docked below."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFileDialog

from app.ui.panels.results import CheckPanel, ConcordancePanel

PANELS = ("glossary", "concordance", "check")


class PanelsMixin:
    """Needs the window's `context`, `documents`, `tasks`, `view`, `article` and `open_article`."""

    def build_panels(self) -> None:
        from app.ui.glossary.panel import GlossaryPanel

        self.glossary_panel = GlossaryPanel(self.context)
        from app.io.articles.bundled import bundled_articles

        # Anki cards exported from the panel take their example sentences from the articles.
        self.glossary_panel.example_texts = [a.text for a in bundled_articles()]
        self.glossary_panel.concept_activated.connect(self.show_concept)
        self.glossary_panel.glossary_changed.connect(self._on_glossary_changed)
        self.concordance_panel = ConcordancePanel()
        self.concordance_panel.query_entered.connect(self.run_concordance)
        self.concordance_panel.place_activated.connect(self.jump_to)
        self.check_panel = CheckPanel()
        self.check_panel.check_requested.connect(self.run_check)
        self.check_panel.export_requested.connect(self.export_findings)
        self.check_panel.place_activated.connect(self.jump_to)
        self.panel_docks = {}
        previous = None
        for name, widget, title in (
            ("glossary", self.glossary_panel, "Glossary"),
            ("concordance", self.concordance_panel, "Concordance"),
            ("check", self.check_panel, "Consistency check"),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{name}-dock")
            dock.setWidget(widget)
            self.addDockWidget(Qt.BottomDockWidgetArea, dock)
            if previous is not None:
                self.tabifyDockWidget(previous, dock)
            dock.hide()
            previous = dock
            self.panel_docks[name] = dock
        self._sources = None

    def show_panel(self, name: str) -> None:
        dock = self.panel_docks[name]
        dock.show()
        dock.raise_()

    # -- glossary ----------------------------------------------------------------------------
    def _on_glossary_changed(self) -> None:
        self.note_own_glossary_change()
        # New or edited terms change segmentation and marking: work the article out again.
        self.documents = type(self.documents)(self.context)
        if self.article is not None:
            self.open_article(self.article.id)

    def add_term_from_selection(self) -> None:
        text = self.view.selected_text()
        if not text:
            return
        reading = ""
        english = ""
        paragraph, token = self._current_token()
        if token is not None and token.text == text:
            from app.core.reading_styles import style_reading

            reading = " ".join(style_reading(r, "marks") for r in token.readings if r)
        if self.dictionary_ready:
            entries = self.context.cedict.lookup(text)
            english = entries[0].senses[0] if entries and entries[0].senses else ""
        self.show_panel("glossary")
        self.glossary_panel.add_term_dialog(text, reading, english)

    # -- concordance -------------------------------------------------------------------------
    def sources(self):
        if self._sources is None:
            from app.services.library import library_sources

            self._sources = library_sources(self.documents)
        return self._sources

    def run_concordance(self, query: str) -> list:
        from app.core.concordance import concordance

        hits = concordance(self.sources(), query, self.context.glossary) if query else []
        self.concordance_panel.show_hits(query, hits)
        self.show_panel("concordance")
        return hits

    def concordance_of_current(self) -> None:
        _, token = self._current_token()
        if token is not None:
            self.run_concordance(token.text)

    # -- consistency -------------------------------------------------------------------------
    def run_check(self, scope: str = "article") -> None:
        from app.core.consistency import check
        from app.services.checks import checked_articles

        if scope == "article" and self.article is None:
            return
        ids = [self.article.id] if scope == "article" else None
        documents, context = self.documents, self.context
        self.check_panel.summary.setText("checking…")
        self.show_panel("check")

        def work():
            context.cedict.ensure()
            return check(checked_articles(documents, ids), context.glossary, context.cedict.has_word)

        self.tasks.submit(
            "check", work, self.check_panel.show_findings, lambda message: self.check_panel.summary.setText(message)
        )

    def export_findings(self) -> None:
        from app.io.glossary.check_report import write_findings_csv

        findings = getattr(self.check_panel, "findings", [])
        name, _ = QFileDialog.getSaveFileName(self, "Export the report", "check.csv", "CSV (*.csv)")
        if name:
            write_findings_csv(findings, name)

    # -- jumping -----------------------------------------------------------------------------
    def jump_to(self, article_id: str, start: int) -> None:
        """Open the article (if needed) and show the word at `start`."""
        if (self.article is None or self.article.id != article_id) and not self.open_article(article_id):
            return
        spans = self.view.spans
        index = max(bisect_right([a for a, _ in spans], start) - 1, 0)
        self.view.scroll_to_paragraph(index)
        self._pending_jump = (index, start)
        self._finish_jump()

    def _finish_jump(self) -> None:
        target = getattr(self, "_pending_jump", None)
        if target is None:
            return
        index, start = target
        paragraph = self.view.paragraphs.get(index)
        if paragraph is None:
            return  # selected once its words arrive (see _on_rows_ready)
        token = next((t for t in paragraph.tokens if t.start <= start < t.end), None)
        if token is not None:
            self.view.select_word(index, token.start)
            self.view.ensure_visible(index, token.start)
        self._pending_jump = None
