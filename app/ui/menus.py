"""The main window's menus, toolbar and shortcuts: one place that says which key does what."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from app.core.scripts import DISPLAY_SCRIPTS
from app.ui.controllers.display import DisplayController
from app.ui.controllers.exports import ExportController
from app.ui.controllers.find import FindController
from app.ui.controllers.imports import ImportController
from app.ui.controllers.lookup import HOVER_DELAYS, LookupController
from app.ui.controllers.notes import NotesController
from app.ui.controllers.panels import PanelsController
from app.ui.controllers.words import STATUS_KEYS, WordsController
from app.ui.reader.find_bar import FindBar
from app.ui.reader.layout import Options
from app.ui.reader.view import ReaderView
from app.ui.theme import THEMES

READING_LABELS = {
    "none": "No readings",
    "marks": "Pinyin",
    "numbers": "Pinyin (tone numbers)",
    "zhuyin": "Zhuyin",
    "unknown": "Pinyin on words not yet known",
}
SCRIPT_LABELS = {
    "original": "Original script",
    "tw": "Traditional (Taiwan)",
    "cn": "Simplified",
    "hk": "Traditional (Hong Kong)",
}
Shortcut = QKeySequence | QKeySequence.StandardKey | str


@dataclass(frozen=True)
class MenuTargets:
    """What the menus' actions call: the controllers, and the few widgets they act on directly."""

    window: QMainWindow
    view: ReaderView
    find_bar: FindBar
    undo_stack: QUndoStack
    glossary_undo_stack: QUndoStack
    docks: tuple[QDockWidget, ...]  # their show/hide actions go to the View menu
    display: DisplayController
    finder: FindController
    lookup: LookupController
    words: WordsController
    notes: NotesController
    panels: PanelsController
    imports: ImportController
    exports: ExportController
    set_theme: Callable[[str], None]


@dataclass(frozen=True)
class ViewActions:
    """The checkable actions that mirror the reader's options (menus and toolbar share them)."""

    readings: dict[str, QAction]
    scripts: dict[str, QAction]
    notes: QAction

    def sync(self, options: Options) -> None:
        for mode, action in self.readings.items():
            action.setChecked(mode == options.reading)
        for script, action in self.scripts.items():
            action.setChecked(script == options.script)
        self.notes.setChecked(options.notes)


def _action(
    owner: QMainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut | None = None,
) -> QAction:
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def _choice(owner: QMainWindow, menu: QMenu, group: QActionGroup, text: str, slot: Callable[[], object]) -> QAction:
    action = _action(owner, menu, text, slot)
    action.setCheckable(True)
    group.addAction(action)
    return action


def build_menus(targets: MenuTargets) -> ViewActions:
    """Fill the window's menu bar and main toolbar; returns the actions that follow the options."""
    window, view, display, exports = targets.window, targets.view, targets.display, targets.exports
    words, panels = targets.words, targets.panels
    Key = QKeySequence.StandardKey
    bar = window.menuBar()

    file = bar.addMenu("&File")
    import_action = _action(window, file, "&Import…", targets.imports.import_dialog, Key.Open)
    _action(window, file, "&Paste as article", targets.imports.import_clipboard, "Ctrl+Shift+V")
    _action(window, file, "Export &handout (HTML)…", exports.export_html)
    _action(window, file, "Export handout (&PDF)…", exports.export_pdf)
    _action(window, file, "Import g&lossary (CSV, TBX)…", panels.import_glossary)
    _action(window, file, "Export &glossary…", exports.export_glossary)
    _action(window, file, "Export &notes…", exports.export_notes)
    _action(window, file, "Import no&tes…", targets.notes.import_notes)
    file.addSeparator()
    _action(window, file, "&Quit", window.close, Key.Quit)

    edit = bar.addMenu("&Edit")
    undo = targets.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence(Key.Undo))
    redo = targets.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence(Key.Redo))
    edit.addActions([undo, redo])
    _action(window, edit, "&Copy", lambda: _copy_selection(view), Key.Copy)
    _action(window, edit, "&Find…", targets.find_bar.open, Key.Find)
    _action(window, edit, "Find &next", lambda: targets.finder.step(1), "F3")
    _action(window, edit, "Find &previous", lambda: targets.finder.step(-1), "Shift+F3")
    _action(window, edit, "Your &note on this paragraph…", targets.notes.edit_current_note, "Ctrl+N")

    menu = bar.addMenu("&View")
    readings_menu = menu.addMenu("&Readings")
    group = QActionGroup(window)
    readings = {
        mode: _choice(window, readings_menu, group, label, partial(display.set_option, reading=mode))
        for mode, label in READING_LABELS.items()
    }
    readings_menu.addSeparator()
    _action(window, readings_menu, "Next reading style", display.next_reading, "F6")
    scripts_menu = menu.addMenu("&Script")
    group = QActionGroup(window)
    scripts = {
        script: _choice(window, scripts_menu, group, SCRIPT_LABELS[script], partial(display.set_option, script=script))
        for script in DISPLAY_SCRIPTS
    }
    scripts_menu.addSeparator()
    _action(window, scripts_menu, "Next script", display.next_script, "F7")
    notes = QAction("English &notes column", window)
    notes.setShortcut(QKeySequence("Ctrl+Shift+N"))
    notes.setCheckable(True)
    notes.triggered.connect(lambda checked: display.set_option(notes=checked))
    menu.addAction(notes)
    menu.addSeparator()
    _action(window, menu, "Zoom &in", lambda: display.zoom(1.5), Key.ZoomIn)
    _action(window, menu, "Zoom in", lambda: display.zoom(1.5), "Ctrl+=")
    _action(window, menu, "Zoom &out", lambda: display.zoom(-1.5), Key.ZoomOut)
    _action(window, menu, "&Font…", display.choose_font)
    themes = menu.addMenu("&Theme")
    group = QActionGroup(window)
    for name in THEMES:
        _choice(window, themes, group, name.capitalize(), partial(targets.set_theme, name))
    cards = menu.addMenu("Word &card")
    group = QActionGroup(window)
    for delay, label in HOVER_DELAYS.items():
        choice = _choice(window, cards, group, label, partial(targets.lookup.set_hover_delay, delay))
        choice.setChecked(delay == targets.lookup.hover_delay)
    menu.addSeparator()
    for dock in targets.docks:
        menu.addAction(dock.toggleViewAction())

    words_menu = bar.addMenu("&Words")
    for key, status in STATUS_KEYS.items():
        _action(window, words_menu, f"Mark as {status}", partial(words.mark_word, status), key)
    _action(window, words_menu, "Forget the word's status", lambda: words.mark_word(None), "0")
    words_menu.addSeparator()
    _action(window, words_menu, "&Split word…", words.split_word, "Ctrl+Shift+S")
    _action(window, words_menu, "&Merge with next word", words.merge_with_next, "Ctrl+Shift+M")
    _action(window, words_menu, "Correct a &reading…", words.correct_reading, "Ctrl+Shift+R")
    _action(window, words_menu, "Reset this article's corrections", words.reset_corrections)
    words_menu.addSeparator()
    _action(window, words_menu, "Export learning words (Anki)…", lambda: exports.export_words("anki"))
    _action(window, words_menu, "Export learning words (CSV)…", lambda: exports.export_words("csv"))

    tools = bar.addMenu("&Tools")
    _action(window, tools, "&Glossary", lambda: panels.show_panel("glossary"), "Ctrl+G")
    _action(window, tools, "Add the selection to the glossary…", panels.add_term_from_selection, "Ctrl+Shift+G")
    glossary_undo = targets.glossary_undo_stack.createUndoAction(window, "Undo glossary change")
    glossary_undo.setShortcut(QKeySequence("Ctrl+Alt+Z"))
    glossary_redo = targets.glossary_undo_stack.createRedoAction(window, "Redo glossary change")
    glossary_redo.setShortcut(QKeySequence("Ctrl+Alt+Shift+Z"))
    tools.addActions([glossary_undo, glossary_redo])
    _action(window, tools, "&Concordance of this word", panels.concordance_of_current, "Ctrl+Shift+C")
    _action(window, tools, "Consistency &check", lambda: panels.run_check("article"), "Ctrl+Shift+K")

    go = bar.addMenu("&Go")
    _action(window, go, "Next word", lambda: targets.lookup.move_word(1), "Alt+Right")
    _action(window, go, "Previous word", lambda: targets.lookup.move_word(-1), "Alt+Left")

    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main-toolbar")
    toolbar.addAction(import_action)
    toolbar.addSeparator()
    for mode in ("marks", "zhuyin", "unknown", "none"):
        toolbar.addAction(readings[mode])
    toolbar.addSeparator()
    for script in DISPLAY_SCRIPTS:
        toolbar.addAction(scripts[script])
    toolbar.addSeparator()
    toolbar.addAction(notes)
    return ViewActions(readings, scripts, notes)


def _copy_selection(view: ReaderView) -> None:
    text = view.selected_text()
    if text:
        QGuiApplication.clipboard().setText(text)
