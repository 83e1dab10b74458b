"""`concordance` and `glossary check` from the command line, over the bundled library."""

import csv
import io
import json
import re

import pytest

from tests.helpers import run_cli as run

NEWTALK, PROSPECT = "newtalk-alaska-concert", "prospect-alaska-northeast-asia"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """One data folder for the module, so the dictionary index and paragraph cache are built once."""
    return tmp_path_factory.mktemp("duben-home")


def test_concordance_finds_both_regional_forms_in_both_articles(capsys, home):
    code, out, _ = run(capsys, home, "concordance", "普京")
    lines = out.splitlines()
    assert code == 0
    assert {line.split(":")[0] for line in lines} == {NEWTALK, PROSPECT}
    assert any(line.startswith(f"{NEWTALK}:") and "【普京】" in line for line in lines)
    assert any(line.startswith(f"{PROSPECT}:") and "【普丁】" in line for line in lines)


def test_concordance_json_fields(capsys, home):
    code, out, _ = run(capsys, home, "concordance", "普丁", "--json", "--article", PROSPECT)
    hits = json.loads(out)
    assert code == 0 and hits and {h["article"] for h in hits} == {PROSPECT}
    assert set(hits[0]) >= {
        "article",
        "title",
        "form",
        "concept",
        "paragraph",
        "start",
        "end",
        "sentence",
        "left",
        "right",
    }
    assert hits[0]["form"] == "普丁" and hits[0]["concept"] == "vladimir-putin"
    assert hits[0]["left"] + hits[0]["form"] + hits[0]["right"] in hits[0]["sentence"]


def test_find_takes_any_text_in_either_script_as_json(capsys, home):
    # 峰会 typed in Simplified: the Traditional articles' 峰會, in both bundled articles
    code, out, _ = run(capsys, home, "find", "峰会", "--json")
    hits = json.loads(out)
    assert code == 0 and {h["article"] for h in hits} == {NEWTALK, PROSPECT}
    assert {h["form"] for h in hits} == {"峰會"} and {h["concept"] for h in hits} == {None}
    assert all(h["paragraph"] >= 1 and h["left"] + h["form"] + h["right"] in h["sentence"] for h in hits)
    # the same code as `concordance`: a glossary form brings its variants
    _, putin, _ = run(capsys, home, "find", "普京", "--json")
    _, concordance, _ = run(capsys, home, "concordance", "普京", "--json")
    assert putin == concordance and {h["form"] for h in json.loads(putin)} == {"普京", "普丁"}


@pytest.mark.parametrize(
    "args, code, err",
    [
        (["concordance", "莫斯科大劇院不存在"], 1, ""),
        (["find", "莫斯科大劇院不存在", "--json"], 1, ""),
        (["find", "  "], 2, "duben: give a text to look for\n"),
        (
            ["concordance", "普京", "--article", "no-such-article"],
            2,
            "duben: no-such-article: no article with this id, and no such file\n",
        ),
        (
            ["glossary", "check", "no-such-article"],
            2,
            "duben: no-such-article: no article with this id, and no such file\n",
        ),
    ],
)
def test_nothing_found_and_missing_articles(capsys, home, args, code, err):
    assert run(capsys, home, *args)[0::2] == (code, err)


def test_glossary_check_text(capsys, home):
    code, out, _ = run(capsys, home, "glossary", "check", NEWTALK, PROSPECT)
    lines = out.splitlines()
    assert code == 1  # there are warnings
    assert lines[0].startswith("== Approved translation missing (warning): ")
    assert any(line.startswith(f"{NEWTALK}:6  Vladimir Putin: 普京 ×") for line in lines)
    assert re.fullmatch(r"\d+ findings \(\d+ warnings\): .*missing-translation.*", lines[-1])


def test_glossary_check_csv_file(capsys, home, tmp_path):
    target = tmp_path / "report.csv"
    code, out, _ = run(capsys, home, "glossary", "check", PROSPECT, "--format", "csv", "-o", str(target))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["kind", "severity", "article", "paragraph", "start", "term", "concept", "count", "message"]
    assert {r[2] for r in rows[1:]} == {PROSPECT}
    assert f"written to {target}" in out


def test_glossary_check_json(capsys, home, tmp_path):
    code, out, _ = run(capsys, home, "glossary", "check", "--format", "json")
    findings = json.loads(out)
    putin = [f for f in findings if f["kind"] == "mixed-variants" and f["concept"] == "vladimir-putin"]
    assert [(f["article"], f["term"]) for f in putin] == [(NEWTALK, "普京"), (PROSPECT, "普丁")]


def test_glossary_check_a_text_file(capsys, home, tmp_path):
    source = tmp_path / "mine.txt"
    source.write_text("白俄國說了。\n白俄國又說了。\n", encoding="utf-8")
    code, out, _ = run(capsys, home, "glossary", "check", str(source), "--format", "json")
    assert [(f["kind"], f["article"], f["count"]) for f in json.loads(out)] == [("deprecated", "mine.txt", 2)]


def test_csv_cells_are_guarded_against_formulas(tmp_path):
    from app.core.consistency import Finding
    from app.io.glossary.check_report import write_findings_csv

    target = tmp_path / "r.csv"
    write_findings_csv([Finding("candidate", "info", "a", 0, 0, 2, None, "=1+2", 2, "@SUM(A1)")], target)
    row = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))[1]
    assert row == ["candidate", "info", "a", "0", "0", "'=1+2", "", "2", "'@SUM(A1)"]
