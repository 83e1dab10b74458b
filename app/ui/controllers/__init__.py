"""The window's controllers: small QObjects that own one part of its state and talk by signals."""

from collections.abc import Callable

# What controllers are handed to put a line in the status bar: (text, milliseconds to show it).
ShowMessage = Callable[[str, int], None]
