"""The window's controllers: each owns a piece of state and talks by signals."""
