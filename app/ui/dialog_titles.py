"""Dialogs wide enough for their titles: a small dialog's title bar otherwise cuts it ("Expor… ossary").

One filter on the application sees every dialog as it is shown (those the window builds and
Qt's own QInputDialog and QMessageBox) and gives it at least the width of its title, plus
room for the title bar's icon and buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QDialog, QGridLayout, QMessageBox, QSizePolicy, QSpacerItem

# The title bar's icon and its minimise, maximise and close buttons, in most window managers.
TITLE_BAR_EXTRA = 160
_FITTED = "duben_title_fitted"  # a dynamic property: a message box gets its spacer once


def title_width(dialog: QDialog) -> int:
    """The width a dialog needs for its title to show whole."""
    font = QApplication.font()
    font.setBold(True)  # title bars are often bold: the wider of the two
    return QFontMetrics(font).horizontalAdvance(dialog.windowTitle()) + TITLE_BAR_EXTRA


def fit_title(dialog: QDialog) -> None:
    """Make `dialog` at least as wide as its title needs."""
    needed = title_width(dialog)
    if isinstance(dialog, QMessageBox):
        # A message box sets its own fixed size as it is shown, from its layout: widen the layout.
        layout = dialog.layout()
        if isinstance(layout, QGridLayout) and not dialog.property(_FITTED):
            spacer = QSpacerItem(needed, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())
            dialog.setProperty(_FITTED, True)
        return
    if dialog.minimumWidth() < needed:
        dialog.setMinimumWidth(needed)


class TitleFitter(QObject):
    """Installed on the application: fits each dialog to its title as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            fit_title(watched)
        return False


def fit_dialog_titles(parent: QObject) -> TitleFitter:
    """Fit every dialog of the application from now on, while `parent` lives."""
    fitter = TitleFitter(parent)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(fitter)
    return fitter
