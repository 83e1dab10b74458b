"""Keys that more than one widget names: the menus bind them, the card's buttons show them in their tooltips."""

from __future__ import annotations

LISTEN_WORD = "F8"
ADD_TERM = "Ctrl+Shift+G"
LOOK_UP = "Ctrl+L"  # the look-up field above the card
