"""The main window: an article's words with readings above them, glossary terms marked, and a look-up card."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core.lookup import look_up
from app.core.scripts import DISPLAY_SCRIPTS
from app.io.articles import bundled_articles
from app.io.paths import Paths
from app.io.textinput import InputError, read_lines
from app.ui.categories import legend_html
from app.ui.lookup_panel import LookupPanel
from app.ui.ruby_view import READING_STYLES, RubyView, cjk_family
from app.ui.tasks import TaskRunner

SCRIPT_LABELS = {"original": "Original", "tw": "Traditional (Taiwan)", "cn": "Simplified", "hk": "Traditional (HK)"}
READING_LABELS = {"none": "No readings", "marks": "Pinyin", "numbers": "Pinyin (tone numbers)", "zhuyin": "Zhuyin"}


def _analyse(context: AppContext, text: str):
    """Background work for one document: its paragraphs with readings, and the glossary terms in each."""
    paragraphs = context.pipeline.paragraphs(text)
    glossary = context.glossary
    terms = [[(p.start + m.start, p.start + m.end, m.concept.category) for m in glossary.matches(p.text)]
             for p in paragraphs]
    return paragraphs, terms


class MainWindow(QMainWindow):
    def __init__(self, paths: Paths, context: AppContext | None = None):
        super().__init__()
        self.setWindowTitle("Duben 讀本")
        self.context = context or AppContext(paths)
        self.tasks = TaskRunner(self)
        self.document_ready = False
        self.dictionary_ready = False
        self.text = ""
        self.view = RubyView()
        self.view.word_activated.connect(self._on_word_activated)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        self.setCentralWidget(scroll)
        self._build_lookup_dock()
        self._build_toolbar()
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        if cjk_family() is None:
            self.statusBar().showMessage(
                "No CJK font found: Chinese will show as boxes. Install one (e.g. Debian's fonts-noto-cjk)."
            )
        self.settings = QSettings()
        self.set_reading_style(str(self.settings.value("readings", "marks")))
        # CC-CEDICT is indexed once (about 2 s) on a pool thread; the window never waits for it.
        self.tasks.submit("dictionary", self.context.cedict.ensure, lambda _: self._on_dictionary_ready())
        articles = bundled_articles()
        if articles:
            self.open_article(articles[0].id)

    # -- building ----------------------------------------------------------------------------
    def _build_lookup_dock(self) -> None:
        self.lookup = LookupPanel()
        legend = QLabel(legend_html())
        legend.setWordWrap(True)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.lookup, 1)
        layout.addWidget(legend)
        dock = QDockWidget("Look-up", self)
        dock.setObjectName("lookup-dock")
        dock.setWidget(holder)
        self.addDockWidget(Qt.RightDockWidgetArea, dock)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setObjectName("main-toolbar")
        self.addToolBar(bar)
        open_action = QAction("Open…", self)
        open_action.setShortcut(QKeySequence.Open)
        open_action.triggered.connect(self._on_open_triggered)
        bar.addAction(open_action)
        self.article_box = QComboBox()
        for article in bundled_articles():
            self.article_box.addItem(article.title, article.id)
        self.article_box.activated.connect(lambda _: self.open_article(self.article_box.currentData()))
        bar.addWidget(self.article_box)
        self.readings_box = QComboBox()
        for style in READING_STYLES:
            self.readings_box.addItem(READING_LABELS[style], style)
        self.readings_box.currentIndexChanged.connect(self._on_readings_changed)
        bar.addWidget(self.readings_box)
        self.script_box = QComboBox()
        for script in DISPLAY_SCRIPTS:
            self.script_box.addItem(SCRIPT_LABELS[script], script)
        self.script_box.currentIndexChanged.connect(lambda: self.view.set_script(self.script_box.currentData()))
        bar.addWidget(self.script_box)

    # -- toggles -----------------------------------------------------------------------------
    def set_reading_style(self, style: str) -> None:
        index = self.readings_box.findData(style)
        self.readings_box.setCurrentIndex(index if index >= 0 else READING_STYLES.index("marks"))

    def set_script(self, script: str) -> None:
        self.script_box.setCurrentIndex(self.script_box.findData(script))

    def _on_readings_changed(self) -> None:
        style = self.readings_box.currentData()
        self.settings.setValue("readings", style)
        self.view.set_reading_style(style)

    # -- opening -----------------------------------------------------------------------------
    def _on_open_triggered(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a text", "", "Text files (*.txt *.md);;All files (*)")
        if name:
            message = self.open_file(name)
            if message:
                self.statusBar().showMessage(message)

    def open_article(self, article_id: str) -> bool:
        article = next((a for a in bundled_articles() if a.id == article_id), None)
        if article is None:
            return False
        self.article_box.setCurrentIndex(self.article_box.findData(article_id))
        self.load_text(article.text, article.title)
        return True

    def open_file(self, name: str) -> str | None:
        """Open a UTF-8 text file; returns a one-line message when it cannot be read."""
        try:
            text = "\n".join(read_lines(name))
        except InputError as error:
            return str(error)
        if not text.strip():
            return f"{name}: is empty"
        self.load_text(text, Path(name).name)
        return None

    def load_text(self, text: str, title: str) -> None:
        self.document_ready = False
        self.status.setText(f"{title}: segmenting…")
        context = self.context
        self.tasks.submit(
            "document",
            lambda: _analyse(context, text),
            lambda result: self._on_document_ready(title, text, *result),
            lambda message: self.status.setText(f"{title}: {message}"),
        )

    def _on_document_ready(self, title: str, text: str, paragraphs, terms) -> None:
        self.text = text
        self.view.set_reading_style(self.readings_box.currentData())
        self.view.set_paragraphs(paragraphs, terms)
        words = sum(1 for p in paragraphs for t in p.tokens if t.kind == "word")
        found = sum(len(t) for t in terms)
        self.status.setText(f"{title}: {len(paragraphs)} paragraphs, {words} words, {found} glossary terms")
        self.setWindowTitle(f"{title} — Duben 讀本")
        self.document_ready = True

    def _on_dictionary_ready(self) -> None:
        self.dictionary_ready = True

    # -- look-up -----------------------------------------------------------------------------
    def _on_word_activated(self, paragraph_index: int, token_start: int) -> None:
        paragraph = self.view.paragraphs[paragraph_index]
        token = next(t for t in paragraph.tokens if t.start == token_start)
        self.show_lookup(paragraph, token)

    def show_lookup(self, paragraph, token) -> None:
        dictionary = self.context.cedict if self.dictionary_ready else None
        result = look_up(
            paragraph.text,
            token.start - paragraph.start,
            self.context.glossary,
            dictionary,
            word_start=token.start - paragraph.start,
        )
        self.lookup.show_result(token.text, token.readings, result, self.dictionary_ready)

    def show_lookup_for(self, word: str) -> bool:
        """Select the first occurrence of `word` and show its card (used by --popup and tests)."""
        for number, paragraph in enumerate(self.view.paragraphs):
            for token in paragraph.tokens:
                if token.text == word:
                    self.view.selected = token.start
                    self.view.update()
                    self.show_lookup(paragraph, token)
                    return True
        return False

    # -- screenshots -------------------------------------------------------------------------
    def save_screenshot_when_ready(self, out: str, popup: str | None = None, timeout_ms: int = 60_000) -> int:
        """Wait (event loop running) for the document, render the window to `out`, return an exit code."""
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        result = {"code": 1}
        waited = {"ms": 0}

        def ready() -> bool:
            return self.document_ready and (popup is None or self.dictionary_ready)

        def poll() -> None:
            waited["ms"] += 50
            if ready():
                if popup and not self.show_lookup_for(popup):
                    print(f"duben: --popup {popup}: no such word in the article", file=sys.stderr)
                    app.quit()
                    return
                app.processEvents()
                if self.grab().save(out):
                    result["code"] = 0
                else:
                    print(f"duben: {out}: could not write the PNG", file=sys.stderr)
                app.quit()
            elif waited["ms"] >= timeout_ms:
                print("duben: the document was not ready in time; no screenshot written", file=sys.stderr)
                app.quit()
            else:
                QTimer.singleShot(50, poll)

        QTimer.singleShot(50, poll)
        app.exec()
        return result["code"]
