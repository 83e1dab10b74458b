"""A dock whose content is made the first time it is shown or asked for, not at the start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

# Docks across the window's width: their height is what a first showing sets.
ACROSS = (Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea)


class LazyDock(QDockWidget):
    """The shell (title, object name, toggle action, place in the saved window state) exists from
    the start; the panel inside, its models and what its module imports wait for first use, which
    a start that never shows it does not pay for."""

    def __init__(self, title: str, name: str, make: Callable[[], QWidget], parent: QMainWindow) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self._window = parent
        self._make: Callable[[], QWidget] | None = make
        self._content: QWidget | None = None
        self._shown = False
        # A tab raised shows it too: the content is there before it paints.
        self.visibilityChanged.connect(self._on_visibility_changed)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> QWidget:
        """The panel, made now if it was not yet."""
        if self._content is None:
            assert self._make is not None
            make, self._make = self._make, None
            self._content = make()
            self.setWidget(self._content)
        return self._content

    def setVisible(self, visible: bool) -> None:
        # Shown by any road (its View action, a menu action, a restored window state): made first.
        if visible:
            self.content()
        first = visible and not self._shown and self._window.isVisible()
        self._shown = self._shown or visible
        super().setVisible(visible)
        if first and self._window.dockWidgetArea(self) in ACROSS:
            # The shell was laid out without its panel, at its smallest: the height the panel
            # asks for, as a dock made with its panel gets.
            self._window.resizeDocks([self], [self.sizeHint().height()], Qt.Orientation.Vertical)

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.content()
