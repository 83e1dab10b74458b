"""`python -m app [SUBCOMMAND]`: the parser, the table of commands, and the one error policy."""

from __future__ import annotations

import argparse
import importlib
import io
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from app import __version__
from app.cli.options import add_common, add_tone_option, common_for_subcommand
from app.core.text import escaped_controls
from app.io.paths import FolderError, resolve
from app.io.textinput import InputError

if TYPE_CHECKING:
    from app.io.paths import Paths
    from app.services.context import AppContext

Window = Callable[[argparse.Namespace, "Paths"], int]
Command = Callable[[argparse.Namespace, "AppContext", Callable[[str], None]], int]

# Each command group's module adds its parsers; a subcommand's module is imported only when it
# runs, so `--help` and argument errors answer without loading the core.
GROUPS = ("text", "library", "check", "vocab", "glossary", "notes", "translation", "speak")

# subcommand -> (module in app.cli, function): the one dispatch table.
COMMANDS: dict[str, tuple[str, str]] = {
    "segment": ("text", "cmd_segment"),
    "pinyin": ("text", "cmd_pinyin"),
    "list": ("library", "cmd_list"),
    "import": ("library", "cmd_import"),
    "annotate": ("library", "cmd_annotate"),
    "library": ("library", "cmd_library"),
    "concordance": ("check", "cmd_concordance"),
    "find": ("check", "cmd_concordance"),
    "vocab": ("vocab", "cmd_vocab"),
    "correct": ("vocab", "cmd_correct"),
    "glossary": ("glossary", "run"),
    "notes": ("notes", "cmd_notes"),
    "translation": ("translation", "cmd_translation"),
    "speak": ("speak", "cmd_speak"),
}


class _Refused(Exception):
    """What the parser of the window's options alone does with arguments it cannot take."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Refused(message)


def build_parser(subcommands: bool = True) -> argparse.ArgumentParser:
    """The whole parser; without `subcommands`, one that knows only the window's options (its
    parse refuses anything else), which spares a start importing every command group's module."""
    parser = (argparse.ArgumentParser if subcommands else _WindowParser)(
        prog="python -m app",
        description="Duben (讀本): a reading assistant for Chinese texts. Without a subcommand, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"duben {__version__}")
    add_common(parser, top=True)
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window offscreen, save a PNG and exit")
    parser.add_argument("--size", metavar="WxH", default="1200x800", help="window size for --screenshot")
    parser.add_argument("--article", metavar="ID|FILE", help="open this bundled article (or text file) in the window")
    parser.add_argument("--popup", metavar="WORD", help="with --screenshot: show the look-up card of WORD")
    parser.add_argument(
        "--readings",
        choices=("pinyin", "numbers", "zhuyin", "none", "unknown", "above-level"),
        help="readings above the words (unknown: only on words not yet known; above-level: only on words above --level)",
    )
    parser.add_argument("--theme", choices=("system", "light", "dark"), help="colour theme")
    add_tone_option(parser, top=True)
    parser.add_argument(
        "--panel",
        choices=("glossary", "concordance", "check", "translation", "library"),
        help="with --screenshot: open this panel (concordance of 普京, check of the article, the translator's view, "
        "the library with all its columns)",
    )
    parser.add_argument("--script", choices=("original", "tw", "cn", "hk"), help="display script")
    parser.add_argument(
        "--level", type=int, choices=range(1, 10), metavar="1-9", help="the student's HSK level (the level line)"
    )
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    for group in GROUPS if subcommands else ():
        importlib.import_module(f"app.cli.{group}").add_parsers(sub, common_for_subcommand)
    return parser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments, parsed by the whole parser unless they plainly open the window: no word of
    them names a subcommand or asks for help, and the window's options alone take them all
    (anything they refuse goes to the whole parser, whose answer is the one given)."""
    words = sys.argv[1:] if argv is None else list(argv)
    if not any(word in COMMANDS or word in ("-h", "--help") for word in words):
        try:
            return build_parser(subcommands=False).parse_args(words)
        except _Refused:
            pass
    return build_parser().parse_args(words)


def _command(args: argparse.Namespace) -> Command:
    module, name = COMMANDS[args.command]
    command: Command = getattr(importlib.import_module(f"app.cli.{module}"), name)
    return command


def _writer() -> Callable[[str], None]:
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):  # a replaced stdout (tests) may be another kind
        try:
            stream.reconfigure(encoding="utf-8", newline="\n")
        except ValueError:  # or refuse it
            pass

    def write(line: str) -> None:
        stream.write(escaped_controls(line) + "\n")

    return write


class _Terminated(BaseException):
    """SIGTERM, raised where the program is so every `finally` runs: a half-written export's
    temporary file is removed and an open transaction rolled back, as on Ctrl+C."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _on_terminate_received(number: int, frame: FrameType | None) -> None:
    raise _Terminated(number)


def main(argv: Sequence[str] | None = None, open_window: Window | None = None) -> int:
    """Run a subcommand; without one, `open_window` (the reader, from app.entry) runs instead."""
    args = parse_arguments(argv)
    paths = resolve(args.data_dir, args.cache_dir)
    if args.command is None:
        if open_window is None:
            print("duben: give a subcommand (see --help)", file=sys.stderr)
            return 2
        return open_window(args, paths)
    # Imported here so `--help` and argument errors answer without loading the core.
    from app.io.atomic import OutputError
    from app.io.store.user_store import StoreError
    from app.services.context import AppContext

    # Only the main thread may set a handler (a test may run the command line on another).
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_terminate_received) if on_main_thread else None
    try:
        return _command(args)(args, AppContext(paths), _writer())
    except (InputError, StoreError, OutputError, FolderError) as error:
        sys.stdout.flush()
        print(f"duben: {escaped_controls(str(error))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error of ours. Point stdout
        # at /dev/null so the flush at exit does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    except _Terminated as terminated:
        return 128 + terminated.number
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
