"""Duben (讀本): a desktop reading assistant for Chinese texts."""

__version__ = "0.1.0"
