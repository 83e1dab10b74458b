"""The command line: `python -m app SUBCOMMAND`, calling the same core the window uses."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Callable, Iterator, Sequence

from app import __version__
from app.core.orthography import Capitals, no_capitals, token_pinyin
from app.core.reading_styles import style_reading
from app.core.scripts import SCRIPT_CHOICES
from app.io.paths import resolve
from app.io.textinput import InputError, read_lines

# Lines are processed in batches so the polyphone model sees many sentences at once, yet
# memory stays bounded by the batch, not by the input.
BATCH_LINES = 256
BATCH_CHARS = 200_000

STYLES = ("marks", "numbers", "zhuyin")


def _add_common(parser: argparse.ArgumentParser, top: bool) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app",
        description="Duben (讀本): a reading assistant for Chinese texts. Without a subcommand, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"duben {__version__}")
    _add_common(parser, top=True)
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window offscreen, save a PNG and exit")
    parser.add_argument("--size", metavar="WxH", default="1200x800", help="window size for --screenshot")
    parser.add_argument("--article", metavar="ID|FILE", help="open this bundled article (or text file) in the window")
    parser.add_argument("--popup", metavar="WORD", help="with --screenshot: show the look-up card of WORD")
    parser.add_argument("--readings", choices=("pinyin", "numbers", "zhuyin", "none", "unknown"),
                        help="readings above the words (unknown: only on words not yet known)")
    parser.add_argument("--theme", choices=("system", "light", "dark"), help="colour theme")
    parser.add_argument("--panel", choices=("glossary", "concordance", "check"),
                        help="with --screenshot: open this panel (concordance of 普京, check of the article)")
    parser.add_argument("--script", choices=("original", "tw", "cn", "hk"), help="display script")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    seg = sub.add_parser("segment", help="print the words of each line, separated by single spaces")
    seg.add_argument("file", nargs="?", help="UTF-8 text file (default: standard input)")
    add_script_option(seg)
    _add_common(seg, top=False)

    pin = sub.add_parser("pinyin", help="print a reading for every Chinese character of each line")
    pin.add_argument("file", nargs="?", help="UTF-8 text file (default: standard input)")
    pin.add_argument("--style", choices=STYLES, default="marks", help="tone marks (default), tone numbers, or zhuyin")
    pin.add_argument("--zhuyin", action="store_const", const="zhuyin", dest="style", help="same as --style zhuyin")
    pin.add_argument(
        "--json", action="store_true", help="one JSON array per line: a reading or null for each character"
    )
    add_script_option(pin)
    _add_common(pin, top=False)

    from app import cli_check, cli_glossary, cli_library, cli_notes

    cli_library.add_parsers(sub, lambda p: _add_common(p, top=False))
    cli_check.add_parsers(sub, lambda p: _add_common(p, top=False))
    from app import cli_vocab

    cli_vocab.add_parsers(sub, lambda p: _add_common(p, top=False))
    cli_glossary.add_parser(sub, lambda p: _add_common(p, top=False))
    cli_notes.add_parsers(sub, lambda p: _add_common(p, top=False))
    return parser


def _batches(lines: Iterator[str], max_lines: int = BATCH_LINES) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    try:
        for line in lines:
            batch.append(line)
            size += len(line)
            if len(batch) >= max_lines or size >= BATCH_CHARS:
                yield batch
                batch, size = [], 0
    except InputError:
        # A bad line further on: what came before it is still answered, then the error.
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def cmd_segment(args: argparse.Namespace, context, out: Callable[[str], None]) -> int:
    pipeline = context.pipeline
    # Lines go to the segmenter in batches, so each batch is one vector pass; someone typing
    # at a terminal gets each line answered at once.
    interactive = args.file in (None, "-") and sys.stdin.isatty()
    for batch in _batches(read_lines(args.file), 1 if interactive else BATCH_LINES):
        for words in pipeline.words_many(batch, args.script):
            out(" ".join(words))
    return 0


def _plain_reading(
    line: str, bounds: Sequence[int], readings: Sequence[str | None], style: str, capitals: Capitals
) -> str:
    """Words separated by spaces, each word written by the pinyin rules (zhuyin: a syllable per character)."""
    separator = "  " if style == "zhuyin" else " "
    words = []
    for a, b in zip(bounds, bounds[1:]):
        piece = line[a:b]
        if not piece.isspace():
            words.append(token_pinyin(piece, readings[a:b], style, capitals) or piece)
    return separator.join(words)


def cmd_pinyin(args: argparse.Namespace, context, out: Callable[[str], None]) -> int:
    pipeline = context.pipeline
    capitals = context.proper_names if not args.json else no_capitals
    # Someone typing at a terminal wants each line answered at once, not after 256 of them.
    interactive = args.file in (None, "-") and sys.stdin.isatty()
    for batch in _batches(read_lines(args.file), 1 if interactive else BATCH_LINES):
        bounds, all_readings = pipeline.bounds_and_readings([(line, 0) for line in batch], script=args.script)
        for line, b, readings in zip(batch, bounds, all_readings):
            if args.json:
                # The per-character contract: one entry per character, lower case, no word rules.
                styled = [style_reading(r, args.style) if r else None for r in readings]
                out(json.dumps(styled, ensure_ascii=False))
            else:
                out(_plain_reading(line, b, readings, args.style, capitals))
    return 0


def cmd_glossary(args: argparse.Namespace, context, out: Callable[[str], None]) -> int:
    from app import cli_glossary

    return cli_glossary.run(args, context, out)


def _library(name: str):
    def run(args: argparse.Namespace, context, out: Callable[[str], None]) -> int:
        from app import cli_library

        return getattr(cli_library, f"cmd_{name}")(args, context, out)

    return run


COMMANDS = {
    "segment": cmd_segment,
    "pinyin": cmd_pinyin,
    "glossary": cmd_glossary,
    "list": _library("list"),
    "import": _library("import"),
    "annotate": _library("annotate"),
    "concordance": lambda args, context, out: __import__("app.cli_check", fromlist=["x"]).cmd_concordance(args, context, out),
    "vocab": lambda args, context, out: __import__("app.cli_vocab", fromlist=["x"]).cmd_vocab(args, context, out),
    "correct": lambda args, context, out: __import__("app.cli_vocab", fromlist=["x"]).cmd_correct(args, context, out),
    "notes": lambda args, context, out: __import__("app.cli_notes", fromlist=["x"]).cmd_notes(args, context, out),
}


def _writer() -> Callable[[str], None]:
    stream = sys.stdout
    try:
        stream.reconfigure(encoding="utf-8", newline="\n")
    except (AttributeError, ValueError):  # a replaced stdout (tests) may not support it
        pass

    def write(line: str) -> None:
        stream.write(line + "\n")

    return write


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = resolve(args.data_dir, args.cache_dir)
    if args.command is None:
        from app.ui.launch import run_gui

        return run_gui(args, paths)
    # Imported here so `--help` and argument errors answer without loading the core.
    from app.context import AppContext
    from app.io.store import StoreError

    try:
        return COMMANDS[args.command](args, AppContext(paths), _writer())
    except (InputError, StoreError) as error:
        sys.stdout.flush()
        print(f"duben: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error of ours. Point stdout
        # at /dev/null so the flush at exit does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
