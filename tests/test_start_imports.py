"""What a start imports: the window reopening a cached article paints without numpy, the
segmentation models, lxml or Qt's speech module (they cost about a third of a start), and the
command line's parser is built without them too. (The word levels and the dictionary load on a
pool thread once the window's first screen of words is in, by design.) A change that imports one
of them at start fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_python

HEAVY = (
    "numpy",
    "app.core.segment",
    "app.core.ngrams",
    "lxml",
    "pypinyin",
    "jieba",
    "PySide6.QtTextToSpeech",
)

# Runs the program as `python -m app` would, then prints which heavy modules were imported.
PROBE = """
import atexit, os, sys
heavy = {heavy!r}
def report():
    print("IMPORTED", " ".join(name for name in heavy if name in sys.modules), flush=True)
# At exit, which the window may reach through os._exit (leaving background work behind).
atexit.register(report)
leave = os._exit
os._exit = lambda code: (report(), leave(code))
sys.argv = ["app", *sys.argv[1:]]
from app.entry import main
try:
    main()
except SystemExit:
    pass
"""


def _imported(tmp_path: Path, *args: str) -> list[str]:
    code, out, err = run_python("-c", PROBE.format(heavy=HEAVY), "--data-dir", tmp_path / "home", *args, timeout=300)
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.startswith("IMPORTED"))
    return line.split()[1:]


def test_reopening_a_cached_article_imports_no_models(tmp_path):
    shot = ["--screenshot", str(tmp_path / "shot.png"), "--article", "newtalk-alaska-concert"]
    _imported(tmp_path, *shot)  # the first open annotates the article and caches it
    assert _imported(tmp_path, *shot) == []
    assert (tmp_path / "shot.png").stat().st_size > 10_000


def test_the_command_line_parser_imports_no_models(tmp_path):
    assert _imported(tmp_path, "--version") == []
    assert _imported(tmp_path, "glossary", "--help") == []


def test_reading_a_text_imports_no_pypinyin_once_its_tables_are_cached(tmp_path):
    # The run's cache folder holds the reading tables once any run has read a text; a text never
    # read before then gets its readings from them, in the window and on the command line.
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("西安很美。\n", encoding="utf-8")
    second.write_text("長大了，我睡著了。重慶的銀行行長\n", encoding="utf-8")
    _imported(tmp_path, "pinyin", str(first))
    assert "pypinyin" not in _imported(tmp_path, "pinyin", str(second))
    shot = ["--screenshot", str(tmp_path / "shot.png"), "--article", "prospect-alaska-northeast-asia"]
    assert "pypinyin" not in _imported(tmp_path, *shot)


# The window's arguments parsed as a start parses them: which command groups' modules came in.
PARSE = """
import sys
from app.cli.main import GROUPS, build_parser, parse_arguments
args = parse_arguments(sys.argv[1:])
groups = [g for g in GROUPS if f"app.cli.{g}" in sys.modules]
print("SAME" if args == build_parser().parse_args(sys.argv[1:]) else "DIFFERENT", *groups)
"""


def test_the_windows_arguments_are_parsed_without_the_command_groups(tmp_path):
    window = ["--data-dir", str(tmp_path), "--screenshot", "shot.png", "--article", "a", "--level", "3"]
    code, out, err = run_python("-c", PARSE, *window)
    assert code == 0, err
    assert out.split() == ["SAME"]
    # A word naming a subcommand, even as an option's value, takes the whole parser.
    code, out, err = run_python("-c", PARSE, "--article", "list")
    assert out.split()[0] == "SAME" and len(out.split()) > 1


def test_arguments_the_window_does_not_take_get_the_whole_parsers_answer(capsys):
    from app.cli.main import build_parser, parse_arguments

    for wrong in (["--no-such-option"], ["segmnt"], ["--level", "12"]):
        with pytest.raises(SystemExit) as whole:
            build_parser().parse_args(wrong)
        expected = capsys.readouterr().err
        with pytest.raises(SystemExit) as window:
            parse_arguments(wrong)
        assert (window.value.code, capsys.readouterr().err) == (whole.value.code, expected)
        assert "usage:" in expected
