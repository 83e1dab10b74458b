"""An undoable change made in the store: the controller does it, the undo stack keeps how to take it back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class StoreCommand(QUndoCommand):
    """`do` was done when it was pushed; undo runs `undo`, redo `do` again."""

    def __init__(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo
        self._first = True

    def redo(self) -> None:
        if self._first:  # done already, by the controller, which had to know it could be
            self._first = False
            return
        self._do()

    def undo(self) -> None:
        self._undo()
