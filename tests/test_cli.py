"""The command line: segment and pinyin, line for line, with clear errors for bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(args, stdin: bytes | None = None, data_dir: Path | None = None, env: dict | None = None):
    """Run `python -m app ARGS` in a fresh process, as a user would."""
    command = [sys.executable, "-m", "app"] + (["--data-dir", str(data_dir)] if data_dir else []) + list(args)
    return subprocess.run(command, input=stdin, capture_output=True, cwd=ROOT, timeout=300, env=env)


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
    # Without the test run's shared cache, as a user runs it: the models are built (once) there.
    env = {k: v for k, v in os.environ.items() if k != "DUBEN_CACHE_DIR"}
    result = run(["segment"], "歐洲協調的當代版\n".encode(), data_dir=tmp_path / "home", env=env)
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


def test_pinyin_reads_words_in_context(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text("銀行長期協調\n", encoding="utf-8")
    main(["pinyin", str(path)])
    assert capsys.readouterr().out == "yínháng chángqī xiétiáo\n"


@pytest.mark.parametrize(
    "line, words",
    [
        # Simplified text is read as words, not single characters
        (
            "我们今天去银行办事，银行的长期利率又调高了。国务院总理李强在北京会见了普京。",
            "我们 今天 去 银行 办事 ， 银行 的 长期 利率 又 调高 了 。 国务院 总理 李强 在 北京 会见 了 普京 。",
        ),
        # a glossary term inside other words is not forced: 亞歐 + 盟邦, not 亞 歐盟 邦
        ("亞歐盟邦", "亞歐 盟邦"),
        ("北美國家", "北美 國家"),
    ],
)
def test_segment_reads_either_script(tmp_path, capsys, line, words):
    path = tmp_path / "s.txt"
    path.write_text(line + "\n", encoding="utf-8")
    assert main(["segment", str(path)]) == 0
    assert capsys.readouterr().out == words + "\n"


def test_segment_detects_the_script_of_every_line_unless_told(tmp_path, capsys):
    path = tmp_path / "s.txt"
    path.write_text("我们去银行\n我們去銀行\n", encoding="utf-8")
    main(["segment", str(path)])
    assert capsys.readouterr().out == "我们 去 银行\n我們 去 銀行\n"
    main(["segment", str(path), "--script", "traditional"])
    assert capsys.readouterr().out.splitlines()[1] == "我們 去 銀行"
    with pytest.raises(SystemExit):  # an unknown script is refused by the argument parser
        main(["segment", str(path), "--script", "klingon"])


@pytest.mark.parametrize(
    "line, style, expected",
    [
        (
            "我们今天去银行办事，银行的长期利率又调高了。",
            "marks",
            "wǒmen jīntiān qù yínháng bànshì ， yínháng de chángqī lìlǜ yòu diàogāo le 。",
        ),
        ("我們今天去銀行辦事", "marks", "wǒmen jīntiān qù yínháng bànshì"),
        # apostrophes before a, o, e inside a word; capitals for names (GB/T 16159)
        ("西安", "marks", "Xī'ān"),
        ("普丁在阿拉斯加與俄羅斯會晤", "marks", "Pǔdīng zài Ālāsījiā yǔ Éluósī huìwù"),
        ("西安", "numbers", "Xi1an1"),
        ("西安", "zhuyin", "ㄒㄧ ㄢ"),
        # a word's syllables together, words apart (zhuyin: syllables spaced, words two spaces)
        ("銀行長期", "marks", "yínháng chángqī"),
        ("銀行長期", "numbers", "yin2hang2 chang2qi1"),
        ("銀行長期", "zhuyin", "ㄧㄣˊ ㄏㄤˊ  ㄔㄤˊ ㄑㄧ"),
    ],
)
def test_pinyin_follows_the_spelling_rules_in_either_script(tmp_path, capsys, line, style, expected):
    path = tmp_path / "p.txt"
    path.write_text(line + "\n", encoding="utf-8")
    assert main(["pinyin", str(path), "--style", style]) == 0
    assert capsys.readouterr().out == expected + "\n"


def test_pinyin_json_stays_one_lower_case_entry_per_character(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text("西安的银行\n", encoding="utf-8")
    main(["pinyin", str(path), "--style", "numbers", "--json"])
    assert json.loads(capsys.readouterr().out) == ["xi1", "an1", "de5", "yin2", "hang2"]


def test_pinyin_keeps_empty_lines(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text("\n中\n\n", encoding="utf-8")
    main(["pinyin", str(path), "--json"])
    assert capsys.readouterr().out.split("\n") == ["[]", '["zhōng"]', "[]", ""]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file"),
        (lambda d: d, "is a folder, not a file"),
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


@pytest.mark.slow
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
