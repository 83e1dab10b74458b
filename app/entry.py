"""The program's entry point: the reader window without a subcommand, else the command line.

It stands above both front ends, so that neither imports the other.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.cli.main import main as cli_main

if TYPE_CHECKING:
    from app.io.paths import Paths


def _open_window(args: argparse.Namespace, paths: Paths) -> int:
    from app.ui.launch import run_gui

    return run_gui(args, paths)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_window=_open_window)
