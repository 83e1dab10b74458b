"""The main window: the library, the reader with notes beside it, the look-up card, find, and their settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QVBoxLayout, QWidget

from app.core.lookup import look_up
from app.core.notes import fingerprint
from app.core.text import WORD
from app.io.paths import Paths
from app.services.context import AppContext
from app.services.documents import Documents
from app.ui.controllers.imports import ImportMixin
from app.ui.controllers.panels import PanelsMixin
from app.ui.controllers.sync import SyncMixin
from app.ui.controllers.words import WordsMixin
from app.ui.glossary.categories import legend_html
from app.ui.library.panel import LibraryPanel
from app.ui.menus import build_menus
from app.ui.reader.find_bar import FindBar
from app.ui.reader.layout import paragraph_terms
from app.ui.reader.lookup_panel import LookupPanel, card_html
from app.ui.reader.term_popup import TermPopup
from app.ui.reader.view import ReaderView, cjk_family
from app.ui.tasks import TaskRunner


def annotate_rows(documents: Documents, article, rows: list[int]):
    """Background work: some paragraphs' words and readings, and the glossary terms in each."""
    paragraphs = documents.paragraphs(article, rows)
    glossary = documents.context.glossary
    return paragraphs, paragraph_terms(glossary, paragraphs)


SCRIPT_NAMES = {
    "traditional": "Traditional",
    "simplified": "Simplified",
    "mixed": "Mixed: Simplified and Traditional",
}


class MainWindow(ImportMixin, WordsMixin, PanelsMixin, SyncMixin, QMainWindow):
    def __init__(self, paths: Paths, context: AppContext | None = None, article: str | None = None):
        """`article`: open this one (`--article`) instead of the one read last, which is then never loaded."""
        super().__init__()
        self.setWindowTitle("Duben 讀本")
        self.setAcceptDrops(True)
        self.context = context or AppContext(paths)
        self.documents = Documents(self.context)
        self.tasks = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        # UI state only (geometry, toggles, last article), kept beside the user's data so that
        # a --data-dir (or a test's private folder) is a whole profile of its own.
        self.settings = QSettings(str(self.context.paths.data / "window.ini"), QSettings.IniFormat)
        self.article = None
        self.document_ready = False
        self.dictionary_ready = False
        self.view = ReaderView()
        self.setCentralWidget(self.view)
        self.popup = TermPopup(self.view.viewport())
        self._build_docks()
        self.build_panels()
        self.find_bar = FindBar(self)
        self.addToolBar(Qt.BottomToolBarArea, self.find_bar)
        self.find_bar.hide()
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        # The script of the paragraph at the top of the view (a Simplified quotation in a
        # Traditional article shows as mixed).
        self.script_label = QLabel()
        self.statusBar().addPermanentWidget(self.script_label)
        build_menus(self)
        self._connect()
        if cjk_family() is None:
            self.statusBar().showMessage(
                "No CJK font found: Chinese will show as boxes. Install one (e.g. Debian's fonts-noto-cjk)."
            )
        self._restore_settings()
        # CC-CEDICT is indexed once (about 2 s) on a pool thread; the window never waits for it.
        # Its proper names (for capitalised pinyin) are read there too, once it is.
        context = self.context
        self.tasks.submit("dictionary", lambda: context.proper_names, self._on_dictionary_ready)
        self.refresh_library()
        self.start_sync()
        self.requested_article_opened = bool(article) and self.open_article(article)
        if self.requested_article_opened:
            return
        last = str(self.settings.value("article", ""))
        if not (last and self.open_article(last, restore_position=True)):
            summaries = self.documents.summaries()
            if summaries:
                self.open_article(summaries[0].id)

    # -- building ----------------------------------------------------------------------------
    def _build_docks(self) -> None:
        self.library = LibraryPanel()
        # The sidebar is narrow: titles only; source and paragraph count are in the tooltips.
        for column in (1, 2):
            self.library.view.hideColumn(column)
        left = QDockWidget("Library", self)
        left.setObjectName("library-dock")
        left.setWidget(self.library)
        self.addDockWidget(Qt.LeftDockWidgetArea, left)
        self.library_dock = left

        self.card = LookupPanel()
        legend = QLabel(legend_html())
        legend.setWordWrap(True)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.card, 1)
        layout.addWidget(legend)
        right = QDockWidget("Term card", self)
        right.setObjectName("card-dock")
        right.setWidget(holder)
        self.addDockWidget(Qt.RightDockWidgetArea, right)
        self.card_dock = right
        self.resizeDocks([left, right], [240, 320], Qt.Horizontal)

    def _connect(self) -> None:
        self.library.article_activated.connect(lambda article_id: self.open_article(article_id))
        self.view.rows_needed.connect(self._on_rows_needed)
        self.view.verticalScrollBar().valueChanged.connect(lambda _: self.update_script_label())
        self.view.word_hovered.connect(lambda index, start: self.show_popup(index, start))
        self.view.word_clicked.connect(self._on_word_clicked)
        self.view.concept_clicked.connect(self.show_concept)
        self.view.note_edit_requested.connect(self.edit_note)
        self.find_bar.query_changed.connect(self._on_find_query_changed)
        self.find_bar.step_requested.connect(self._on_find_step_requested)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("state")
        if state is not None:
            self.restoreState(state)
        family = self.settings.value("font_family")
        if family:
            self.view.font_family = str(family)
        self.view.set_options(
            reading=str(self.settings.value("readings", "marks")),
            script=str(self.settings.value("script", "original")),
            font_size=float(self.settings.value("font_size", 17.0)),
            notes=str(self.settings.value("notes", "true")).lower() == "true",
            known=frozenset(w for w, s in self.context.store.word_statuses().items() if s == "known"),
        )
        self.view.statuses = self.context.store.word_statuses()
        self.sync_menus()

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("state", self.saveState())
        options = self.view.options
        self.settings.setValue("readings", options.reading)
        self.settings.setValue("script", options.script)
        self.settings.setValue("font_size", options.font_size)
        self.settings.setValue("notes", "true" if options.notes else "false")
        if self.article is not None:
            self.settings.setValue("article", self.article.id)
            anchor = self.view._anchor()
            if anchor:
                self.settings.setValue("position", f"{anchor[0]}:{anchor[1]:.4f}")
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self.save_settings()
        super().closeEvent(event)

    # -- options -----------------------------------------------------------------------------
    def set_theme(self, name: str, save: bool = True) -> None:
        from PySide6.QtWidgets import QApplication

        from app.ui.theme import apply_theme, set_theme_follows_system

        app = QApplication.instance()
        self.theme = apply_theme(app, name)
        self.theme_choice = name
        if not getattr(self, "_follows_system", False):
            set_theme_follows_system(app, lambda _: self.view.viewport().update())
            self._follows_system = True
        if save:
            self.settings.setValue("theme", name)
        self.view.viewport().update()

    def set_option(self, **changes) -> None:
        self.view.set_options(**changes)
        self.popup.hide()
        self.sync_menus()

    def sync_menus(self) -> None:
        for action in getattr(self, "reading_actions", {}).values():
            action.setChecked(action.data() == self.view.options.reading)
        for action in getattr(self, "script_actions", {}).values():
            action.setChecked(action.data() == self.view.options.script)
        if hasattr(self, "notes_action"):
            self.notes_action.setChecked(self.view.options.notes)

    def cycle(self, option: str, values: tuple[str, ...]) -> None:
        current = getattr(self.view.options, option)
        following = values[(values.index(current) + 1) % len(values)] if current in values else values[0]
        self.set_option(**{option: following})
        self.statusBar().showMessage(f"{option.capitalize()}: {following}", 2000)

    def zoom(self, step: float) -> None:
        self.set_option(font_size=max(9.0, min(self.view.options.font_size + step, 48.0)))

    # -- opening -----------------------------------------------------------------------------
    def refresh_library(self) -> None:
        self.library.set_articles(self.documents.summaries())

    def open_article(self, article_id: str, restore_position: bool = False) -> bool:
        try:
            article = self.documents.article(article_id)
        except Exception:  # an id that no longer names an article: nothing to open
            return False
        self.article = article
        self.document_ready = False
        self.popup.hide()
        spans = self.documents.spans(article.text)
        notes = self.documents.notes(article)
        names = {c.id: c.preferred_english for c in self.context.glossary}
        self.view.set_document(article.text, spans, notes, names)
        self.library.select(article.id)
        self.setWindowTitle(f"{article.title} — Duben 讀本")
        self.status.setText(f"{article.title}: {len(spans)} paragraphs")
        if restore_position:
            position = str(self.settings.value("position", ""))
            index, _, fraction = position.partition(":")
            if index.isdigit():
                self.view.scroll_to_paragraph(int(index), float(fraction or 0))
        self.find_bar.clear()
        self.settings.setValue("article", article.id)
        return True

    def _on_rows_needed(self, rows: list[int], nearby: bool = False) -> None:
        article = self.article
        if article is None:
            return
        documents = self.documents
        self.tasks.submit(
            f"rows:{article.id}:{rows[0]}:{nearby}",
            lambda: annotate_rows(documents, article, rows),
            lambda result: self._on_rows_ready(article, *result),
            lambda message: self.status.setText(f"{article.title}: {message}"),
            priority=0 if nearby else 1,
        )

    def _on_rows_ready(self, article, paragraphs, terms) -> None:
        if article is not self.article:
            return  # a late answer for an article that is no longer open
        self.view.add_paragraphs(paragraphs, terms)
        self.update_figures()
        self.update_script_label()
        self._finish_jump()
        first, last = self.view.visible_range()
        if all(i in self.view.paragraphs for i in range(first, last + 1)):
            self.document_ready = True

    def _on_dictionary_ready(self, proper_names) -> None:
        self.dictionary_ready = True
        self.view.set_options(capitals=proper_names)

    def update_script_label(self) -> None:
        """Show the script of the first paragraph on screen whose words are known."""
        first, last = self.view.visible_range()
        script = next(
            (
                self.view.paragraphs[i].script
                for i in range(first, last + 1)
                if i in self.view.paragraphs and self.view.paragraphs[i].script not in ("", "neither")
            ),
            "",
        )
        self.script_label.setText(SCRIPT_NAMES.get(script, ""))

    # -- the card ----------------------------------------------------------------------------
    def _token(self, index: int, token_start: int):
        paragraph = self.view.paragraphs.get(index)
        token = next((t for t in paragraph.tokens if t.start == token_start), None) if paragraph else None
        return paragraph, token

    def card_for(self, index: int, token_start: int) -> str | None:
        paragraph, token = self._token(index, token_start)
        if token is None:
            return None
        dictionary = self.context.cedict if self.dictionary_ready else None
        offset = token.start - paragraph.start
        result = look_up(paragraph.text, offset, self.context.glossary, dictionary, word_start=offset)
        return card_html(token.text, token.readings, result, self.dictionary_ready)

    def show_popup(self, index: int, token_start: int) -> None:
        html = self.card_for(index, token_start)
        rect = self.view.word_rect(index, token_start)
        if html and rect is not None:
            self.popup.show_card(html, rect)

    def _on_word_clicked(self, index: int, token_start: int) -> None:
        self.show_popup(index, token_start)
        self.pin_card(index, token_start)

    def pin_card(self, index: int, token_start: int) -> None:
        html = self.card_for(index, token_start)
        if html:
            self.card.setHtml(html)
            self.card_dock.show()

    def show_concept(self, concept_id: str) -> None:
        concept = self.context.glossary.get(concept_id)
        if concept is None:
            return
        form = concept.terms_for("TW") or list(concept.terms)
        result = look_up(form[0].text, 0, self.context.glossary, None)
        self.card.setHtml(card_html(form[0].text, (), result, True))
        self.card_dock.show()

    def move_word(self, step: int) -> None:
        moved = self.view.move_word(step)
        if moved:
            self.show_popup(*moved)
            self.pin_card(*moved)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.popup.isVisible():
            self.popup.hide()
            return
        super().keyPressEvent(event)

    # -- find --------------------------------------------------------------------------------
    def _on_find_query_changed(self, query: str) -> None:
        from app.core.find import find_all
        from app.core.scripts import simplified_shadow

        if getattr(self, "_shadow_of", None) is not self.view.text:
            # Made once per article: converting a novel takes a tenth of a second.
            self._shadow_of, self._shadow = self.view.text, simplified_shadow(self.view.text)
        hits = find_all(self.view.text, query, self.context.glossary, shadow=self._shadow) if query.strip() else []
        self.find_hits = hits
        self.find_position = -1
        self.view.set_highlights(hits)
        self.find_bar.set_count(0, len(hits))
        if hits:
            self._on_find_step_requested(1)

    def _on_find_step_requested(self, step: int) -> None:
        hits = getattr(self, "find_hits", [])
        if not hits:
            return
        self.find_position = (self.find_position + step) % len(hits)
        start, _ = hits[self.find_position]
        index = next(i for i, (a, b) in enumerate(self.view.spans) if a <= start < b)
        self.view.scroll_to_paragraph(index)
        self.find_bar.set_count(self.find_position + 1, len(hits))

    # -- notes -------------------------------------------------------------------------------
    def edit_note(self, index: int, text: str | None = None) -> None:
        """Write the user's own note for a paragraph: saved at once, undoable."""
        from app.ui.reader.note_editing import NoteCommand, ask_note

        if self.article is None or not 0 <= index < len(self.view.spans):
            return
        start, end = self.view.spans[index]
        mark = fingerprint(self.article.text[start:end])
        previous = next((n.text for n in self.view.notes.get(index, []) if n.source == "user"), "")
        if text is None:
            text = ask_note(self, index, previous)
            if text is None:
                return
        self.undo_stack.push(NoteCommand(self, self.article.id, index, mark, previous, text))

    def reload_notes(self) -> None:
        if self.article is not None:
            self.view.set_notes(self.documents.notes(self.article))

    def word_count(self) -> int:
        return sum(1 for p in self.view.paragraphs.values() for t in p.tokens if t.kind == WORD)
