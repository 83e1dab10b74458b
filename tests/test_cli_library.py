"""`list`, `import` and `annotate`: the library from the command line, with the cache and user notes."""

import json
from pathlib import Path

from app.core.notes import fingerprint
from app.io.paths import resolve
from app.services.context import AppContext
from app.services.documents import Documents
from tests.helpers import run_cli as run

TEXT = "普丁與川普在阿拉斯加會晤。\n\n歐洲協調的當代版本。\n"


def test_list_shows_the_bundled_articles_first(capsys, tmp_path):
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    code, out, _ = run(capsys, tmp_path / "home", "import", str(source), "--title", "我的文章")
    new_id = out.strip()
    code, out, _ = run(capsys, tmp_path / "home", "list", "--json")
    listed = json.loads(out)
    assert [a["id"] for a in listed] == ["newtalk-alaska-concert", "prospect-alaska-northeast-asia", new_id]
    assert listed[2] == {
        "id": new_id,
        "title": "我的文章",
        "source": "mine.txt",
        "paragraphs": 2,
        "bundled": False,
        "read": None,  # never opened
        "read_paragraphs": 0,
    }
    assert listed[0]["paragraphs"] == 43


def test_annotate_json_has_tokens_readings_concepts_and_notes(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path / "home", "annotate", "prospect-alaska-northeast-asia", "--format", "json")
    doc = json.loads(out)
    assert doc["id"] == "prospect-alaska-northeast-asia" and len(doc["paragraphs"]) == 8
    first = doc["paragraphs"][0]
    assert "".join(t["text"] for t in first["tokens"]) == first["text"]
    putin = next(t for t in first["tokens"] if t["text"] == "普丁")
    assert putin["concept"] == "vladimir-putin" and putin["reading"] == "pǔ dīng"
    assert putin["pinyin"] == "Pǔdīng"  # written as a word, a name with its capital
    assert {p["script"] for p in doc["paragraphs"]} == {"traditional"}
    article_text = Path("resources/articles/prospect-alaska-northeast-asia/article.txt").read_text(encoding="utf-8")
    assert article_text[putin["start"] : putin["end"]] == "普丁"
    assert first["notes"][0]["source"] == "bundled" and first["notes"][0]["lang"] == "en"
    assert "Vladimir Putin" in first["notes"][0]["text"]


def test_annotate_reports_each_paragraph_script_and_the_runs_of_a_mixed_one(capsys, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("我们去银行。\n這是「中华人民共和国」的說法。\n2025\n", encoding="utf-8")
    code, out, _ = run(capsys, tmp_path / "home", "annotate", str(path))
    paragraphs = json.loads(out)["paragraphs"]
    assert [p["script"] for p in paragraphs] == ["simplified", "mixed", "neither"]
    assert [(r["script"]) for r in paragraphs[1]["scripts"]] == ["traditional", "simplified", "traditional"]
    assert "scripts" not in paragraphs[0]
    bank = next(t for t in paragraphs[0]["tokens"] if t["text"] == "银行")
    assert bank["pinyin"] == "yínháng"
    code, out, _ = run(capsys, tmp_path / "home", "annotate", str(path), "--script", "traditional")
    assert json.loads(out)["paragraphs"][0]["script"] == "traditional"


def test_annotate_html_is_a_handout_with_ruby_and_notes(capsys, tmp_path):
    out_file = tmp_path / "handout.html"
    code, _, _ = run(
        capsys, tmp_path / "home", "annotate", "newtalk-alaska-concert", "--format", "html", "-o", str(out_file)
    )
    html = out_file.read_text(encoding="utf-8")
    assert code == 0 and html.startswith("<!DOCTYPE html>")
    assert "<ruby>普京<rt>Pǔjīng</rt></ruby>" in html and "Concert of Europe" in html


def test_annotate_a_file_that_is_not_in_the_library(capsys, tmp_path):
    source = tmp_path / "loose.txt"
    source.write_text(TEXT, encoding="utf-8")
    code, out, _ = run(capsys, tmp_path / "home", "annotate", str(source))
    assert [t["text"] for t in json.loads(out)["paragraphs"][1]["tokens"]][:2] == ["歐洲協調", "的"]
    code, out, _ = run(capsys, tmp_path / "home", "list", "--json")
    assert len(json.loads(out)) == 2  # annotating a file does not import it


def test_annotate_an_unknown_id_gets_one_line(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "home", "annotate", "no-such-article")
    assert code == 2 and err.strip() == "duben: no-such-article: no article with this id, and no such file"


def test_reopening_uses_the_cache_not_the_pipeline(tmp_path, monkeypatch):
    context = AppContext(resolve(tmp_path / "home"))
    documents = Documents(context)
    article = documents.article("prospect-alaska-northeast-asia")
    first = documents.paragraphs(article)

    again = Documents(AppContext(resolve(tmp_path / "home")))

    def refuse(*args, **kwargs):
        raise AssertionError("the pipeline ran although every paragraph was cached")

    monkeypatch.setattr(type(again.context.pipeline), "paragraphs", refuse)
    assert again.paragraphs(article) == first


def test_a_user_note_shows_over_the_bundled_one_and_survives_a_restart(tmp_path):
    home = tmp_path / "home"
    documents = Documents(AppContext(resolve(home)))
    article = documents.article("prospect-alaska-northeast-asia")
    paragraph = documents.paragraphs(article, only=[2])[0]
    documents.context.store.set_user_note(article.id, 2, fingerprint(paragraph.text), "My own reading of this.")
    later = Documents(AppContext(resolve(home)))
    notes = later.notes(later.article(article.id))[2]
    assert [n.source for n in notes] == ["user", "bundled"] and notes[0].text == "My own reading of this."


def test_a_user_note_on_a_changed_paragraph_is_not_shown(tmp_path):
    documents = Documents(AppContext(resolve(tmp_path / "home")))
    article = documents.article("prospect-alaska-northeast-asia")
    documents.context.store.set_user_note(article.id, 0, "00000000", "Written for other text.")
    assert [n.source for n in documents.notes(article)[0]] == ["bundled"]


def store_contents(home: Path) -> tuple[dict[str, int], int]:
    """The rows of every table of the user's store, and its pages."""
    import sqlite3

    db = sqlite3.connect(home / "duben.sqlite3")
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    rows = {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    return rows, pages


def test_annotating_after_glossary_imports_adds_nothing_to_the_users_store(capsys, tmp_path):
    # Before, each glossary edit re-keyed every cached paragraph in the store: three imports
    # took its cache from 51 rows to 204. Annotated paragraphs are derived data now.
    home = tmp_path / "home"
    for number in range(3):
        terms = tmp_path / f"terms-{number}.csv"
        terms.write_text(f"source,target\n測試詞{number},Test term {number}\n北約,NATO\n", encoding="utf-8")
        code, _, err = run(capsys, home, "glossary", "import", str(terms))
        assert code == 0, err
        before = store_contents(home)
        for article in ("newtalk-alaska-concert", "prospect-alaska-northeast-asia"):
            code, _, err = run(capsys, home, "annotate", article)
            assert code == 0, err
        assert store_contents(home) == before
    rows, _ = store_contents(home)
    assert "document_cache" not in rows and rows["glossary_user"] == 4  # three new concepts and NATO


def test_importing_the_same_text_twice_names_the_article_it_already_is(capsys, tmp_path):
    home = tmp_path / "home"
    source, resaved = tmp_path / "mine.txt", tmp_path / "mine-big5.txt"
    source.write_text(TEXT, encoding="utf-8")
    resaved.write_bytes(TEXT.replace("\n", "\r\n").encode("big5"))
    _, out, err = run(capsys, home, "import", str(source))
    first = out.strip()
    assert err == ""
    code, out, err = run(capsys, home, "import", str(resaved), "--title", "另一個")
    assert code == 0 and out.strip() == first
    assert err.strip() == f"mine-big5.txt: already in the library as {first} (mine); import --copy adds it again"
    _, out, _ = run(capsys, home, "list", "--json")
    assert [a["id"] for a in json.loads(out) if not a["bundled"]] == [first]


def test_import_copy_adds_the_same_text_again(capsys, tmp_path):
    home = tmp_path / "home"
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    _, first, _ = run(capsys, home, "import", str(source))
    code, copy, err = run(capsys, home, "import", str(source), "--copy", "--title", "副本")
    assert code == 0 and err == "" and copy.strip() != first.strip()
    _, out, _ = run(capsys, home, "list", "--json")
    assert [a["title"] for a in json.loads(out) if not a["bundled"]] == ["mine", "副本"]


def test_pasted_text_already_in_the_library_says_so(capsys, tmp_path, monkeypatch):
    import io
    import sys

    home = tmp_path / "home"
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    _, first, _ = run(capsys, home, "import", str(source))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    code, out, err = run(capsys, home, "import", "-")
    assert code == 0 and out.strip() == first.strip() and err.startswith("<stdin>: already in the library as")


def test_library_rename_delete_restore_and_trash(capsys, tmp_path):
    home = tmp_path / "home"
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    article_id = run(capsys, home, "import", str(source))[1].strip()
    notes = tmp_path / "mine.notes.en.toml"
    code, out, _ = run(capsys, home, "library", "rename", article_id, "我的新題")
    assert code == 0 and out == f"{article_id} is now titled 我的新題\n"
    context = AppContext(resolve(home))
    text = Documents(context).article(article_id).text
    context.store.set_user_note(article_id, 0, fingerprint(text[: text.index("\n")]), "my own note")
    context.store.close()

    code, out, _ = run(capsys, home, "library", "delete", article_id)
    assert code == 0
    assert out.splitlines() == [
        f"moved {article_id} (我的新題) to the trash with your 1 note and 0 corrections",
        f"python -m app library restore {article_id} brings it back",
    ]
    assert article_id not in run(capsys, home, "list")[1]
    assert run(capsys, home, "library", "trash")[1] == f"{article_id}\t我的新題\tmine.txt\n"
    code, _, err = run(capsys, home, "annotate", article_id)
    assert code == 2 and err.startswith(f"duben: {article_id}: this article is in the trash")

    code, out, _ = run(capsys, home, "library", "restore", article_id)
    assert code == 0 and out == f"restored {article_id} (我的新題) with its notes and corrections\n"
    assert run(capsys, home, "notes", "export", article_id, "-o", str(notes))[0] == 0
    assert "my own note" in notes.read_text(encoding="utf-8")
    assert run(capsys, home, "library", "trash")[1] == ""

    code, out, _ = run(capsys, home, "library", "delete", "--purge", article_id)
    assert code == 0 and out == f"deleted {article_id} (我的新題) for good, with its notes and corrections\n"
    code, _, err = run(capsys, home, "library", "restore", article_id)
    assert code == 2 and err == f"duben: {article_id}: no article with this id in the trash\n"


def test_library_trash_empty_removes_the_deleted_articles_for_good(capsys, tmp_path):
    home = tmp_path / "home"
    ids = []
    for name in ("one", "two", "kept"):
        (tmp_path / f"{name}.txt").write_text(TEXT.replace("普丁", name), encoding="utf-8")
        ids.append(run(capsys, home, "import", str(tmp_path / f"{name}.txt"))[1].strip())
    assert run(capsys, home, "library", "trash", "--empty")[1] == "the trash is empty\n"
    for article_id in ids[:2]:
        run(capsys, home, "library", "delete", article_id)
    code, out, _ = run(capsys, home, "library", "trash", "--empty")
    assert code == 0
    assert out.splitlines()[0] == "removed 2 articles from the trash for good"
    assert sorted(out.splitlines()[1:]) == sorted([f"{ids[0]}\tone", f"{ids[1]}\ttwo"])
    assert run(capsys, home, "library", "trash")[1] == ""
    assert ids[2] in run(capsys, home, "list")[1]  # what was not in the trash stays
    code, _, err = run(capsys, home, "library", "restore", ids[0])
    assert code == 2 and err == f"duben: {ids[0]}: no article with this id in the trash\n"


def test_library_refuses_bundled_articles_in_one_line(capsys, tmp_path):
    for action in (("rename", "newtalk-alaska-concert", "x"), ("delete", "newtalk-alaska-concert")):
        code, out, err = run(capsys, tmp_path / "home", "library", *action)
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "bundled articles come with Duben and cannot be" in err


def test_library_list_shows_progress_and_the_level_profile_as_vocab_stats_has_it(capsys, tmp_path):
    home = tmp_path / "home"
    article_id = "newtalk-alaska-concert"  # 43 paragraphs
    assert run(capsys, home, "vocab", "mark", "戰爭", "known")[0] == 0
    from app.services.progress import save_reading_place

    context = AppContext(resolve(home))
    documents = Documents(context)
    article = documents.article(article_id)
    save_reading_place(context, article, documents.spans(article.text), 10, 0.5, at_end=False)
    code, out, err = run(capsys, home, "library", "list", "--json")
    assert code == 0, err
    listed = {row["id"]: row for row in json.loads(out)}
    code, stats, _ = run(capsys, home, "vocab", "stats", article_id, "--json")
    levels = json.loads(stats)["levels"]
    row = listed[article_id]
    assert row["levels"] == levels and row["known"] == levels["known"] > 0
    assert row["hsk_1_4"] == round(sum(levels[name] for name in ("1", "2", "3", "4")), 4)
    assert row["read"] == round(10 / 43, 4) and row["read_paragraphs"] == 10
    assert listed["prospect-alaska-northeast-asia"]["read"] is None  # never opened
    code, out, _ = run(capsys, home, "library", "list")
    line = next(line for line in out.splitlines() if line.startswith(article_id))
    assert line.split("\t")[4:] == ["read 23%", f"HSK 1-4 {row['hsk_1_4']:.0%}", f"known {row['known']:.0%}"]
    assert "not opened" in next(line for line in out.splitlines() if line.startswith("prospect"))
    code, out, _ = run(capsys, home, "list")  # the short listing: progress, and no annotation
    assert "read 23%" in out and "HSK" not in out
