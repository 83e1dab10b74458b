"""The main window's menus, toolbar and shortcuts: one place that says which key does what."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QFontDialog

from app.core.scripts import DISPLAY_SCRIPTS
from app.ui.reader.note_editing import export_notes, import_notes

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
READING_CYCLE = ("marks", "zhuyin", "unknown", "none")


def _action(window, menu, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(window) -> None:
    bar = window.menuBar()
    file = bar.addMenu("&File")
    _action(window, file, "&Import…", window.import_dialog, QKeySequence.Open)
    _action(window, file, "&Paste as article", window.import_clipboard, "Ctrl+Shift+V")
    _action(window, file, "Export &handout (HTML)…", lambda: export_handout(window))
    _action(window, file, "Export handout (&PDF)…", lambda: export_pdf(window))
    _action(window, file, "Import g&lossary (CSV, TBX)…", lambda: import_glossary(window))
    _action(window, file, "Export &glossary…", lambda: export_glossary(window))
    _action(window, file, "Export &notes…", lambda: export_notes(window))
    _action(window, file, "Import no&tes…", lambda: import_notes(window))
    file.addSeparator()
    _action(window, file, "&Quit", window.close, QKeySequence.Quit)

    edit = bar.addMenu("&Edit")
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.Undo)
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence.Redo)
    edit.addActions([undo, redo])
    _action(window, edit, "&Copy", lambda: copy_selection(window), QKeySequence.Copy)
    _action(window, edit, "&Find…", window.find_bar.open, QKeySequence.Find)
    _action(window, edit, "Find &next", lambda: window._on_find_step_requested(1), "F3")
    _action(window, edit, "Find &previous", lambda: window._on_find_step_requested(-1), "Shift+F3")
    _action(window, edit, "Your &note on this paragraph…", lambda: edit_current_note(window), "Ctrl+N")

    view = bar.addMenu("&View")
    readings = view.addMenu("&Readings")
    group = QActionGroup(window)
    window.reading_actions = {}
    for mode, label in READING_LABELS.items():
        action = _action(window, readings, label, lambda _=False, m=mode: window.set_option(reading=m), checkable=True)
        action.setData(mode)
        group.addAction(action)
        window.reading_actions[mode] = action
    readings.addSeparator()
    _action(window, readings, "Next reading style", lambda: window.cycle("reading", READING_CYCLE), "F6")
    scripts = view.addMenu("&Script")
    group = QActionGroup(window)
    window.script_actions = {}
    for script in DISPLAY_SCRIPTS:
        action = _action(
            window,
            scripts,
            SCRIPT_LABELS[script],
            lambda _=False, s=script: window.set_option(script=s),
            checkable=True,
        )
        action.setData(script)
        group.addAction(action)
        window.script_actions[script] = action
    scripts.addSeparator()
    _action(window, scripts, "Next script", lambda: window.cycle("script", DISPLAY_SCRIPTS), "F7")
    window.notes_action = _action(
        window,
        view,
        "English &notes column",
        lambda checked: window.set_option(notes=checked),
        "Ctrl+Shift+N",
        checkable=True,
    )
    view.addSeparator()
    _action(window, view, "Zoom &in", lambda: window.zoom(1.5), QKeySequence.ZoomIn)
    _action(window, view, "Zoom in", lambda: window.zoom(1.5), "Ctrl+=")
    _action(window, view, "Zoom &out", lambda: window.zoom(-1.5), QKeySequence.ZoomOut)
    _action(window, view, "&Font…", lambda: choose_font(window))
    themes = view.addMenu("&Theme")
    group = QActionGroup(window)
    for name in ("system", "light", "dark"):
        action = _action(window, themes, name.capitalize(), lambda _=False, n=name: window.set_theme(n), checkable=True)
        group.addAction(action)
    view.addSeparator()
    view.addAction(window.library_dock.toggleViewAction())
    view.addAction(window.card_dock.toggleViewAction())

    words = bar.addMenu("&Words")
    for key, status in (("1", "new"), ("2", "learning"), ("3", "known")):
        _action(window, words, f"Mark as {status}", lambda _=False, s=status: window.mark_word(s), key)
    _action(window, words, "Forget the word's status", lambda: window.mark_word(None), "0")
    words.addSeparator()
    _action(window, words, "&Split word…", lambda: window.split_word(), "Ctrl+Shift+S")
    _action(window, words, "&Merge with next word", window.merge_with_next, "Ctrl+Shift+M")
    _action(window, words, "Correct a &reading…", lambda: window.correct_reading(), "Ctrl+Shift+R")
    _action(window, words, "Reset this article's corrections", window.reset_corrections)
    words.addSeparator()
    _action(window, words, "Export learning words (Anki)…", lambda: export_words(window, "anki"))
    _action(window, words, "Export learning words (CSV)…", lambda: export_words(window, "csv"))

    tools_menu = bar.addMenu("&Tools")
    _action(window, tools_menu, "&Glossary", lambda: window.show_panel("glossary"), "Ctrl+G")
    _action(window, tools_menu, "Add the selection to the glossary…", window.add_term_from_selection, "Ctrl+Shift+G")
    glossary_undo = window.glossary_panel.undo_stack.createUndoAction(window, "Undo glossary change")
    glossary_undo.setShortcut(QKeySequence("Ctrl+Alt+Z"))
    glossary_redo = window.glossary_panel.undo_stack.createRedoAction(window, "Redo glossary change")
    glossary_redo.setShortcut(QKeySequence("Ctrl+Alt+Shift+Z"))
    tools_menu.addActions([glossary_undo, glossary_redo])
    _action(window, tools_menu, "&Concordance of this word", window.concordance_of_current, "Ctrl+Shift+C")
    _action(window, tools_menu, "Consistency &check", lambda: window.run_check("article"), "Ctrl+Shift+K")

    go = bar.addMenu("&Go")
    _action(window, go, "Next word", lambda: window.move_word(1), "Alt+Right")
    _action(window, go, "Previous word", lambda: window.move_word(-1), "Alt+Left")

    tools = window.addToolBar("Main")
    tools.setObjectName("main-toolbar")
    tools.addAction(file.actions()[0])
    tools.addSeparator()
    for mode in ("marks", "zhuyin", "unknown", "none"):
        tools.addAction(window.reading_actions[mode])
    tools.addSeparator()
    for script in DISPLAY_SCRIPTS:
        tools.addAction(window.script_actions[script])
    tools.addSeparator()
    tools.addAction(window.notes_action)


def import_glossary(window) -> None:
    window.show_panel("glossary")
    message = window.glossary_panel.import_dialog()
    if message:
        window.statusBar().showMessage(message, 10_000)


def export_words(window, fmt: str) -> None:
    suffix = "apkg" if fmt == "anki" else "csv"
    name, _ = QFileDialog.getSaveFileName(window, "Export learning words", f"learning.{suffix}", f"*.{suffix}")
    if not name:
        return
    from app.io.vocab_export import write_anki, write_csv
    from app.services.study import study_words

    count = (write_anki if fmt == "anki" else write_csv)(study_words(window.context, "learning"), name)
    window.statusBar().showMessage(f"Wrote {count} words to {name}", 5000)


def export_glossary(window) -> None:
    """The glossary for a CAT tool or Anki: everything, or only this article's concepts."""
    from PySide6.QtWidgets import QInputDialog

    from app.io.glossary.export import concepts_in_text, export

    formats = {"CSV": "csv", "OmegaT": "omegat", "TBX-Basic 2019": "tbx", "TBX 2008": "tbx2008", "Anki": "anki"}
    label, ok = QInputDialog.getItem(window, "Export glossary", "Format:", list(formats), 0, False)
    if not ok:
        return
    scope, ok = QInputDialog.getItem(window, "Export glossary", "Concepts:", ["All", "Only this article's"], 0, False)
    if not ok:
        return
    fmt = formats[label]
    suffix = {"csv": "csv", "omegat": "txt", "tbx": "tbx", "tbx2008": "tbx", "anki": "apkg"}[fmt]
    name, _ = QFileDialog.getSaveFileName(window, "Export glossary", f"glossary.{suffix}")
    if not name:
        return
    glossary = window.context.glossary
    concepts = concepts_in_text(glossary, window.article.text) if scope != "All" and window.article else list(glossary)
    texts = [window.article.text] if window.article else []
    count = export(concepts, name, fmt, texts=texts, derive=True)
    window.statusBar().showMessage(f"Wrote {count} entries to {name}", 5000)


def export_pdf(window) -> None:
    if window.article is None:
        return
    name, _ = QFileDialog.getSaveFileName(window, "Export handout", f"{window.article.id}.pdf", "PDF (*.pdf)")
    if name:
        from app.ui.reader.pdf_export import write_pdf

        pages = write_pdf(window, name)
        window.statusBar().showMessage(f"Wrote {pages} pages to {name}", 5000)


def copy_selection(window) -> None:
    from app.ui.reader.view import copy_to_clipboard

    text = window.view.selected_text()
    if text:
        copy_to_clipboard(text)


def edit_current_note(window) -> None:
    index = window.view.current[0] if window.view.current else window.view.visible_range()[0]
    window.edit_note(index)


def choose_font(window) -> None:
    from PySide6.QtGui import QFont

    ok, font = QFontDialog.getFont(QFont(window.view.font_family, int(window.view.options.font_size)), window)
    if ok:
        window.view.font_family = font.family()
        window.settings.setValue("font_family", font.family())
        window.set_option(font_size=float(font.pointSizeF() if font.pointSizeF() > 0 else 17))


def export_handout(window) -> None:
    if window.article is None:
        return
    name, _ = QFileDialog.getSaveFileName(window, "Export handout", f"{window.article.id}.html", "HTML (*.html)")
    if not name:
        return
    from app.io.articles.handouts import annotated_html
    from app.io.atomic import write_bytes_atomic

    annotated = window.documents.annotated(window.article)
    html = annotated_html(window.article.title, window.article.meta, annotated, window.context.glossary)
    write_bytes_atomic(name, html.encode("utf-8"))
    window.statusBar().showMessage(f"Wrote {name}", 5000)
