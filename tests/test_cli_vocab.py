"""`vocab` and `correct`: statuses with their sentence, figures without names, study exports, corrections."""

import csv
import io
import json
import zipfile

import pytest

from app.core.vocabulary import sentence_around
from tests.helpers import run_cli as run

ARTICLE = "prospect-alaska-northeast-asia"


def test_figures_count_known_words_and_leave_names_out(capsys, tmp_path):
    home = tmp_path / "home"
    code, out, _ = run(capsys, home, "vocab", "stats", ARTICLE, "--json")
    before = json.loads(out)
    assert before["known"] == 0 and before["names"] > 20 and before["words"] > 500
    run(capsys, home, "vocab", "mark", "戰爭", "known")
    run(capsys, home, "vocab", "mark", "普丁", "known")  # a glossary name: not vocabulary
    code, out, _ = run(capsys, home, "vocab", "stats", ARTICLE, "--json")
    after = json.loads(out)
    assert after["known"] == 1 and after["distinct"] == before["distinct"]
    assert after["share_known"] == round(1 / after["distinct"], 4)


def test_learning_words_export_with_their_sentence(capsys, tmp_path):
    home = tmp_path / "home"
    run(capsys, home, "vocab", "mark", "峰會", "learning", "--article", ARTICLE)
    code, out, _ = run(capsys, home, "vocab", "export", "--format", "csv", "-o", str(tmp_path / "w.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "w.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["word"] == "峰會" and rows[0]["reading"] == "fēng huì" and "summit" in rows[0]["english"]
    assert "峰會" in rows[0]["sentence"] and rows[0]["sentence"].endswith("。")
    code, _, _ = run(capsys, home, "vocab", "export", "--format", "anki", "-o", str(tmp_path / "w.apkg"))
    assert zipfile.is_zipfile(tmp_path / "w.apkg")


def test_corrections_apply_list_and_reset(capsys, tmp_path):
    home = tmp_path / "home"
    code, out, _ = run(capsys, home, "annotate", ARTICLE)
    tokens = json.loads(out)["paragraphs"][1]["tokens"]
    word = next(t for t in tokens if t["text"] == "會面")
    run(capsys, home, "correct", ARTICLE, "split", str(word["start"] + 1))
    run(capsys, home, "correct", ARTICLE, "reading", str(word["start"]), "kuai4")
    code, out, _ = run(capsys, home, "annotate", ARTICLE)
    tokens = json.loads(out)["paragraphs"][1]["tokens"]
    first = next(t for t in tokens if t["start"] == word["start"])
    assert first["text"] == "會" and first["reading"] == "kuài"
    code, out, _ = run(capsys, home, "correct", ARTICLE, "list")
    assert out.splitlines() == [f"split {word['start'] + 1}", f"reading {word['start']} 會 kuai4"]
    run(capsys, home, "correct", ARTICLE, "reset")
    code, out, _ = run(capsys, home, "annotate", ARTICLE)
    assert any(t["text"] == "會面" for t in json.loads(out)["paragraphs"][1]["tokens"])


def test_a_correction_outside_the_text_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "home", "correct", ARTICLE, "split", "999999")
    assert code == 2 and "give a character offset inside the article" in err


@pytest.mark.parametrize("clause", [5, 0, 11])
def test_a_long_sentence_is_cut_at_clause_boundaries_and_the_cuts_are_marked(clause):
    clauses = [f"這是一個相當長的子句用來測試切分的位置{i}" for i in range(12)]
    text = "普丁抵達阿拉斯加！" + "，".join(clauses) + "。後面的句子"
    word = f"位置{clause}"
    start = text.index(word)
    cut = sentence_around(text, start, start + len(word), limit=120)
    assert word in cut and len(cut.strip("…")) <= 120
    body = cut.strip("…")
    # Whole clauses only: the kept text is a run of the sentence's clauses.
    assert body.rstrip("。") in "，".join(clauses) and all(part in clauses for part in body.rstrip("。").split("，"))
    assert cut.startswith("…") == (clause > 0 and not body.startswith(clauses[0]))
    assert cut.endswith("…") == (not body.endswith("。"))


def test_one_clause_longer_than_the_limit_is_cut_around_the_word():
    text = "甲" * 200 + "普丁" + "乙" * 200 + "。"
    start = text.index("普丁")
    cut = sentence_around(text, start, start + 2, limit=40)
    assert "普丁" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) <= 42


def test_sentence_around_stops_at_sentence_ends():
    text = "第一句。普丁抵達阿拉斯加！第三句"
    start = text.index("普丁")
    assert sentence_around(text, start, start + 2) == "普丁抵達阿拉斯加！"


def test_vocab_level_gives_the_same_level_in_either_script(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path / "home", "vocab", "level", "學校", "学校", "戰爭", "--json")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["hsk"] for r in rows] == ["1", "1", "6"]
    assert rows[0]["zipf"] == rows[1]["zipf"] > 5
    assert all(r["tocfl"] is None for r in rows)  # no TOCFL list under terms that allow it
    code, out, _ = run(capsys, tmp_path / "home", "vocab", "level", "學校")
    assert out.split("\t")[:2] == ["學校", "HSK 1"]


def test_vocab_stats_json_has_the_level_profile(capsys, tmp_path):
    home = tmp_path / "home"
    run(capsys, home, "vocab", "mark", "戰爭", "known")
    code, out, err = run(capsys, home, "vocab", "stats", ARTICLE, "--json")
    assert code == 0, err
    levels = json.loads(out)["levels"]
    assert set(levels) == {"1", "2", "3", "4", "5", "6", "7-9", "beyond", "known"}
    assert sum(v for k, v in levels.items() if k != "known") == pytest.approx(1.0, abs=1e-3)
    assert levels["1"] > levels["6"] > 0 and 0 < levels["known"] < 0.1
