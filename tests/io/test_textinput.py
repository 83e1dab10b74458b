"""Reading input line by line: it streams, and bad bytes are named by file and line."""

import io
import sys

import pytest

from app.io.textinput import InputError, read_lines


def test_lines_come_one_at_a_time(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes("一\n二\r\n\n三".encode())
    lines = read_lines(path)
    assert next(lines) == "一"  # a generator: nothing past the first line has been decoded
    assert list(lines) == ["二", "", "三"]


def test_stdin_is_read_when_no_file_is_given(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO("普丁\n".encode()))))
    assert list(read_lines(None)) == ["普丁"]


def test_the_error_names_the_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("好\n好\n".encode() + b"\xe5\xa5\n")
    lines = read_lines(path)
    assert next(lines) == "好" and next(lines) == "好"
    with pytest.raises(InputError, match=r"bad\.txt:3: not valid UTF-8 \(byte 0xe5 at byte 1"):
        next(lines)


def test_an_empty_file_has_no_lines(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert list(read_lines(path)) == []
