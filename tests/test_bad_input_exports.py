"""Where an export may write and what a read may read: every `-o` goes through one output target
(standard output, a device or FIFO written through, a symlink's target replaced, the store's
files refused), and every file read by name must be a regular file, read within a bound."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.io.articles.importers import MAX_IMPORT_BYTES
from app.io.atomic import atomic_output
from app.io.paths import resolve
from app.io.store.user_store import Store
from app.io.textinput import MAX_TEXT_BYTES
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent

# Every export of the command line, by what comes before its `-o`; {id} is an imported article.
EXPORTS = {
    "glossary-csv": ("glossary", "export", "--format", "csv"),
    "glossary-tbx": ("glossary", "export", "--format", "tbx"),
    "glossary-anki": ("glossary", "export", "--format", "anki"),
    "vocab-csv": ("vocab", "export", "--format", "csv"),
    "vocab-anki": ("vocab", "export", "--format", "anki"),
    "notes": ("notes", "export", "{id}"),
    "check-report": ("glossary", "check", "{id}", "--format", "csv"),
    "annotate": ("annotate", "{id}"),
    "handout": ("annotate", "{id}", "--format", "html"),
}
# The files of a data folder an export must never replace, relative to it.
STORE_FILES = ("duben.sqlite3", "duben.sqlite3-wal", "duben.sqlite3-shm", "cache/paragraphs.sqlite3")


@pytest.fixture
def library(tmp_path, capsys):
    """A data folder holding one imported article, a marked word and a note; (folder, article id)."""
    home = tmp_path / "home"
    source = tmp_path / "mine.txt"
    source.write_text("普丁與川普在阿拉斯加會面。\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, home, "import", str(source))
    assert code == 0
    article = out.strip()
    assert run_cli(capsys, home, "vocab", "mark", "普丁", "learning")[0] == 0
    store = Store(resolve(home).data)
    store.set_user_note(article, 0, "", "a note of mine")
    store.close()
    return home, article


def command(kind, article, target):
    return [part.format(id=article) for part in EXPORTS[kind]] + ["-o", str(target)]


def store_state(home):
    """What must survive a refused export: the store's integrity and its content."""
    path = resolve(home).data / "duben.sqlite3"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute("SELECT id, title, text FROM articles").fetchall(), db.execute(
            "SELECT word, status FROM word_status"
        ).fetchall()


def no_temporaries(folder: Path) -> list[Path]:
    return list(folder.rglob("*.part"))


def refused(capsys, home, args, name):
    code, out, err = run_cli(capsys, home, *args)
    assert code == 2 and out == "", (out, err)
    assert err.count("\n") == 1 and "Traceback" not in err and name in err, err
    return err


@pytest.mark.parametrize("kind", EXPORTS)
def test_no_export_replaces_the_store(capsys, library, kind):
    home, article = library
    store = resolve(home).data / "duben.sqlite3"
    before = store_state(home)
    err = refused(capsys, home, command(kind, article, store), "duben.sqlite3")
    assert "database" in err and "left as it is" in err
    assert store_state(home) == before
    assert no_temporaries(home) == []


@pytest.mark.parametrize("name", STORE_FILES)
def test_no_file_of_the_store_or_its_cache_is_replaced(capsys, library, name):
    home, article = library
    target = resolve(home).data / name
    if not target.exists():  # a -wal or -shm file exists only while the store is open
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(b"")
    before = store_state(home)
    refused(capsys, home, command("glossary-csv", article, target), target.name)
    assert not target.read_bytes().startswith("\ufeffsource".encode())  # not the export
    assert store_state(home) == before


def test_a_store_under_another_name_is_refused_too(capsys, library, tmp_path):
    home, article = library
    copy = tmp_path / "backup.db"
    copy.write_bytes((resolve(home).data / "duben.sqlite3").read_bytes())
    data = copy.read_bytes()
    refused(capsys, home, command("vocab-csv", article, copy), "backup.db")
    assert copy.read_bytes() == data


@pytest.mark.parametrize("kind", EXPORTS)
def test_a_symlink_keeps_pointing_and_its_target_is_replaced(capsys, library, tmp_path, kind):
    home, article = library
    real = tmp_path / "real.out"
    real.write_bytes(b"old content")
    link = tmp_path / "link.out"
    link.symlink_to(real)
    code, _, err = run_cli(capsys, home, *command(kind, article, link))
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() not in (b"", b"old content")
    assert no_temporaries(tmp_path) == []


@pytest.mark.parametrize("kind", EXPORTS)
def test_a_fifo_is_written_through_not_replaced(capsys, library, tmp_path, kind):
    home, article = library
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = run_cli(capsys, home, *command(kind, article, fifo))
    reader.join(timeout=60)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0]


def test_a_device_is_written_through_not_replaced(capsys, library, tmp_path):
    home, article = library
    device = tmp_path / "null"
    try:  # a null device of our own, so a failure could never replace the system's /dev/null
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    for kind in EXPORTS:
        code, _, err = run_cli(capsys, home, *command(kind, article, device))
        assert code == 0, (kind, err)
        assert stat.S_ISCHR(device.lstat().st_mode), kind


@pytest.mark.parametrize("kind", ["glossary-csv", "notes", "check-report", "handout"])
def test_a_dash_is_standard_output(capsys, library, tmp_path, monkeypatch, kind):
    home, article = library
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, home, *command(kind, article, "-"))
    assert code == 0, err
    assert not (tmp_path / "-").exists()
    # the message about what was written may follow the data; the data itself came first
    assert out.strip()


@pytest.mark.parametrize("kind", EXPORTS)
def test_a_full_device_is_one_line_and_nothing_is_lost(capsys, library, kind):
    home, article = library
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    before = store_state(home)
    err = refused(capsys, home, command(kind, article, "/dev/full"), "/dev/full")
    assert "cannot be written" in err and "nothing there was changed" in err
    assert store_state(home) == before


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path):
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    with atomic_output(kept) as handle:
        handle.write(b"new")
    assert kept.read_bytes() == b"new" and stat.S_IMODE(kept.stat().st_mode) == 0o640
    previous = os.umask(0o027)
    try:
        with atomic_output(tmp_path / "new.csv") as handle:
            handle.write(b"new")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half")
        raise RuntimeError("the export broke")
    assert target.read_bytes() == b"old" and no_temporaries(tmp_path) == []


# --- reads -------------------------------------------------------------------------------------


def run_process(home, *args, stdin=b""):
    """The real command line in a process of its own, so a read that never ends fails by timeout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(home), *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        env=env,
        cwd=ROOT,
        check=False,
    )


def not_a_file(tmp_path, kind) -> Path:
    path = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(path)  # no writer ever opens it: reading it would wait forever
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o444, os.makedev(1, 5))  # a zero device: endless NULs
        except PermissionError:
            return Path("/dev/zero")
    else:
        import socket

        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    return path


READERS = {
    "glossary-import": ("glossary", "import"),
    "notes-import": ("notes", "import", "{id}"),
    "import": ("import",),
    "segment": ("segment",),
    "check-files": ("glossary", "check-files"),
}


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
@pytest.mark.parametrize("reader", READERS)
def test_what_is_not_a_regular_file_is_refused_unread(library, tmp_path, reader, kind):
    home, article = library
    path = not_a_file(tmp_path, kind)
    before = store_state(home)
    result = run_process(home, *[p.format(id=article) for p in READERS[reader]], str(path))
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err and err.count("\n") == 1, err
    assert path.name in err and ("not a regular file" in err or "is not a file" in err or "regular" in err), err
    assert store_state(home) == before


def test_standard_input_with_nul_bytes_is_refused(library):
    home, _ = library
    before = store_state(home)
    result = run_process(home, "import", "-", stdin="普丁\n".encode() + b"\x00" * 10)
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1 and "<stdin>" in err and "NUL" in err, err
    assert store_state(home) == before


@pytest.mark.slow
def test_standard_input_over_the_limit_is_refused(library):
    home, _ = library
    before = store_state(home)
    result = run_process(home, "import", "-", stdin="普".encode() * (MAX_IMPORT_BYTES // 3 + 2))
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1 and "<stdin>" in err and "too large" in err, err
    assert store_state(home) == before


def test_a_notes_file_over_the_limit_is_refused_before_it_is_read(capsys, library, tmp_path):
    home, article = library
    big = tmp_path / "big.toml"
    with open(big, "wb") as handle:  # sparse: its size says it all, no need to fill it
        handle.truncate(MAX_TEXT_BYTES + 1)
    before = store_state(home)
    err = refused(capsys, home, ["notes", "import", article, str(big)], "big.toml")
    assert "too large" in err
    assert store_state(home) == before
