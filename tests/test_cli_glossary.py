"""`python -m app glossary`: look-up in any script or pinyin, exports for CAT tools, imports into the store."""

import csv
import io
import json
import zipfile

import pytest

from tests.helpers import run_cli as run


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    # One data folder for the module: the CC-CEDICT index is built once.
    return tmp_path_factory.mktemp("home")


@pytest.mark.parametrize("word", ["普京", "普丁", "pujing", "pu3jing1", "pǔjīng", "Putin", "Vladimir Putin"])
def test_lookup_finds_putin_by_any_form(capsys, home, word):
    code, out, _ = run(capsys, home, "glossary", "lookup", word, "--json")
    data = json.loads(out)
    assert code == 0
    assert [c["id"] for c in data["concepts"]] == ["vladimir-putin"]
    terms = {t["text"]: t["regions"] for t in data["concepts"][0]["terms"]}
    assert terms["普丁"] == ["TW"] and "CN" in terms["普京"]


@pytest.mark.parametrize("word, found", [("俄軍", "俄軍"), ("俄军", "俄军")])
def test_lookup_marks_the_form_written_not_its_script_twin(capsys, home, word, found):
    # 俄军 (CN) and 俄軍 (TW) are twins under one folded key; the one asked for is the match.
    code, out, _ = run(capsys, home, "glossary", "lookup", word, "--json")
    assert code == 0 and json.loads(out)["concepts"][0]["found"] == found
    code, out, _ = run(capsys, home, "glossary", "lookup", word)
    assert f" *{found}" in out


def test_lookup_shows_cedict_with_its_marks(capsys, home):
    code, out, _ = run(capsys, home, "glossary", "lookup", "普丁", "--json")
    entry = json.loads(out)["cedict"][0]
    assert entry["regions"] == ["TW"] and "Vladimir Putin" in entry["senses"][0]
    code, out, _ = run(capsys, home, "glossary", "lookup", "垃圾")
    assert "Taiwan pr. lè sè" in out


def test_lookup_of_an_unknown_word_says_so(capsys, home):
    code, out, _ = run(capsys, home, "glossary", "lookup", "Quetzalcoatl")
    assert code == 1 and "not found" in out


def test_csv_export_of_one_article_has_a_row_per_variant(capsys, home, tmp_path):
    out_file = tmp_path / "g.csv"
    code, out, _ = run(
        capsys,
        home,
        "glossary",
        "export",
        "--format",
        "csv",
        "-o",
        str(out_file),
        "--article",
        "prospect-alaska-northeast-asia",
    )
    assert code == 0 and "wrote" in out
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    putin = {r["source"]: r for r in rows if r["concept_id"] == "vladimir-putin"}
    assert set(putin) >= {"普京", "普丁"} and putin["普丁"]["region"] == "TW"
    assert putin["普丁"]["target"].startswith("Vladimir Putin")
    assert putin["普丁"]["pinyin"] == "pǔ dīng"  # derived for the CAT tool
    # Only concepts of that article: the Concert of Europe is in the other one.
    assert not any(r["concept_id"] == "concert-of-europe" for r in rows)


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("tbx", lambda b: b"urn:iso:std:iso:30042:ed-2" in b and b"geographicalUsage" in b),
        ("tbx2008", lambda b: b"<martif" in b),
        ("omegat", lambda b: "普丁\tVladimir Putin".encode() in b),
        ("anki", lambda b: zipfile.is_zipfile(io.BytesIO(b))),
    ],
)
def test_every_export_format_is_written(capsys, home, tmp_path, fmt, check):
    out_file = tmp_path / f"g.{fmt}"
    code, _, err = run(capsys, home, "glossary", "export", "--format", fmt, "-o", str(out_file))
    assert code == 0, err
    assert check(out_file.read_bytes())


def test_import_adds_to_the_user_layer_and_reports_bad_rows(capsys, tmp_path):
    home = tmp_path / "home"
    source = tmp_path / "mine.csv"
    source.write_text("source,target,note\n蒲亭,Vladimir Putin,HK press spelling\n北約,NATO,\n,,\n", encoding="utf-8")
    code, out, _ = run(capsys, home, "glossary", "import", str(source))
    assert code == 0
    assert "rejected: mine.csv:4" in out and "0 added, 2 updated, 1 rejected" in out, out
    code, out, _ = run(capsys, home, "glossary", "lookup", "蒲亭", "--json")
    assert json.loads(out)["concepts"][0]["id"] == "vladimir-putin"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        ("普丁,Putin\n".encode("big5"), "not UTF-8"),
        (
            b"<?xml version='1.0'?><!DOCTYPE m [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><martif>&x;</martif>",
            "entities",
        ),
    ],
)
def test_bad_import_files_get_one_clear_line(capsys, tmp_path, content, message):
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    code, out, err = run(capsys, tmp_path / "home", "glossary", "import", str(source))
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err


def test_export_to_a_missing_folder_is_refused(capsys, home, tmp_path):
    code, _, err = run(capsys, home, "glossary", "export", "--format", "csv", "-o", str(tmp_path / "no" / "g.csv"))
    assert code == 2 and "no such folder" in err


def test_check_files_reports_problems_by_file_and_line(capsys, tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "a.toml").write_text(
        '[[concept]]\nid = "x"\ncategory = "person"\nenglish = ["X"]\nterms = [{ zh = "某", region = "JP" }]\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, tmp_path / "home", "glossary", "check-files", str(folder))
    assert code == 1 and "a.toml:5: x: 某: unknown region 'JP'" in out
    code, out, _ = run(capsys, tmp_path / "home", "glossary", "check-files")
    assert code == 0 and "0 problems" in out


@pytest.mark.parametrize("query", ["yinhang", "yin2hang2", "yínháng", "yin hang", "YIN2 HANG2", "yín háng"])
def test_lookup_by_pinyin_reaches_cedict(capsys, home, query):
    code, out, _ = run(capsys, home, "glossary", "lookup", query)
    assert code == 0
    assert out.splitlines()[0].startswith("CC-CEDICT 銀行 银行 [yín háng]: bank")


def test_lookup_by_pinyin_keeps_tones_apart_and_reads_v_as_u_umlaut(capsys, home):
    _, out, _ = run(capsys, home, "glossary", "lookup", "yin4hang2", "--json")
    assert "銀行" not in [e["traditional"] for e in json.loads(out)["cedict"]]
    for query in ("lv4shi1", "lü4shī", "lu:4 shi1"):
        _, out, _ = run(capsys, home, "glossary", "lookup", query, "--json")
        data = json.loads(out)
        assert data["cedict_by"] == "pinyin" and "律師" in [e["traditional"] for e in data["cedict"]]


def test_lookup_by_pinyin_lists_the_glossary_concept_before_cedict(capsys, home):
    code, out, _ = run(capsys, home, "glossary", "lookup", "pǔdīng", "--json")
    data = json.loads(out)
    assert [c["id"] for c in data["concepts"]] == ["vladimir-putin"]
    assert "普丁" in [e["traditional"] for e in data["cedict"]]
    _, text, _ = run(capsys, home, "glossary", "lookup", "pu3ding1")
    lines = text.splitlines()
    assert lines[0].startswith("Vladimir Putin") and any(line.startswith("CC-CEDICT 普丁") for line in lines)
