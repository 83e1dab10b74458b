"""The command line: one module per command group; parses, calls services, prints."""

from app.cli.main import main

__all__ = ["main"]
