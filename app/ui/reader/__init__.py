"""The reader: the painted view with readings, its layout, the look-up card, find."""
