"""The command line: segment and pinyin, line for line, with clear errors for bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(args, stdin: bytes | None = None, data_dir: Path | None = None):
    """Run `python -m app ARGS` in a fresh process, as a user would."""
    command = [sys.executable, "-m", "app"] + (["--data-dir", str(data_dir)] if data_dir else []) + list(args)
    return subprocess.run(command, input=stdin, capture_output=True, cwd=ROOT, timeout=300)


@pytest.fixture
def text_file(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("普丁與川普在阿拉斯加會晤\n\n  銀行 長期協調。\nPutin 2025年\n", encoding="utf-8")
    return path


def test_segment_prints_one_line_per_input_line(text_file, capsys):
    assert main(["segment", str(text_file)]) == 0
    lines = capsys.readouterr().out.split("\n")
    assert lines[:-1] == ["普丁 與 川普 在 阿拉斯加 會晤", "", "銀行 長期 協調 。", "Putin 2025 年"]
    assert lines[-1] == ""


def test_segment_reads_standard_input_and_honours_data_dir(tmp_path):
    result = run(["segment"], "歐洲協調的當代版\n".encode(), data_dir=tmp_path / "home")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == "歐洲協調 的 當代 版\n"  # a glossary term stays whole
    # The segmenter's dictionary cache went to the folder we named, not the user's.
    assert any((tmp_path / "home" / "cache").rglob("*"))


def test_segment_output_rejoins_to_the_input(text_file, capsys):
    main(["segment", str(text_file)])
    out = capsys.readouterr().out.splitlines()
    for line, printed in zip(text_file.read_text(encoding="utf-8").splitlines(), out):
        assert printed.replace(" ", "") == "".join(line.split())


def test_pinyin_json_has_one_entry_per_character(tmp_path, capsys):
    path = tmp_path / "p.txt"
    text = "綠色的銀行, 了 😀𠀋"
    path.write_text(text + "\n", encoding="utf-8")
    assert main(["pinyin", str(path), "--style", "numbers", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert len(entries) == len(text)
    assert entries[:5] == ["lv4", "se4", "de5", "yin2", "hang2"]
    assert entries[5] is None and entries[6] is None and entries[8] is None
    assert entries[7] == "le5"


@pytest.mark.parametrize(
    "style, expected",
    [("marks", "yínháng chángqī"), ("numbers", "yin2hang2 chang2qi1"), ("zhuyin", "ㄧㄣˊ ㄏㄤˊ  ㄔㄤˊ ㄑㄧ")],
)
def test_pinyin_plain_output_groups_syllables_by_word(tmp_path, capsys, style, expected):
    path = tmp_path / "p.txt"
    path.write_text("銀行長期\n", encoding="utf-8")
    main(["pinyin", str(path), "--style", style])
    assert capsys.readouterr().out == expected + "\n"


def test_pinyin_reads_words_in_context(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text("銀行長期協調\n", encoding="utf-8")
    main(["pinyin", str(path)])
    assert capsys.readouterr().out == "yínháng chángqī xiétiáo\n"


def test_pinyin_keeps_empty_lines(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text("\n中\n\n", encoding="utf-8")
    main(["pinyin", str(path), "--json"])
    assert capsys.readouterr().out.split("\n") == ["[]", '["zhōng"]', "[]", ""]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "big5.txt", "普丁與川普\n".encode("big5")), "big5.txt:1: not valid UTF-8"),
        (lambda d: _write(d / "bin.dat", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR"), "bin.dat: looks like a binary file"),
        (lambda d: _write(d / "u16.txt", "普丁".encode("utf-16")), "u16.txt: is UTF-16"),
    ],
)
@pytest.mark.parametrize("command", ["segment", "pinyin"])
def test_bad_input_gets_one_clear_line(tmp_path, make, message, command):
    target = make(tmp_path)
    result = run([command, str(target)])
    assert result.returncode != 0
    err = result.stderr.decode().strip()
    assert message in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_lines_before_a_bad_line_are_still_printed(tmp_path):
    path = _write(tmp_path / "mixed.txt", "普丁\n".encode() + "川普\n".encode("big5"))
    result = run(["segment", str(path)])
    assert result.stdout.decode() == "普丁\n"
    assert "mixed.txt:2: not valid UTF-8" in result.stderr.decode()


def test_a_bom_and_crlf_are_not_words(tmp_path, capsys):
    path = _write(tmp_path / "bom.txt", "\ufeff普丁\r\n川普\r\n".encode())
    main(["segment", str(path)])
    assert capsys.readouterr().out == "普丁\n川普\n"


def test_help_and_unknown_options_do_not_trace():
    result = run(["segment", "--no-such-option"])
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("command", [["segment"], ["pinyin", "--json"]])
def test_memory_does_not_grow_with_the_input(tmp_path, monkeypatch, command):
    import os
    import tracemalloc

    line = "美國總統川普與俄國總統普京在阿拉斯加會晤，討論停火。\n"
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(line * 300, encoding="utf-8")
    large.write_text(line * 3000, encoding="utf-8")
    with open(os.devnull, "w", encoding="utf-8") as sink:
        monkeypatch.setattr(sys, "stdout", sink)  # output leaves the process, as in a pipe
        main(command + [str(small)])  # load dictionaries and models before measuring
        peaks = {}
        for path in (small, large):
            tracemalloc.start()
            main(command + [str(path)])
            peaks[path.name] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    # Ten times the input may not cost anywhere near ten times the memory: output is
    # written as it goes and only one batch of lines is held.
    assert peaks["large.txt"] < 1.5 * peaks["small.txt"] + 200_000, peaks
