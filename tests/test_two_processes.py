"""Two processes on one data folder: command lines writing at once, a window beside the command
line, two windows. Both work, each sees the other's changes, and nothing is corrupted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.io.paths import resolve
from app.io.store.user_store import Store
from tests.helpers import open_window

# Separate processes, each loading the models: run by .ci/run, not by default.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]

# One writer: imports articles and glossary files as fast as it can, `rounds` times.
WRITER = r"""
import sys
from pathlib import Path
from app.cli import main
home, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
folder = Path(home).parent
for n in range(rounds):
    text = folder / f"{name}-{n}.txt"
    text.write_text(f"{name} 第{n}篇。普丁與川普會面。\n", encoding="utf-8")
    assert main(["--data-dir", home, "import", str(text)]) == 0
    terms = folder / f"{name}-{n}.csv"
    terms.write_text(f"{name}詞{n},{name} term {n}\n", encoding="utf-8")
    assert main(["--data-dir", home, "glossary", "import", str(terms)]) == 0
"""


def cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(home), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_three_command_lines_writing_at_once_into_a_new_folder(tmp_path):
    home = tmp_path / "home"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(home), name, "15"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("甲", "乙", "丙")
    ]
    for writer in writers:
        assert writer.wait(timeout=600) == 0, writer.stderr.read()
    store = Store(resolve(home).data)  # passes the integrity check
    titles = sorted(a.title for a in store.articles())
    assert len(titles) == 45 and len(set(titles)) == 45
    english = {c.english[0] for c in store.user_concepts().values()}
    assert {f"{name} term {n}" for name in "甲乙丙" for n in range(15)} <= english
    store.close()


def test_the_window_follows_what_the_command_line_writes(qtbot, tmp_path):
    home = tmp_path / "home"
    win = open_window(qtbot, home, "newtalk-alaska-concert")
    (tmp_path / "new.txt").write_text("雅爾達會議的新文章。\n", encoding="utf-8")
    result = cli(home, "import", str(tmp_path / "new.txt"))
    assert result.returncode == 0, result.stderr
    (tmp_path / "terms.csv").write_text("蒲亭,Putin the rare spelling\n", encoding="utf-8")
    assert cli(home, "glossary", "import", str(tmp_path / "terms.csv")).returncode == 0

    qtbot.waitUntil(lambda: win.library.model.row_of(result.stdout.strip()) >= 0, timeout=10_000)
    qtbot.waitUntil(lambda: win.context.glossary.find_term("蒲亭") is not None, timeout=10_000)
    assert win.glossary_panel.select_concept(win.context.glossary.find_term("蒲亭")[0].id)
    assert not win.context.store.changed_elsewhere()  # caught up: nothing more to reload


def test_the_command_line_sees_what_the_window_writes(qtbot, tmp_path):
    home = tmp_path / "home"
    win = open_window(qtbot, home, "newtalk-alaska-concert")
    concept_id = win.glossary_panel.add_term("蒲亭", english="Putin the rare spelling", region="TW")
    win.notes.edit_note(0, "My own note on the title.")
    assert concept_id and not win.watcher.sync()  # its own writes are not news to the window
    lookup = cli(home, "glossary", "lookup", "蒲亭")
    assert lookup.returncode == 0 and "Putin the rare spelling" in lookup.stdout, lookup.stdout + lookup.stderr
    annotated = cli(home, "annotate", "newtalk-alaska-concert")
    assert annotated.returncode == 0, annotated.stderr
    first = json.loads(annotated.stdout)["paragraphs"][0]
    assert any(n["text"] == "My own note on the title." for n in first["notes"])


def test_two_windows_on_one_folder_see_each_others_glossary_edits(qtbot, tmp_path):
    home = tmp_path / "home"
    first = open_window(qtbot, home, "newtalk-alaska-concert")
    second = open_window(qtbot, home, "newtalk-alaska-concert")
    assert first.context.store is not second.context.store
    first.glossary_panel.add_term("蒲亭", english="Putin the rare spelling", region="TW")
    assert second.context.glossary.find_term("蒲亭") is None
    assert second.watcher.sync()
    assert second.context.glossary.find_term("蒲亭") is not None
    qtbot.waitUntil(lambda: second.document.ready, timeout=60_000)
