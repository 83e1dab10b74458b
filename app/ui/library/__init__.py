"""The library sidebar: its table model and panel."""
