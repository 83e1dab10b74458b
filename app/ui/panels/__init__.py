"""The docked result panels: concordance and consistency check."""
