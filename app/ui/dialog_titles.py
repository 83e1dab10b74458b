"""Dialogs wide enough for their titles: a small dialog's title bar otherwise cuts it ("Expor… ossary").

A watcher on the window and its docks sees each dialog made their child as it is first made ready
to show (those the window builds and Qt's own QInputDialog, QMessageBox and QFileDialog), then
watches that dialog, which gives it at least the width of its title, plus room for the title
bar's icon and buttons, each time it is shown, and watches the dialogs it opens in turn.

Not one filter on the whole application: that one would see every event of every widget, each
crossing into Python, which cost about 150 ms of a start and a share of every repaint.
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QGridLayout,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

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
    """Fits each dialog to its title as it is shown; installed on the widgets that parent dialogs."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildPolished:
            # Sent as the child is made ready to show, whole (ChildAdded comes while it is still
            # being constructed, before it is a dialog): from now on its showing is watched.
            child = event.child() if isinstance(event, QChildEvent) else None
            if isinstance(child, QDialog):
                child.installEventFilter(self)
        elif kind == QEvent.Type.Show and isinstance(watched, QDialog):
            fit_title(watched)
        return False


def fit_dialog_titles(window: QWidget) -> TitleFitter:
    """Fit every dialog that `window` or one of its docks opens, and the dialogs those open, from
    now on. A dialog parented elsewhere (a widget inside a dock) is not seen: parent on the window."""
    fitter = TitleFitter(window)
    for widget in (window, *window.findChildren(QDockWidget)):
        widget.installEventFilter(fitter)
    return fitter
