"""`python -m app segment|pinyin`: words and readings of text, a line at a time, streamed in batches."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from app.cli.options import add_script_option
from app.core.orthography import Capitals, no_capitals, token_pinyin
from app.core.reading_styles import style_reading
from app.io.textinput import InputError, read_lines

if TYPE_CHECKING:
    from app.services.context import AppContext

# Lines are processed in batches so the polyphone model sees many sentences at once, yet
# memory stays bounded by the batch, not by the input.
BATCH_LINES = 256
BATCH_CHARS = 200_000

STYLES = ("marks", "numbers", "zhuyin")


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Callable[[argparse.ArgumentParser], None]
) -> None:
    seg = sub.add_parser("segment", help="print the words of each line, separated by single spaces")
    seg.add_argument("file", nargs="?", help="UTF-8 text file (default: standard input)")
    add_script_option(seg)
    common(seg)

    pin = sub.add_parser("pinyin", help="print a reading for every Chinese character of each line")
    pin.add_argument("file", nargs="?", help="UTF-8 text file (default: standard input)")
    pin.add_argument("--style", choices=STYLES, default="marks", help="tone marks (default), tone numbers, or zhuyin")
    pin.add_argument("--zhuyin", action="store_const", const="zhuyin", dest="style", help="same as --style zhuyin")
    pin.add_argument(
        "--json", action="store_true", help="one JSON array per line: a reading or null for each character"
    )
    add_script_option(pin)
    common(pin)


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


def cmd_segment(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
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


def cmd_pinyin(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
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
