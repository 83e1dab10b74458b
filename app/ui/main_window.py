"""The main window: open a text, see its words with readings above them."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QMainWindow, QScrollArea, QToolBar

from app.core.pipeline import Pipeline
from app.core.scripts import DISPLAY_SCRIPTS
from app.core.segment import default_segmenter
from app.io.paths import Paths
from app.io.textinput import InputError, read_lines
from app.ui.ruby_view import READING_STYLES, RubyView, cjk_family
from app.ui.tasks import TaskRunner

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.txt"
SCRIPT_LABELS = {"original": "Original", "tw": "Traditional (Taiwan)", "cn": "Simplified", "hk": "Traditional (HK)"}
READING_LABELS = {"none": "No readings", "marks": "Pinyin", "numbers": "Pinyin (tone numbers)", "zhuyin": "Zhuyin"}


class MainWindow(QMainWindow):
    def __init__(self, paths: Paths):
        super().__init__()
        self.setWindowTitle("Duben 讀本")
        self.paths = paths
        self.pipeline = Pipeline(default_segmenter(paths.cache / "segment"))
        self.tasks = TaskRunner(self)
        self.document_ready = False
        self.view = RubyView()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        self.setCentralWidget(scroll)
        self._build_toolbar()
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        if cjk_family() is None:
            self.statusBar().showMessage(
                "No CJK font found: Chinese will show as boxes. Install one (e.g. Debian's fonts-noto-cjk)."
            )
        self.settings = QSettings()
        self.readings_box.setCurrentIndex(READING_STYLES.index(self.settings.value("readings", "marks")))
        if SAMPLE.exists():
            self.load_text("\n".join(read_lines(SAMPLE)), SAMPLE.name)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setObjectName("main-toolbar")
        self.addToolBar(bar)
        open_action = QAction("Open…", self)
        open_action.setShortcut(QKeySequence.Open)
        open_action.triggered.connect(self._on_open_triggered)
        bar.addAction(open_action)
        self.readings_box = QComboBox()
        for style in READING_STYLES:
            self.readings_box.addItem(READING_LABELS[style], style)
        self.readings_box.currentIndexChanged.connect(self._on_readings_changed)
        bar.addWidget(self.readings_box)
        self.script_box = QComboBox()
        for script in DISPLAY_SCRIPTS:
            self.script_box.addItem(SCRIPT_LABELS[script], script)
        self.script_box.currentIndexChanged.connect(
            lambda: self.view.set_script(self.script_box.currentData())
        )
        bar.addWidget(self.script_box)

    def set_reading_style(self, style: str) -> None:
        self.readings_box.setCurrentIndex(self.readings_box.findData(style))

    def set_script(self, script: str) -> None:
        self.script_box.setCurrentIndex(self.script_box.findData(script))

    def _on_readings_changed(self) -> None:
        style = self.readings_box.currentData()
        self.settings.setValue("readings", style)
        self.view.set_reading_style(style)

    def _on_open_triggered(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a text", "", "Text files (*.txt *.md);;All files (*)")
        if name:
            message = self.open_file(name)
            if message:
                self.statusBar().showMessage(message)

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
        pipeline = self.pipeline
        self.tasks.submit(
            "document",
            lambda: pipeline.paragraphs(text),
            lambda paragraphs: self._on_document_ready(title, paragraphs),
            lambda message: self.status.setText(f"{title}: {message}"),
        )

    def _on_document_ready(self, title: str, paragraphs) -> None:
        self.view.set_reading_style(self.readings_box.currentData())
        self.view.set_paragraphs(paragraphs)
        words = sum(1 for p in paragraphs for t in p.tokens if t.kind == "word")
        self.status.setText(f"{title}: {len(paragraphs)} paragraphs, {words} words")
        self.setWindowTitle(f"{title} — Duben 讀本")
        self.document_ready = True

    def save_screenshot_when_ready(self, out: str, timeout_ms: int = 60_000) -> int:
        """Wait (event loop running) for the document, render the window to `out`, return an exit code."""
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        result = {"code": 1}
        waited = {"ms": 0}

        def poll() -> None:
            waited["ms"] += 50
            if self.document_ready:
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
