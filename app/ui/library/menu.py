"""The context menu on a library entry: open, rename, delete, export; restore from the trash."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QWidget

from app.ui.controllers.exports import ExportController
from app.ui.controllers.library import BUNDLED_LINE, LibraryController


def library_menu(
    parent: QWidget,
    article_id: str,
    library: LibraryController,
    exports: ExportController,
    open_article: Callable[[str], bool],
) -> QMenu:
    """The actions on one entry. Exports write the entry's article, which opens first (the
    exports are those of the File menu, and act on the open article)."""
    menu = QMenu(parent)
    menu.addAction("&Open", lambda: open_article(article_id))
    bundled = library.is_bundled(article_id)
    rename = menu.addAction("&Rename…\tF2", lambda: library.rename(article_id))
    delete = menu.addAction("&Delete…\tDel", lambda: library.delete(article_id))
    if bundled:
        rename.setEnabled(False)
        delete.setEnabled(False)
        menu.addAction(BUNDLED_LINE).setEnabled(False)
    export = menu.addMenu("&Export")

    def exporting(export_open: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if open_article(article_id):
                export_open()

        return run

    export.addAction("Handout (&HTML)…", exporting(exports.export_html))
    export.addAction("Handout (&PDF)…", exporting(exports.export_pdf))
    export.addAction("Your &notes…", exporting(exports.export_notes))
    menu.addSeparator()
    restore = menu.addAction("Restore a deleted article…", library.restore_dialog)
    restore.setEnabled(bool(library.trashed()))
    return menu
