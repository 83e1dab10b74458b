"""The main window's menus, toolbar and shortcuts: one place that says which key does what."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QWidget
from shiboken6 import isValid

from app import __version__
from app.core.scripts import DISPLAY_SCRIPTS
from app.ui import keys
from app.ui.controllers.display import DisplayController
from app.ui.controllers.exports import ExportController
from app.ui.controllers.find import FindController
from app.ui.controllers.imports import ImportController
from app.ui.controllers.library import LibraryController
from app.ui.controllers.lookup import HOVER_DELAYS, LookupController
from app.ui.controllers.notes import NotesController
from app.ui.controllers.panels import PanelsController
from app.ui.controllers.speech import RATES, SpeechController
from app.ui.controllers.translation import TranslationController
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
    "above-level": "Pinyin only above my level",
}
TONE_LABELS = {"off": "Off", "readings": "Readings", "characters": "Readings and characters"}
HSK_LEVELS: tuple[int | None, ...] = (None, *range(1, 10))  # the student's level; None: not set
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
    glossary_dock: QWidget  # while the glossary panel in it has the focus, Ctrl+Z undoes glossary changes
    docks: tuple[QDockWidget, ...]  # their show/hide actions go to the View menu
    display: DisplayController
    finder: FindController
    lookup: LookupController
    words: WordsController
    notes: NotesController
    translation: TranslationController
    panels: PanelsController
    imports: ImportController
    exports: ExportController
    entries: LibraryController  # the library's entries: rename, delete, restore
    speech: SpeechController
    set_theme: Callable[[str], None]


@dataclass(frozen=True)
class ViewActions:
    """The checkable actions that mirror the reader's options (menus and toolbar share them)."""

    readings: dict[str, QAction]
    scripts: dict[str, QAction]
    notes: QAction
    themes: dict[str, QAction]
    word_actions: list[QAction | None]  # the context menu on a word (None: a separator)
    levels: dict[int | None, QAction]  # Words ▸ My HSK level

    def sync_theme(self, name: str) -> None:
        for theme, action in self.themes.items():
            action.setChecked(theme == name)

    def sync(self, options: Options) -> None:
        for mode, action in self.readings.items():
            action.setChecked(mode == options.reading)
        for script, action in self.scripts.items():
            action.setChecked(script == options.script)
        self.notes.setChecked(options.notes)
        for level, action in self.levels.items():
            action.setChecked(level == options.hsk_level)


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


def _tone_menu(window: QMainWindow, menu: QMenu, display: DisplayController) -> None:
    """View ▸ Tone colours: off, the readings, the readings and the characters; checked as the options say."""
    group = QActionGroup(window)
    choices = {
        mode: _choice(window, menu, group, label, partial(display.set_option, tones=mode))
        for mode, label in TONE_LABELS.items()
    }

    def sync(options: Options) -> None:
        for mode, action in choices.items():
            action.setChecked(mode == options.tones)

    display.options_changed.connect(sync)
    sync(display.options)


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
    _action(window, file, "&Restore a deleted article…", targets.entries.restore_dialog)
    _action(window, file, "&Empty the trash…", targets.entries.empty_trash)
    file.addSeparator()
    _action(window, file, "&Quit", window.close, Key.Quit)

    edit = bar.addMenu("&Edit")
    undo_group = _undo_group(targets)
    undo = undo_group.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence(Key.Undo))
    redo = undo_group.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence(Key.Redo))
    edit.addActions([undo, redo])
    copy = _action(window, edit, "&Copy", lambda: _copy_selection(view), Key.Copy)
    _action(window, edit, "&Find…", targets.find_bar.open, Key.Find)
    _action(window, edit, "Find &next", lambda: targets.finder.step(1), "F3")
    _action(window, edit, "Find &previous", lambda: targets.finder.step(-1), "Shift+F3")
    _action(window, edit, "Find in &library…", panels.find_in_library, "Ctrl+Shift+F")
    _action(window, edit, "Look &up a word…", targets.lookup.focus_field, keys.LOOK_UP)
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
    _tone_menu(window, menu.addMenu("Tone &colours"), display)
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
    zoom_in = _action(window, menu, "Zoom &in", lambda: display.zoom(1.5))
    zoom_in.setShortcuts([QKeySequence(Key.ZoomIn), QKeySequence("Ctrl+=")])
    _action(window, menu, "Zoom &out", lambda: display.zoom(-1.5), Key.ZoomOut)
    _action(window, menu, "&Reset zoom", display.reset_zoom, "Ctrl+0")
    _action(window, menu, "&Font…", display.choose_font)
    themes_menu = menu.addMenu("&Theme")
    group = QActionGroup(window)
    themes = {
        name: _choice(window, themes_menu, group, name.capitalize(), partial(targets.set_theme, name))
        for name in THEMES
    }
    cards = menu.addMenu("Word &card")
    group = QActionGroup(window)
    for delay, label in HOVER_DELAYS.items():
        choice = _choice(window, cards, group, label, partial(targets.lookup.set_hover_delay, delay))
        choice.setChecked(delay == targets.lookup.hover_delay)
    menu.addSeparator()
    for dock in targets.docks:
        menu.addAction(dock.toggleViewAction())

    words_menu = bar.addMenu("&Words")
    marks = [
        _action(window, words_menu, f"Mark as {status}", partial(words.mark_word, status), key)
        for key, status in STATUS_KEYS.items()
    ]
    marks.append(_action(window, words_menu, "Forget the word's status", lambda: words.mark_word(None), "0"))
    rest_known = _action(window, words_menu, "Mark the rest of this paragraph known", words.mark_rest_known, "Ctrl+3")
    marks.append(rest_known)
    levels_menu = words_menu.addMenu("My &HSK level")
    level_group = QActionGroup(window)
    levels = {
        level: _choice(
            window,
            levels_menu,
            level_group,
            f"HSK {level}" if level else "Not set (no level line)",
            partial(display.set_option, hsk_level=level),
        )
        for level in HSK_LEVELS
    }
    words_menu.addSeparator()
    split = _action(window, words_menu, "&Split word…", words.split_word, "Ctrl+Shift+S")
    merge = _action(window, words_menu, "&Merge with next word", words.merge_with_next, "Ctrl+Shift+M")
    reading = _action(window, words_menu, "Correct a &reading…", words.correct_reading, "Ctrl+Shift+R")
    _action(window, words_menu, "Reset this article's corrections", words.reset_corrections)
    words_menu.addSeparator()
    _action(window, words_menu, "Export learning words (Anki)…", lambda: exports.export_words("anki"))
    _action(window, words_menu, "Export learning words (CSV)…", lambda: exports.export_words("csv"))

    tools = bar.addMenu("&Tools")
    _action(window, tools, "&Glossary", lambda: panels.show_panel("glossary"), "Ctrl+G")
    add_term = _action(
        window, tools, "Add the selection to the glossary…", panels.add_term_from_selection, keys.ADD_TERM
    )
    glossary_undo = targets.glossary_undo_stack.createUndoAction(window, "Undo glossary change")
    glossary_undo.setShortcut(QKeySequence("Ctrl+Alt+Z"))
    glossary_redo = targets.glossary_undo_stack.createRedoAction(window, "Redo glossary change")
    glossary_redo.setShortcut(QKeySequence("Ctrl+Alt+Shift+Z"))
    tools.addActions([glossary_undo, glossary_redo])
    concordance = _action(window, tools, "&Concordance of this word", panels.concordance_of_current, "Ctrl+Shift+C")
    _action(window, tools, "Consistency &check", lambda: panels.run_check("article"), "Ctrl+Shift+K")

    _translation_menu(window, bar.addMenu("T&ranslation"), targets)
    speak_word = _listen_menu(window, bar.addMenu("&Listen"), targets.speech)

    go = bar.addMenu("&Go")
    _action(window, go, "Next word", lambda: targets.lookup.move_word(1), "Alt+Right")
    _action(window, go, "Previous word", lambda: targets.lookup.move_word(-1), "Alt+Left")
    _action(window, go, "Start of the text", lambda: view.verticalScrollBar().setValue(0), "Ctrl+Home")
    _action(window, go, "End of the text", view.scroll_to_end, "Ctrl+End")

    help_menu = bar.addMenu("&Help")
    _action(window, help_menu, "&Keyboard shortcuts", lambda: show_shortcuts(window), Key.HelpContents)
    _action(window, help_menu, "&About Duben", lambda: _about(window))

    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main-toolbar")
    toolbar.addAction(import_action)
    toolbar.addSeparator()
    for mode in ("marks", "zhuyin", "unknown", "none"):
        toolbar.addAction(readings[mode])
        readings[mode].setToolTip(f"{READING_LABELS[mode]} (F6: the next reading style)")
    toolbar.addSeparator()
    for script in DISPLAY_SCRIPTS:
        toolbar.addAction(scripts[script])
        scripts[script].setToolTip(f"{SCRIPT_LABELS[script]} (F7: the next script)")
    toolbar.addSeparator()
    toolbar.addAction(notes)
    for action in (import_action, notes):
        action.setToolTip(f"{action.text().replace('&', '').rstrip('…')} ({_keys(action)})")
    look_up = QAction("&Look up", window)
    look_up.triggered.connect(lambda _checked=False: _pin_current(view, targets.lookup))
    word_actions: list[QAction | None] = [look_up, speak_word, add_term, concordance, None, *marks, None, split, merge]
    word_actions += [reading, None, copy]
    return ViewActions(readings, scripts, notes, themes, word_actions, levels)


def _translation_menu(window: QMainWindow, menu: QMenu, targets: MenuTargets) -> None:
    """The translator's actions: the column, the editor, the target region, bilingual files."""
    translation, display = targets.translation, targets.display
    column = QAction("&My translation column (in place of the notes)", window)
    column.setShortcut(QKeySequence("Ctrl+Shift+T"))
    column.setCheckable(True)

    def show_column(checked: bool) -> None:
        if checked:
            display.set_option(notes=True)  # the column the translation takes
        translation.set_active(checked)

    column.triggered.connect(show_column)
    menu.addAction(column)
    _action(window, menu, "&Translate this paragraph…", translation.edit_current, "Ctrl+T")
    _action(
        window,
        menu,
        "&Check my translation (consistency panel)",
        partial(translation.check_into, targets.panels.show_findings),
        "Ctrl+Alt+K",
    )
    regions = menu.addMenu("Target &region")
    group = QActionGroup(window)
    for label, region in (("Follow the article", None), ("CN", "CN"), ("TW", "TW"), ("HK", "HK")):
        _choice(window, regions, group, label, partial(translation.set_target, region))
    menu.addSeparator()
    for fmt, label in (("xliff", "XLIFF 1.2"), ("tmx", "TMX"), ("docx", "DOCX table for reviewers")):
        _action(window, menu, f"Export as {label}…", partial(translation.export, fmt))
    _action(window, menu, "Export the bundled translation as TMX…", partial(translation.export, "tmx", "bundled"))
    _action(window, menu, "&Import a translated XLIFF or TMX…", translation.import_file)


def _listen_menu(window: QMainWindow, menu: QMenu, speech: SpeechController) -> QAction:
    """Reading aloud, its voice and its rate; returns the action that says the current word."""
    word = _action(window, menu, "Listen to the &word", speech.speak_word, keys.LISTEN_WORD)
    _action(window, menu, "Listen to the &sentence", speech.speak_sentence, "Shift+F8")
    _action(window, menu, "Listen to the &paragraph", speech.speak_paragraph, "Ctrl+F8")
    _action(window, menu, "S&top", speech.stop, "F9")
    menu.aboutToShow.connect(speech.warm_up)  # the engine made while the menu is read, before a click
    menu.addSeparator()
    voices = menu.addMenu("&Voice")
    # Filled when opened: asking the engine for its voices loads it, which the start should not wait for.
    voices.aboutToShow.connect(lambda: _fill_voices(window, voices, speech))
    rates = menu.addMenu("&Rate")
    group = QActionGroup(window)
    for rate, label in RATES.items():
        choice = _choice(window, rates, group, label, partial(speech.set_rate, rate))
        choice.setChecked(rate == speech.rate)
    return word


def _fill_voices(window: QMainWindow, menu: QMenu, speech: SpeechController) -> None:
    menu.clear()
    group = QActionGroup(menu)
    for name in ["", *speech.chinese_voices()]:
        label = name or "Automatic (Taiwan for Traditional, mainland for Simplified)"
        choice = _choice(window, menu, group, label, partial(speech.set_voice, name))
        choice.setChecked(name == speech.voice_name)
    if len(menu.actions()) == 1:
        menu.addAction("No Chinese voice installed (Debian: espeak-ng)").setEnabled(False)


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


def _undo_group(targets: MenuTargets) -> QUndoGroup:
    """One Undo for the window: the glossary's changes while the glossary has the focus, else the rest."""
    group = _FocusUndoGroup(targets.window, targets.glossary_dock, targets.glossary_undo_stack, targets.undo_stack)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        # A slot of the group itself: the connection goes when the window (and the group) does.
        app.focusChanged.connect(group.on_focus_changed)
    return group


class _FocusUndoGroup(QUndoGroup):
    def __init__(self, window: QMainWindow, panel: QWidget, panel_stack: QUndoStack, main_stack: QUndoStack) -> None:
        super().__init__(window)
        self._panel, self._panel_stack, self._main_stack = panel, panel_stack, main_stack
        self.addStack(main_stack)
        self.addStack(panel_stack)
        self.setActiveStack(main_stack)

    def on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The window's children go one by one when it closes: the stacks may be gone before the group.
        if not all(isValid(part) for part in (self._panel, self._panel_stack, self._main_stack)):
            return
        in_panel = new is not None and (new is self._panel or self._panel.isAncestorOf(new))
        self.setActiveStack(self._panel_stack if in_panel else self._main_stack)


def shortcut_lines(window: QMainWindow) -> list[tuple[str, str]]:
    """(menu path, keys) for every menu action that has a shortcut, in menu order."""
    found: list[tuple[str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            label = f"{path} → {action.text().replace('&', '')}"
            if isinstance(sub, QMenu):
                walk(sub, label)
            elif action.shortcuts():
                found.append((label, _keys(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, top.text().replace("&", ""))
    return found


def show_shortcuts(window: QMainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    rows = "".join(
        f"<tr><td>{label}</td><td>&nbsp;&nbsp;<b>{keys}</b></td></tr>" for label, keys in shortcut_lines(window)
    )
    box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts", "", QMessageBox.StandardButton.Close, window)
    box.setText(f"<table>{rows}</table><p>In the reader: Home and End go to the start and the end.</p>")
    box.open()


def _about(window: QMainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        window,
        "About Duben",
        f"<p><b>Duben 讀本</b> {__version__}</p><p>A reading assistant for Chinese texts: readings above "
        "the words, a glossary of regional variants, English notes beside the paragraphs.</p>"
        "<p>Dictionary: CC-CEDICT (CC BY-SA 4.0).</p>",
    )


def _pin_current(view: ReaderView, lookup: LookupController) -> None:
    if view.current is not None:
        lookup.pin(*view.current)


def _copy_selection(view: ReaderView) -> None:
    text = view.selected_text()
    if text:
        QGuiApplication.clipboard().setText(text)
