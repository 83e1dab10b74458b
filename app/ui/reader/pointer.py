"""What the mouse does over the reader: hover a word (its card after a delay), click one, drag
a selection, follow a link in a note, ask for a word's menu, double-click the notes column.

The view keeps what is shown and selected; `Pointer` turns its mouse events into those
changes and into the view's signals, so the view's event handlers only hand events on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QPointF, Qt, QTimer, Signal

from app.core.text import SPACE, WORD

if TYPE_CHECKING:
    from app.ui.reader.view import ReaderView

# A press and release closer than this (Manhattan, pixels) is a click; farther, a drag.
DRAG_DISTANCE = 6


class HoverTimer(QObject):
    """Says `hovered` once the pointer has stayed on one word for the delay, `left` when it is over none."""

    hovered = Signal(int, int)  # paragraph index, token start
    left = Signal()

    def __init__(self, delay: int | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self.target: tuple[int, int] | None = None
        self._delay = delay  # None: no card on hover, only on click

    @property
    def delay(self) -> int | None:
        return self._delay

    def set_delay(self, milliseconds: int | None) -> None:
        self._delay = milliseconds
        if milliseconds is None:
            self._timer.stop()

    def set_target(self, target: tuple[int, int] | None) -> None:
        """The word under the pointer (None: none)."""
        if target == self.target:
            return
        self.target = target
        self._timer.stop()
        if target is None:
            self.left.emit()
        elif self._delay is not None:
            self._timer.start(self._delay)

    def _on_timeout(self) -> None:
        if self.target:
            self.hovered.emit(*self.target)


class Pointer:
    """The mouse over one view; the view calls it from its event handlers."""

    def __init__(self, view: ReaderView, hover_delay: int | None) -> None:
        self._view = view
        self._press: QPointF | None = None  # where the left button went down, while it is down
        self.hover = HoverTimer(hover_delay, view)
        self.hover.hovered.connect(view.word_hovered)
        self.hover.left.connect(view.hover_left)

    def moved(self, point: QPointF) -> None:
        view = self._view
        if self._press is not None:
            # A button is down: a selection may be starting, and no card opens during one.
            if (point - self._press).manhattanLength() > DRAG_DISTANCE:
                view.select_between(self._press, point)
            return
        hit = view.box_at(point)
        self.hover.set_target((hit[0].index, hit[1].start) if hit and hit[1].kind == WORD else None)
        over_link = self.link_at(point) is not None
        view.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_link else Qt.CursorShape.IBeamCursor)

    def pressed(self, point: QPointF) -> None:
        """The left button went down."""
        self.hover.set_target(None)
        self._press = point
        self._view.clear_selection()

    def released(self, point: QPointF) -> None:
        press, self._press = self._press, None
        if press is None or (point - press).manhattanLength() > DRAG_DISTANCE:
            return
        view = self._view
        link = self.link_at(point)
        if link:
            view.concept_clicked.emit(link)
            return
        hit = view.box_at(point)
        if hit and hit[1].kind != SPACE:
            view.select_word(hit[0].index, hit[1].start)
            view.word_clicked.emit(hit[0].index, hit[1].start)
        else:
            view.viewport().update()

    def menu(self, point: QPointF, where: QPoint) -> None:
        """The word's menu: the one under the pointer, else (the menu key) the selected one."""
        view = self._view
        hit = view.box_at(point)
        if hit and hit[1].kind == WORD:
            view.word_menu_requested.emit(hit[0].index, hit[1].start, where)
        elif view.current is not None:
            center = view.box_center(*view.current)
            if center is not None:
                where = view.viewport().mapToGlobal(center.toPoint())
                view.word_menu_requested.emit(view.current[0], view.current[1], where)

    def double_clicked(self, point: QPointF) -> None:
        view = self._view
        hit = view.row_at(point)
        if hit and hit[2]:
            (view.translation_edit_requested if view.translating else view.note_edit_requested).emit(hit[0].index)

    def link_at(self, point: QPointF) -> str | None:
        """The concept of the glossary link in a note under a viewport point."""
        hit = self._view.row_at(point)
        if not hit or not hit[2]:
            return None
        for note in hit[0].notes:
            for area, concept in note.links:
                if area.contains(hit[1]):
                    return concept
        return None
