"""Faults of the disk, told apart from a damaged store: a read-only data folder, one that cannot
be made, a full disk, a path longer than SQLite opens, and exports that cannot be written. Each
is one line on standard error saying what is wrong and that the data is intact, exit code 2, no
traceback, and the store passes its integrity check afterwards with its data as it was.

The read-only and full disks are small tmpfs mounts, which needs root (root ignores file
modes, so a chmod would not make a folder read-only for it); without root, or where mounting
is not allowed, those tests are skipped."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXT = "普丁與川普在阿拉斯加會面。西安很美。\n"
DAMAGED_WORDS = ("not a usable", "restore a backup", "cannot rollback")


def duben(home: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        input=stdin.decode() if stdin is not None else None,
    )


def assert_one_line_fault(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit code 2 and one line saying what is wrong, never a traceback or a damaged store."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("duben: ") and "Traceback" not in line
    for word in words:
        assert word in line, line
    for word in DAMAGED_WORDS:
        assert word not in line, line
    return line


def store_state(home: Path) -> tuple[str, list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The store's integrity check, its articles and its word statuses, read directly."""
    db = sqlite3.connect(home / "duben.sqlite3")
    try:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        articles = db.execute("SELECT id, title FROM articles ORDER BY id").fetchall()
        words = db.execute("SELECT * FROM word_status ORDER BY 1").fetchall()
    finally:
        db.close()
    return check, articles, words


class Tmpfs:
    """A small file system of its own, mounted on a folder, that can be made read-only or full."""

    def __init__(self, folder: Path, size: str) -> None:
        self.folder = folder
        folder.mkdir(parents=True)
        if os.geteuid() != 0:
            pytest.skip("mounting a small file system needs root")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")

    def remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.folder)], check=True)

    def fill(self, leave: int = 0) -> None:
        """Fill the file system until `leave` bytes are free (as near as its blocks allow)."""
        descriptor = os.open(self.folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            while True:
                info = os.statvfs(self.folder)
                room = info.f_bavail * info.f_frsize - leave
                if room <= 0:
                    break
                os.write(descriptor, b"\0" * min(room, 1 << 20))
        except OSError:
            pass  # full
        finally:
            os.close(descriptor)

    def free(self) -> None:
        (self.folder / "filler").unlink(missing_ok=True)

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.folder)], capture_output=True)


@pytest.fixture
def disk(tmp_path):
    mount = Tmpfs(tmp_path / "disk", "16m")
    yield mount
    mount.unmount()


@pytest.fixture
def library(disk, tmp_path):
    """A data folder on the small disk with one article and one marked word."""
    home = disk.folder / "home"
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert duben(home, "import", str(source)).returncode == 0
    assert duben(home, "vocab", "mark", "西安", "learning").returncode == 0
    return home, source


def _changes(tmp_path: Path, source: Path, large: bool = False) -> dict[str, tuple[str, ...]]:
    """The commands that write to the store; `large`: each writing more than a full disk has left."""
    rows = 20_000 if large else 1
    glossary = tmp_path / "terms.csv"
    glossary.write_text("中文,English\n" + "".join(f"詞{i:05d},Term {i}\n" for i in range(rows)), encoding="utf-8")
    text = source
    if large:
        text = tmp_path / "big.txt"
        text.write_text(("中文段落很長，讀者讀得很慢。" * 400 + "\n") * 200, encoding="utf-8")
    return {
        "import": ("import", str(text), "--title", "again"),
        "glossary import": ("glossary", "import", str(glossary)),
        "vocab mark": ("vocab", "mark", "北京", "known"),
    }


WRITES = ("import", "glossary import", "vocab mark")


@pytest.mark.parametrize("change", WRITES)
def test_a_read_only_data_folder_is_told_in_one_line(library, disk, tmp_path, change):
    home, source = library
    before = store_state(home)
    disk.remount("ro")
    result = duben(home, *_changes(tmp_path, source)[change])
    assert_one_line_fault(result, "read-only", "intact", str(home))
    disk.remount("rw")
    assert store_state(home) == before
    assert before[0] == "ok"


@pytest.mark.parametrize("change", ["import", "glossary import"])
def test_a_disk_that_fills_during_a_change_is_told_as_full_and_nothing_of_it_is_kept(library, disk, tmp_path, change):
    home, source = library
    before = store_state(home)
    args = _changes(tmp_path, source, large=True)[change]
    # The store opens, then the change outgrows what is left, in the middle of its transaction.
    disk.fill(leave=192 * 1024)
    result = duben(home, *args)
    assert_one_line_fault(result, "disk is full", "nothing of it was kept", "intact")
    disk.free()
    assert store_state(home) == before
    again = duben(home, *args)
    assert again.returncode == 0, again.stderr


def test_a_healthy_store_on_a_disk_full_to_the_last_byte_is_never_called_damaged(library, disk):
    home, _ = library
    before = store_state(home)
    disk.fill()
    for args in (("list",), ("vocab", "mark", "北京", "known")):
        assert_one_line_fault(duben(home, *args), "disk is full", "intact")
    disk.free()
    assert store_state(home) == before
    listed = duben(home, "list")
    assert listed.returncode == 0 and "mine" in listed.stdout


def test_a_data_folder_on_a_read_only_disk_that_does_not_exist_yet(disk):
    disk.remount("ro")
    result = duben(disk.folder / "new" / "home", "list")
    assert_one_line_fault(result, "cannot be made", "Read-only")


@pytest.mark.parametrize("kind", ["a file", "under a file", "in a missing root"])
def test_a_data_folder_that_cannot_be_made_is_told_in_one_line(tmp_path, kind):
    file = tmp_path / "plain"
    file.write_text("x")
    home = {"a file": file, "under a file": file / "home", "in a missing root": Path("/proc/no-such/home")}[kind]
    for args in (("list",), ("vocab", "mark", "北京", "known"), ("import", "-")):
        result = duben(home, *args, stdin=TEXT.encode())
        assert_one_line_fault(result, str(home))
    assert file.read_text() == "x"


@pytest.mark.parametrize("length", [520, 700, 1200])
def test_a_data_path_longer_than_sqlite_opens_says_so(tmp_path, length):
    part = "x" * 100
    home = tmp_path
    while len(str(home / "duben.sqlite3")) < length:
        home = home / part
    home = home.parent / ("y" * max(1, length - len(str(home.parent)) - len("/duben.sqlite3")))
    result = duben(home, "import", "-", stdin=TEXT.encode())
    assert_one_line_fault(result, "characters long", "shorter data folder")


# Each export of a library to a place that cannot hold it: one line naming the file, and what
# was there before is left as it was.
EXPORTS = {
    "annotate": ("annotate", "{id}", "-o"),
    "handout": ("annotate", "{id}", "--format", "html", "-o"),
    "vocab csv": ("vocab", "export", "--format", "csv", "-o"),
    "vocab anki": ("vocab", "export", "--format", "anki", "-o"),
    "glossary csv": ("glossary", "export", "--format", "csv", "-o"),
    "glossary tbx": ("glossary", "export", "--format", "tbx", "-o"),
    "notes": ("notes", "export", "{id}", "-o"),
}


@pytest.fixture
def plain_library(tmp_path):
    home = tmp_path / "home"
    made = duben(home, "import", "-", "--title", "mine", stdin=TEXT.encode())
    assert made.returncode == 0, made.stderr
    assert duben(home, "vocab", "mark", "西安", "learning").returncode == 0
    return home, made.stdout.strip()


@pytest.mark.parametrize("export", list(EXPORTS))
def test_an_export_into_a_missing_folder_is_one_line(plain_library, tmp_path, export):
    home, article = plain_library
    target = tmp_path / "missing" / "out.file"
    args = [part.format(id=article) for part in EXPORTS[export]]
    assert_one_line_fault(duben(home, *args, str(target)), str(target.parent))
    assert not target.parent.exists()


@pytest.mark.parametrize("export", list(EXPORTS))
def test_an_export_onto_a_read_only_or_full_disk_leaves_the_old_file(plain_library, disk, export):
    home, article = plain_library
    target = disk.folder / "out.file"
    target.write_bytes(b"what was there")
    args = [part.format(id=article) for part in EXPORTS[export]]
    disk.remount("ro")
    assert_one_line_fault(duben(home, *args, str(target)), str(target), "nothing there was changed")
    disk.remount("rw")
    disk.fill()
    assert_one_line_fault(duben(home, *args, str(target)), str(target), "nothing there was changed")
    disk.free()
    assert target.read_bytes() == b"what was there"
    assert sorted(p.name for p in disk.folder.iterdir()) == ["out.file"]
    assert store_state(home)[0] == "ok"
