"""`translation set|show|check|target|export|import`: the user's own translation from the command line."""

import json
import re

import docx
from translate.storage import factory

from app.core.notes import fingerprint
from app.io.paths import resolve
from app.io.store.translations import Translations
from app.services.context import AppContext
from app.services.documents import Documents
from tests.helpers import run_cli as run

ARTICLE = "prospect-alaska-northeast-asia"  # 8 paragraphs, Traditional, for Taiwan


def bundled(home):
    documents = Documents(AppContext(resolve(home)))
    return {n.paragraph: n.text for n in documents.bundled_notes(documents.article(ARTICLE))}


def shown(capsys, home):
    code, out, _ = run(capsys, home, "translation", "show", ARTICLE, "--json")
    assert code == 0
    return json.loads(out)


def test_set_and_show_number_paragraphs_from_one(capsys, tmp_path, monkeypatch):
    home = tmp_path / "home"
    assert run(capsys, home, "translation", "set", ARTICLE, "1", "Russia invaded Ukraine.")[:2] == (
        0,
        "paragraph 1: saved\n",
    )
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("From standard input.\n"))
    assert run(capsys, home, "translation", "set", ARTICLE, "8", "-")[0] == 0
    data = shown(capsys, home)
    assert data["target"] == "TW" and len(data["paragraphs"]) == 8
    assert [p["translation"] for p in data["paragraphs"]] == [
        "Russia invaded Ukraine.",
        *[""] * 6,
        "From standard input.",
    ]
    # Kept in the store with the paragraph's fingerprint, apart from the bundled translation.
    rows = Translations(AppContext(resolve(home)).store).of(ARTICLE)
    assert [(r.paragraph, r.fingerprint) for r in rows][0] == (0, fingerprint(data["paragraphs"][0]["source"]))

    assert run(capsys, home, "translation", "set", ARTICLE, "1", "")[:2] == (0, "paragraph 1: translation removed\n")
    assert shown(capsys, home)["paragraphs"][0]["translation"] == ""


def test_a_paragraph_that_is_not_there_is_one_line(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path / "home", "translation", "set", ARTICLE, "9", "x")
    assert (code, out) == (2, "") and err == f"duben: {ARTICLE}: no paragraph 9 (the article has 8, from 1)\n"


def test_check_lists_findings_as_json_and_exits_1(capsys, tmp_path):
    home = tmp_path / "home"
    run(capsys, home, "translation", "set", ARTICLE, "1", bundled(home)[0].replace("six years", "years"))
    code, out, _ = run(capsys, home, "translation", "check", ARTICLE, "--json")
    findings = json.loads(out)
    assert code == 1
    assert all(set(f) >= {"paragraph", "kind", "source", "detail"} for f in findings)
    assert {"paragraph": 1, "kind": "number", "source": "六"} in [
        {k: f[k] for k in ("paragraph", "kind", "source")} for f in findings
    ]
    assert [f["paragraph"] for f in findings if f["kind"] == "untranslated"] == [2, 3, 4, 5, 6, 7, 8]


def test_check_for_another_target_flags_that_regions_forms(capsys, tmp_path):
    home = tmp_path / "home"
    code, out, _ = run(capsys, home, "translation", "check", ARTICLE, "--json", "--target", "CN")
    regions = [(f["paragraph"], f["source"]) for f in json.loads(out) if f["kind"] == "region"]
    assert code == 1 and (1, "普丁") in regions and (1, "川普") in regions
    code, out, _ = run(capsys, home, "translation", "check", ARTICLE, "--json")
    assert [f for f in json.loads(out) if f["kind"] == "region"] == []


def test_a_whole_faithful_translation_has_fewer_findings_than_none(capsys, tmp_path):
    home = tmp_path / "home"
    for index, text in bundled(home).items():
        run(capsys, home, "translation", "set", ARTICLE, str(index + 1), text)
    code, out, _ = run(capsys, home, "translation", "check", ARTICLE, "--json")
    kinds = [f["kind"] for f in json.loads(out)]
    assert "untranslated" not in kinds and "region" not in kinds


def test_the_target_region_is_set_and_reset(capsys, tmp_path):
    home = tmp_path / "home"
    assert run(capsys, home, "translation", "target", ARTICLE)[1] == f"{ARTICLE}: translated for TW\n"
    assert run(capsys, home, "translation", "target", ARTICLE, "HK")[1] == f"{ARTICLE}: translated for HK\n"
    assert shown(capsys, home)["target"] == "HK"
    assert run(capsys, home, "translation", "target", ARTICLE, "auto")[1] == f"{ARTICLE}: translated for TW\n"


def test_bundled_tmx_and_xliff_open_in_translate_toolkit_one_unit_a_paragraph(capsys, tmp_path):
    home = tmp_path / "home"
    expected = bundled(home)
    for fmt, name in (("tmx", "out.tmx"), ("xliff", "out.xlf")):
        target = tmp_path / name
        code, out, _ = run(
            capsys, home, "translation", "export", ARTICLE, "--format", fmt, "--source", "bundled", "-o", str(target)
        )
        assert (code, out) == (0, f"wrote 8 paragraphs (8 translated) to {target}\n")
        units = [u for u in factory.getobject(str(target)).units if not u.isheader()]
        assert len(units) == 8
        assert [str(u.target) for u in units] == [expected[i] for i in range(8)]
        assert units[0].source.startswith("俄羅斯入侵烏克蘭") and all(u.source for u in units)
    text = (tmp_path / "out.xlf").read_text(encoding="utf-8")
    assert 'version="1.2"' in text and "urn:oasis:names:tc:xliff:document:1.2" in text
    assert 'source-language="zh-TW"' in text and 'target-language="en"' in text
    assert '<tmx version="1.4">' in (tmp_path / "out.tmx").read_text(encoding="utf-8")


def test_an_xliff_translated_elsewhere_comes_back_as_my_translation(capsys, tmp_path):
    home = tmp_path / "home"
    path = tmp_path / "mine.xlf"
    assert run(capsys, home, "translation", "export", ARTICLE, "--format", "xliff", "-o", str(path))[0] == 0
    # A CAT tool fills in the targets: here translate-toolkit itself, with the bundled English.
    store = factory.getobject(str(path))
    english = bundled(home)
    for index, unit in enumerate(u for u in store.units if not u.isheader()):
        unit.target = english[index]
    store.save()
    code, out, _ = run(capsys, home, "translation", "import", ARTICLE, str(path))
    assert (code, out) == (0, "mine.xlf: 8 translations imported, 0 skipped\n")
    assert [p["translation"] for p in shown(capsys, home)["paragraphs"]] == [english[i] for i in range(8)]


def test_an_import_skips_stale_and_empty_units_by_line(capsys, tmp_path):
    home = tmp_path / "home"
    path = tmp_path / "back.xlf"
    run(capsys, home, "translation", "export", ARTICLE, "--format", "xliff", "--source", "bundled", "-o", str(path))
    text = path.read_text(encoding="utf-8")
    # Paragraph 2 as it was before an edit: its id carries another fingerprint.
    text = re.sub(r'id="2-[0-9a-f]{8}"', 'id="2-00000000"', text)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if 'id="2-00000000"' in row)
    run(capsys, home, "translation", "set", ARTICLE, "2", "Mine, kept.")
    code, out, _ = run(capsys, home, "translation", "import", ARTICLE, str(path))
    assert code == 0
    assert out.splitlines() == [
        f"back.xlf:{line}: paragraph 2 changed since the file was written",
        "back.xlf: 7 translations imported, 1 skipped",
    ]
    assert shown(capsys, home)["paragraphs"][1]["translation"] == "Mine, kept."


def test_an_import_of_a_file_that_is_not_bilingual_is_one_line_and_keeps_my_work(capsys, tmp_path):
    home = tmp_path / "home"
    run(capsys, home, "translation", "set", ARTICLE, "1", "Mine.")
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff><file><body><trans-unit", encoding="utf-8")
    code, out, err = run(capsys, home, "translation", "import", ARTICLE, str(bad))
    assert code == 2 and out == "" and err.startswith(f"duben: {bad}: cannot be read (") and err.count("\n") == 1
    (tmp_path / "plain.txt").write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, home, "translation", "import", ARTICLE, str(tmp_path / "plain.txt"))
    assert code == 2 and "neither TMX nor XLIFF" in err
    assert shown(capsys, home)["paragraphs"][0]["translation"] == "Mine."


def test_a_docx_table_for_reviewers(capsys, tmp_path):
    home = tmp_path / "home"
    run(capsys, home, "translation", "set", ARTICLE, "2", "My second paragraph.")
    path = tmp_path / "review.docx"
    assert run(capsys, home, "translation", "export", ARTICLE, "--format", "docx", "-o", str(path))[0] == 0
    rows = [[c.text for c in row.cells] for row in docx.Document(str(path)).tables[0].rows]
    assert rows[0] == ["#", "Source", "Translation", "Notes"] and len(rows) == 9
    assert rows[2][0] == "2" and rows[2][1].startswith("然而") and rows[2][2] == "My second paragraph."
    assert rows[1][2] == "" and "G20" in rows[1][3]  # the bundled annotations, for the reviewer


def test_an_xliff_on_standard_output_is_the_file_alone(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path / "home", "translation", "export", ARTICLE, "--format", "xliff", "-o", "-")
    assert code == 0 and out.startswith("<?xml") and out.rstrip().endswith("</xliff>")
