"""Helpers shared by the tests: running the command line in-process, opening a window."""

from app.cli import main
from app.io.paths import resolve


def marked_paragraphs(*marked):
    """Segmented paragraphs from texts written with `/` between tokens ("普京/會晤/。"), one to a
    line of an article, with their offsets into it."""
    from app.core.text import Paragraph, Token, token_kind

    built, offset = [], 0
    for index, text in enumerate(marked):
        body, tokens = text.replace("/", ""), []
        for piece in text.split("/"):
            tokens.append(Token(piece, offset, offset + len(piece), token_kind(piece)))
            offset += len(piece)
        built.append(Paragraph(index, offset - len(body), offset, body, tuple(tokens)))
        offset += 1
    return built


def annotated_paragraph(*words):
    """A Traditional paragraph of tokens from (text, kind, readings) triples, laid end to end."""
    from app.core.annotated import AnnotatedParagraph
    from app.core.text import Paragraph, Token

    tokens, at = [], 0
    for text, kind, readings in words:
        tokens.append(Token(text, at, at + len(text), kind, tuple(readings)))
        at += len(text)
    text = "".join(t.text for t in tokens)
    return AnnotatedParagraph(Paragraph(0, 0, len(text), text, tuple(tokens), "traditional"))


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


def find_in_library(qtbot, window, query):
    """The window's concordance of `query`, worked out in the background: its hits, once shown."""
    with qtbot.waitSignal(window.panels.hits_shown, timeout=120_000) as blocker:
        window.panels.run_concordance(query)
    return blocker.args[0]


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


def run_python(*args, timeout=600):
    """`python ARGS` in a child process on this checkout, offscreen: (returncode, stdout, stderr)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, env=env, cwd=root, timeout=timeout
    )
    return result.returncode, result.stdout, result.stderr
