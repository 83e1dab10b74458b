"""Helpers shared by the tests: running the command line in-process, opening a window."""

from app.cli import main
from app.io.paths import resolve


def run_cli(capsys, home, *args):
    """`python -m app --data-dir HOME ARGS` in this process: (exit code, stdout, stderr)."""
    code = main(["--data-dir", str(home), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def open_window(qtbot, home, article=None, size=(1300, 850), dictionary=False):
    """A shown main window on a data folder, once its first screen of words is ready."""
    from app.ui.main_window import MainWindow

    win = MainWindow(resolve(home))
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    if article:
        win.open_article(article)
    qtbot.waitUntil(lambda: win.document.ready and (win.lookup.dictionary_ready or not dictionary), timeout=60_000)
    return win


def select_word(window, text):
    """Make the first word on screen written `text` the current one; returns (paragraph, start)."""
    target = next((r.index, b.start) for r in window.view.rows_on_screen() for b in r.boxes if b.text == text)
    window.view.select_word(*target)
    return target


def data_folder_with_users_work(tmp_path, capsys):
    """A data folder that already holds one article and one glossary edit of the user's: what a
    bad input must leave as it was."""
    folder = tmp_path / "home"
    (tmp_path / "mine.txt").write_text("我的文章。\n", encoding="utf-8")
    (tmp_path / "mine.csv").write_text("蒲亭,Mine only\n", encoding="utf-8")
    assert run_cli(capsys, folder, "import", str(tmp_path / "mine.txt"))[0] == 0
    assert run_cli(capsys, folder, "glossary", "import", str(tmp_path / "mine.csv"))[0] == 0
    return folder


def shared_cache():
    """The warm cache of derived data every test shares (set up by conftest)."""
    import os
    from pathlib import Path

    return Path(os.environ["DUBEN_CACHE_DIR"])


def make_segmenter(words=()):
    """A Segmenter over the shared cache's models, with these glossary words."""
    from app.io.segment_models import load_segmenter

    return load_segmenter(shared_cache() / "segment", words)
