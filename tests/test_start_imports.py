"""What a start imports: the window reopening a cached article paints without numpy, the
segmentation models, lxml or Qt's speech module (they cost about a third of a start), and the
command line's parser is built without them too. (The word levels and the dictionary load on a
pool thread as the window starts, by design.) A change that imports one of them at start fails here."""

from __future__ import annotations

from pathlib import Path

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
