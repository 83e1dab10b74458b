"""Options shared by the subcommands: the data and cache folders, the script of the text, tone colours."""

from __future__ import annotations

import argparse

from app.core.script_detection import SCRIPT_CHOICES
from app.core.tones import TONE_MODES


def add_common(parser: argparse.ArgumentParser, top: bool) -> None:
    # Accepted before or after the subcommand; SUPPRESS keeps the subparser from
    # overwriting a value given before it.
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="folder for the library, notes and caches (default: $DUBEN_HOME, else the platform's)",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="folder for derived data: models, dictionary index (default: $DUBEN_CACHE_DIR, else inside the data folder)",
    )


def add_script_option(parser: argparse.ArgumentParser) -> None:
    """--script, for the commands that read text (segment, pinyin, annotate)."""
    parser.add_argument(
        "--script",
        choices=SCRIPT_CHOICES,
        default="auto",
        help="the script of the text (default auto: detected for every sentence)",
    )


def add_tone_option(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """--tone-colours, for what shows readings (the window, its screenshot, the handouts); like
    the folders, accepted before a subcommand's name too."""
    parser.add_argument(
        "--tone-colours",
        choices=TONE_MODES,
        default=None if top else argparse.SUPPRESS,
        help="colour readings by tone (1st red, 2nd green, 3rd blue, 4th purple, neutral grey); "
        "characters: the characters too",
    )


def common_for_subcommand(parser: argparse.ArgumentParser) -> None:
    """The folder options as a subcommand takes them (after its name)."""
    add_common(parser, top=False)
