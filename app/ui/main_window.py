"""The main window: builds the library, the reader, the card and the panels, makes the controllers, wires them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMenu, QWidget

from app.core.orthography import ProperNames
from app.io.articles.bundled import Article
from app.io.paths import Paths
from app.services.context import AppContext
from app.ui.controllers.card import CardController
from app.ui.controllers.display import DisplayController
from app.ui.controllers.document import DocumentController
from app.ui.controllers.exports import ExportController
from app.ui.controllers.find import FindController
from app.ui.controllers.imports import ImportController
from app.ui.controllers.library import LibraryController
from app.ui.controllers.library_figures import LibraryFiguresController
from app.ui.controllers.lookup import LookupController
from app.ui.controllers.notes import NotesController
from app.ui.controllers.panels import PanelsController
from app.ui.controllers.progress import ProgressController
from app.ui.controllers.speech import SpeechController
from app.ui.controllers.sync import StoreWatcher
from app.ui.controllers.translation import TranslationController
from app.ui.controllers.words import WordsController
from app.ui.dialog_titles import fit_dialog_titles
from app.ui.file_dialogs import FileDialogs
from app.ui.lazy_dock import LazyDock
from app.ui.library.menu import library_menu
from app.ui.library.panel import LibraryPanel
from app.ui.menus import MenuTargets, ViewActions, build_menus
from app.ui.reader.card_column import CardColumn
from app.ui.reader.find_bar import FindBar
from app.ui.reader.layout import Options
from app.ui.reader.term_popup import TermPopup
from app.ui.reader.view import ReaderView, cjk_family
from app.ui.status_line import StatusLine
from app.ui.tasks import TaskRunner
from app.ui.theme import apply_theme, set_theme_follows_system

if TYPE_CHECKING:
    from app.ui.glossary.panel import GlossaryPanel
    from app.ui.panels.results import CheckPanel, ConcordancePanel
    from app.ui.panels.terms import TermPane

SCRIPT_NAMES = {
    "traditional": "Traditional",
    "simplified": "Simplified",
    "mixed": "Mixed: Simplified and Traditional",
}


# Below this width the term card shares the library's side as a tab, so the reader keeps its room.
NARROW_WIDTH = 1100
SIDE_WIDTH = 300  # room for a title beside the Read, HSK 1–4 and Known figures
CARD_WIDTH = 320
# The first start opens at this share of the screen's free area, centred.
FIRST_SHARE = 0.8


def _position_key(article_id: str) -> str:
    # A file's path may be an id: its separators would make QSettings groups.
    return "positions/" + article_id.replace("/", "|").replace("\\", "|")


def window_ini(paths: Paths) -> Path:
    """The file of the window's UI state in a data folder."""
    return paths.data / "window.ini"


class MainWindow(QMainWindow):
    """Owns the widgets and the controllers; everything the window does is a controller's."""

    def __init__(
        self,
        paths: Paths,
        context: AppContext | None = None,
        article: str | None = None,
        settings: QSettings | None = None,
    ) -> None:
        """`article`: open this one (`--article`) instead of the one read last, which is then never loaded.
        `settings`: where UI state is read and written (default: `window.ini` in the data folder)."""
        super().__init__()
        self.setWindowTitle("Duben 讀本")
        self.setAcceptDrops(True)
        self.context = context or AppContext(paths)
        self.tasks = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        # UI state only (geometry, toggles, last article), kept beside the user's data so that
        # a --data-dir (or a test's private folder) is a whole profile of its own.
        self.settings = settings or QSettings(str(window_ini(self.context.paths)), QSettings.Format.IniFormat)
        self.files = FileDialogs(self.settings)  # each kind of file dialog opens where the last one was
        self._follows_system = False
        self._card_area: Qt.DockWidgetArea | None = None  # the card's own side while it is tabbed
        self.word_menu: QMenu | None = None  # the context menu on a word, while it is shown
        self.library_menu: QMenu | None = None  # the context menu on a library entry, while it is shown
        self._build_widgets()
        fit_dialog_titles(self)  # no dialog of the window's or its docks' with a title cut short
        self._build_controllers()
        self.view_actions: ViewActions = build_menus(
            MenuTargets(
                window=self,
                view=self.view,
                find_bar=self.find_bar,
                undo_stack=self.undo_stack,
                glossary_undo_stack=self.panels.glossary_undo_stack,
                glossary_dock=self.panel_docks["glossary"],
                docks=(self.library_dock, self.card_dock, self.terms_dock),
                display=self.display,
                finder=self.finder,
                lookup=self.lookup,
                words=self.words,
                notes=self.notes,
                translation=self.translation,
                panels=self.panels,
                imports=self.imports,
                exports=self.exports,
                entries=self.entries,
                speech=self.speech,
                set_theme=self.set_theme,
            )
        )
        self._connect()
        if cjk_family() is None:
            self.statusBar().showMessage(
                "No CJK font found: Chinese will show as boxes. Install one (e.g. Debian's fonts-noto-cjk)."
            )
        self._restore_settings()
        # The dictionary and the levels (a pool thread's work, mostly holding the interpreter)
        # wait for the first screen's words, which they would slow down; with no text, now.
        self._dictionary_asked = False
        self.document.paragraphs_arrived.connect(self._load_dictionary)
        self._refresh_library()
        self.watcher.start()
        self.requested_article_opened = bool(article) and self.open_article(str(article), restore_position=False)
        last = str(self.settings.value("article", ""))
        if not (self.requested_article_opened or (last and self.open_article(last))):
            summaries = self.document.documents.summaries()
            if summaries:
                self.open_article(summaries[0].id)
        if self.article is None:
            self._load_dictionary()

    # -- building ----------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.view = ReaderView()
        self.setCentralWidget(self.view)
        self.popup = TermPopup(self.view.viewport())

        self.library = LibraryPanel()
        # The sidebar is narrow: titles only; source and paragraph count are in the tooltips.
        for column in (1, 2):
            self.library.view.hideColumn(column)
        self.library_dock = self._dock("Library", "library-dock", self.library, Qt.DockWidgetArea.LeftDockWidgetArea)

        card_column = CardColumn()
        self.card, self.lookup_field = card_column.card, card_column.lookup_field
        self.card_buttons, self.tint_legend = card_column.card_buttons, card_column.tint_legend
        self.card_dock = self._dock("Term card", "card-dock", card_column, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.library_dock, self.card_dock], [SIDE_WIDTH, CARD_WIDTH], Qt.Orientation.Horizontal)
        self.find_bar = FindBar(self)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.find_bar)
        self.find_bar.hide()
        self.status = StatusLine(self.statusBar())
        # The script of the paragraph at the top of the view (a Simplified quotation in a
        # Traditional article shows as mixed).
        self.script_label = QLabel()
        self.statusBar().addPermanentWidget(self.script_label)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # The panels, made when first asked for (the controllers' and the tests' way in).
    @property
    def glossary_panel(self) -> GlossaryPanel:
        return self.panels.glossary_panel

    @property
    def concordance_panel(self) -> ConcordancePanel:
        return self.panels.concordance_panel

    @property
    def check_panel(self) -> CheckPanel:
        return self.panels.check_panel

    @property
    def term_pane(self) -> TermPane:
        return cast("TermPane", self.terms_dock.content())

    def _build_controllers(self) -> None:
        context, view, tasks = self.context, self.view, self.tasks
        show_message = self.statusBar().showMessage
        self.document = DocumentController(context, view, tasks, self)
        self.finder = FindController(context, view, self.find_bar, self)
        self.lookup = LookupController(
            context, view, self.popup, self.card, self.card_dock, tasks, self.settings, self.lookup_field, self
        )
        self.words = WordsController(context, self.document, view, tasks, show_message, self, self.undo_stack)
        self.notes = NotesController(context, self.document, view, self.undo_stack, show_message, self, self.files)
        self.translation = TranslationController(
            context, self.document, view, tasks, self.undo_stack, show_message, self
        )
        # The translator's term pane: a tab beside the card, hidden until asked for (View ▸ Terms);
        # a shell until first shown, as are the panels below (their controllers make them).
        self.terms_dock = LazyDock("Terms", "terms-dock", self.translation.make_term_pane, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.terms_dock)
        self.tabifyDockWidget(self.card_dock, self.terms_dock)
        self.terms_dock.hide()
        self.panels = PanelsController(
            context,
            self.document,
            view,
            tasks,
            self.lookup.dictionary,
            show_message,
            self.files,
            self,
        )
        self.panel_docks = self.panels.docks
        self.imports = ImportController(context, show_message, self, files=self.files)
        self.exports = ExportController(context, self.document, self.words, view, tasks, show_message, self, self.files)
        self.entries = LibraryController(context, self.document, self.open_article, self.undo_stack, show_message, self)
        self.watcher = StoreWatcher(context.store, self)
        self.progress = ProgressController(context, self.document, view, self)
        self.library_figures = LibraryFiguresController(context, self.document, self.library, tasks, self)
        self.display = DisplayController(view, self.settings, show_message, self)
        self.speech = SpeechController(view, self.settings, show_message, self)
        self.card_actions = CardController(
            self.lookup, self.words, self.speech, self.panels, self.card_buttons, show_message, self
        )

    def _connect(self) -> None:
        self.library.article_activated.connect(self._on_library_article_activated)
        self.library.menu_requested.connect(self._on_library_menu_requested)
        self.library.rename_requested.connect(self.entries.rename)
        self.library.delete_requested.connect(self.entries.delete)
        self.entries.library_changed.connect(self._refresh_library)
        self.progress.saved.connect(self.library_figures.refresh_progress)
        self.words.statuses_changed.connect(self.library_figures.statuses_changed)
        self.view.word_menu_requested.connect(self._on_view_word_menu_requested)
        self.view.verticalScrollBar().valueChanged.connect(self._on_view_scrolled)
        self.document.article_opened.connect(self._on_document_article_opened)
        self.document.paragraphs_arrived.connect(self._on_document_paragraphs_arrived)
        self.words.figures_changed.connect(self.status.set_figures)
        self.document.progress_changed.connect(self.status.set_progress)
        self.speech.word_spoken.connect(self._on_speech_word_spoken)
        self.display.options_changed.connect(self._on_display_options_changed)
        self.lookup.dictionary_loaded.connect(self._on_lookup_dictionary_loaded)
        self.imports.article_imported.connect(self._on_imports_article_imported)
        self.watcher.library_changed.connect(self._refresh_library)
        self.watcher.glossary_changed.connect(self._on_watcher_glossary_changed)
        self.panels.glossary_changed.connect(self._on_glossary_panel_glossary_changed)
        self.panels.concept_activated.connect(self.lookup.show_concept)
        self.panels.glossary_export_requested.connect(self.exports.export_glossary)
        self.panels.place_activated.connect(self.document.jump_to)
        self.panels.findings_export_requested.connect(self.exports.export_findings)
        self.tasks.task_failed.connect(self._on_tasks_task_failed)

    # -- settings ----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._first_geometry()
        state = self.settings.value("state")
        if state is not None:
            self.restoreState(state)
        self.display.restore()
        self.words.refresh_statuses()

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("state", self.saveState())
        self.display.save()
        article = self.document.article
        if article is not None:
            self.settings.setValue("article", article.id)
            self.remember_position()
        self.settings.sync()

    def remember_position(self) -> None:
        """Keep where the open text is read, so that it reopens there ("end" stays the end): in
        the user store, with how much of it has been read (the library's Read column)."""
        self.progress.save_now()

    def saved_position(self, article_id: str) -> tuple[int, float] | str | None:
        """Where a text was left: (paragraph, fraction), "end", or None (never read)."""
        stored = self.progress.place_of(article_id)
        if stored is not None:
            return stored
        # Places kept by earlier versions in the window's settings, until the text is read again.
        place = str(self.settings.value(_position_key(article_id), ""))
        if place == "end":
            return place
        index, _, fraction = place.partition(":")
        try:
            return (int(index), float(fraction or 0)) if index.isdigit() else None
        except ValueError:
            return None

    def _first_geometry(self) -> None:
        """No saved geometry: a good share of the screen, centred on it."""
        screen = self.screen().availableGeometry()
        width = min(max(int(screen.width() * FIRST_SHARE), 800), screen.width())
        height = min(max(int(screen.height() * FIRST_SHARE), 600), screen.height())
        self.resize(width, height)
        self.move(screen.center().x() - width // 2, screen.center().y() - height // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_docks()

    def _fit_docks(self) -> None:
        """In a narrow window the card becomes a tab beside the library; wide again, it goes back."""
        library, card = self.library_dock, self.card_dock
        narrow = self.width() < NARROW_WIDTH
        if narrow and self._card_area is None:
            if library.isFloating() or card.isFloating() or library.isHidden() or card.isHidden():
                return
            area = self.dockWidgetArea(card)
            if area == self.dockWidgetArea(library):
                return
            self._card_area = area
            self.tabifyDockWidget(library, card)
            library.raise_()
            self.resizeDocks([library], [min(SIDE_WIDTH, self.width() // 4)], Qt.Orientation.Horizontal)
        elif not narrow and self._card_area is not None:
            area, self._card_area = self._card_area, None
            if self.dockWidgetArea(card) == self.dockWidgetArea(library) and not card.isFloating():
                self.addDockWidget(area, card)
                self.resizeDocks([library, card], [SIDE_WIDTH, CARD_WIDTH], Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.watcher.stop()
        super().closeEvent(event)

    # -- thin conveniences (the command line's --article, --readings, --theme; tests) --------
    @property
    def article(self) -> Article | None:
        return self.document.article

    def open_article(self, article_id: str, restore_position: bool = True) -> bool:
        """Open an article by id or a text file by path, where it was left unless told otherwise;
        the one open before keeps its place for next time."""
        self.remember_position()
        place = self.saved_position(article_id) if restore_position else None
        opened = self.document.open(article_id, place if isinstance(place, tuple) else None)
        if opened and place == "end":
            self.view.scroll_to_end()
        return opened

    def import_file(self, name: str) -> str | None:
        """Import a file as a new article and open it; returns the error line, if any."""
        return self.imports.import_file(name)

    def set_option(self, **changes: Any) -> None:
        self.display.set_option(**changes)

    def set_theme(self, name: str, save: bool = True) -> None:
        # A window exists only inside a QApplication, never a bare QCoreApplication.
        app = cast(QApplication, QApplication.instance())
        apply_theme(app, name)
        if not self._follows_system:
            set_theme_follows_system(app, self._on_system_theme_changed)
            self._follows_system = True
        if save:
            self.settings.setValue("theme", name)
        self.view_actions.sync_theme(name)
        self.view.viewport().update()

    # -- events ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.popup.isVisible():
            self.lookup.hide_popup()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # Coming back to the window after using the command line: catch up at once.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.watcher.sync()
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.imports.import_file(url.toLocalFile())
        event.acceptProposedAction()

    # -- handlers ----------------------------------------------------------------------------
    def _refresh_library(self) -> None:
        summaries = self.document.documents.summaries()
        self.library.set_articles(summaries)
        self.library_figures.refresh(summaries)

    def _update_script_label(self) -> None:
        self.script_label.setText(SCRIPT_NAMES.get(self.view.visible_script(), ""))

    def _on_library_article_activated(self, article_id: str) -> None:
        self.open_article(article_id)

    def _on_library_menu_requested(self, article_id: str, where: QPoint) -> None:
        menu = library_menu(self, article_id, self.entries, self.exports, self._show_article)
        menu.popup(where)
        self.library_menu = menu

    def _show_article(self, article_id: str) -> bool:
        """Open an article unless it is the open one already (an export from its entry's menu)."""
        return (self.article is not None and self.article.id == article_id) or self.open_article(article_id)

    def _on_view_word_menu_requested(self, index: int, token_start: int, where: QPoint) -> None:
        """What can be done with a word, on the word: it becomes the current one, which the actions act on."""
        self.lookup.hide_popup()
        self.view.select_word(index, token_start)
        menu = QMenu(self)
        for action in self.view_actions.word_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(where)
        self.word_menu = menu

    def _on_view_scrolled(self, _value: int) -> None:
        self._update_script_label()

    def _on_document_article_opened(self, article: Article) -> None:
        self.lookup.hide_popup()
        self.finder.clear()
        self.library.select(article.id)
        self.setWindowTitle(f"{article.title} — Duben 讀本")
        self.settings.setValue("article", article.id)

    def _load_dictionary(self, *_: object) -> None:
        if not self._dictionary_asked:
            self._dictionary_asked = True
            self.lookup.load_dictionary()

    def _on_document_paragraphs_arrived(self, _indices: list[int]) -> None:
        self._update_script_label()

    def _on_display_options_changed(self, options: Options) -> None:
        self.lookup.hide_popup()
        self.view_actions.sync(options)

    def _on_lookup_dictionary_loaded(self, names: ProperNames) -> None:
        # Proper names are capitalised from now on, and the words' levels known (read on the same
        # pool-thread job); not options the user chose, so the menus stay.
        self.view.set_options(capitals=names, levels=self.context.levels)
        self.words.update_figures()  # with the article's level profile now

    def _on_imports_article_imported(self, article_id: str) -> None:
        self._refresh_library()
        self.open_article(article_id)

    def _on_watcher_glossary_changed(self) -> None:
        if self.panels.built("glossary"):
            self.glossary_panel.refresh()  # reloads the glossary and re-marks the open article
        else:
            self.context.reload_glossary()
            self._on_glossary_panel_glossary_changed()
        self.statusBar().showMessage("The glossary was changed by another Duben process", 5000)

    def _on_glossary_panel_glossary_changed(self) -> None:
        self.watcher.note_own_glossary_change()
        # New or edited terms change segmentation and marking: work the article out again.
        self.document.forget_annotations()
        self.document.reopen()

    def _on_speech_word_spoken(self, start: int, end: int) -> None:
        self.view.set_spoken((start, end) if start >= 0 else None)

    def _on_tasks_task_failed(self, _kind: str, line: str) -> None:
        self.statusBar().showMessage(line, 10_000)

    def _on_system_theme_changed(self, _theme: str) -> None:
        self.view.viewport().update()
