"""Hostile glossary files and titles through the command line: guards that count what the reader
sees, loops that stay linear, control characters kept off the terminal and out of the store, and
imports that update a concept instead of duplicating it or dropping its other terms."""

from __future__ import annotations

import io
import json
import sys

import pytest

from app.core.text import escaped_controls, without_controls
from app.io.glossary.export_tabular import CSV_COLUMNS
from app.io.glossary.import_common import MAX_GLOSSARY_TERMS
from tests.helpers import data_folder_with_users_work, run_cli
from tests.test_bad_input import snapshot

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\x90q\x9c\x7f\r\x00"


@pytest.fixture
def home(tmp_path, capsys):
    return data_folder_with_users_work(tmp_path, capsys)


def refused(capsys, home, path, *command) -> str:
    """The one line a refusal prints; exit status 2, no traceback, the store as it was."""
    before = snapshot(home)  # opening the store runs its integrity check
    code, out, err = run_cli(capsys, home, *command, str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err and path.name in err, err
    assert snapshot(home) == before
    return err.strip()


def concepts(home) -> dict:
    return {cid: c for cid, c in snapshot(home)[1].items() if c is not None}


def controls_in(text: str) -> list[str]:
    return [ch for ch in text if (ord(ch) < 32 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F]


# --- kind 5: the term limit counts rows as the CSV reader sees them ------------------------


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n", "mixed"])
def test_the_term_limit_counts_rows_whatever_their_line_ends(capsys, home, tmp_path, ending):
    count = MAX_GLOSSARY_TERMS + 1
    ends = ["\r", "\n", "\r\n"] if ending == "mixed" else [ending]
    path = tmp_path / "many.csv"
    path.write_bytes("".join(f"詞{i},Term {i}{ends[i % len(ends)]}" for i in range(count)).encode())
    original = path.read_bytes()
    message = refused(capsys, home, path, "glossary", "import")
    assert f"{count:,} lines" in message and f"{MAX_GLOSSARY_TERMS:,} terms" in message
    assert path.read_bytes() == original


def test_line_breaks_inside_quoted_cells_are_not_counted_as_rows(capsys, home, tmp_path):
    # 40 rows whose notes hold 3,000 line breaks each: 120,000 "\n", yet 40 rows to the reader.
    note = "\n".join(["a line of a long note"] * 3000)
    path = tmp_path / "notes.csv"
    path.write_text("".join(f'長註{i},Long note {i},"{note}"\n' for i in range(40)), encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "40 added" in out and err == "", out + err


@pytest.mark.parametrize("padding", [",", ", ", ",\t"])
def test_a_row_padded_with_half_a_million_empty_cells_is_trimmed_in_one_pass(capsys, home, tmp_path, padding):
    path = tmp_path / "padded.csv"
    path.write_text("普亭亭,Padded Term" + padding * 500_000 + "\n", encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "1 added" in out and "0 rejected" in out, out + err
    assert any(t.text == "普亭亭" for c in concepts(home).values() for t in c.terms)


def test_a_concept_of_many_rows_is_imported_whole(capsys, home, tmp_path):
    # One concept, 20,000 rows: each row's checks must not scan the rows before it.
    path = tmp_path / "one.csv"
    path.write_text("".join(f"名{i},One Name,note {i}\n" for i in range(20_000)), encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "1 added" in out, out + err
    [concept] = [c for c in concepts(home).values() if c.english[0] == "One Name"]
    assert len(concept.terms) == 20_000 and concept.note.count("\n") == 19_999


# --- kind 6: control characters in titles, terms, and on the terminal -------------------------


def test_a_title_with_terminal_escapes_is_stored_and_listed_clean(capsys, home, tmp_path):
    path = tmp_path / "text.txt"
    path.write_text("普丁來了。\n", encoding="utf-8")
    code, out, err = run_cli(capsys, home, "import", str(path), "--title", f"標題{ESCAPES}尾")
    assert code == 0, err
    stored = {id_: title for id_, title, _, _ in snapshot(home)[0]}[out.strip()]
    assert not controls_in(stored) and stored.startswith("標題]0;PWNED[2J") and stored.endswith("尾")
    code, out, err = run_cli(capsys, home, "list")
    assert code == 0 and stored in out and not controls_in(out)


@pytest.mark.parametrize(
    "name, content",
    [
        ("page.html", "<html><head><title>T&#27;]0;X&#7;&#155;2J</title></head><body><p>普丁來了。</p></body></html>"),
        ("notes.md", "# T\x1b]0;X\x07\x9b2J\n\n普丁來了。\n"),
        ("T\x1b]0;X\x07\x9b2J.txt", "普丁來了。\n"),  # the title is the file's name
    ],
)
def test_titles_taken_from_a_file_hold_no_control_characters(capsys, home, tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = run_cli(capsys, home, "import", str(path))
    assert code == 0, err
    title = {id_: title for id_, title, _, _ in snapshot(home)[0]}[out.strip()]
    assert not controls_in(title) and "T" in title
    code, out, _ = run_cli(capsys, home, "list", "--json")
    assert not controls_in(out) and json.loads(out)


def test_the_first_line_of_standard_input_as_title_is_clean(capsys, home, monkeypatch):
    # Without the NUL: standard input holding one is refused as binary, as a file is.
    escapes = ESCAPES.replace("\x00", "")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"頭{escapes}\n普丁來了。\n".encode())))
    code, out, err = run_cli(capsys, home, "import", "-")
    assert code == 0, err
    title = {id_: title for id_, title, _, _ in snapshot(home)[0]}[out.strip()]
    assert not controls_in(title) and title.startswith("頭")


def test_glossary_cells_with_terminal_escapes_are_stored_and_printed_clean(capsys, home, tmp_path):
    path = tmp_path / "esc.csv"
    # Enough ordinary rows that the control bytes do not make it look like a binary file.
    escapes = ESCAPES.replace("\x00", "").replace("\r", "")  # CR ends a CSV row
    rows = "".join(f"平常{i},Ordinary {i}\n" for i in range(100))
    path.write_text(f"{rows}普丁丁{escapes},Evil{escapes} Name,a note\x1b[2J\twith a tab\n", encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "101 added" in out, out + err
    [concept] = [c for c in concepts(home).values() if c.english[0].startswith("Evil")]
    assert [t.text for t in concept.terms] == ["普丁丁]0;PWNED[2J31mq"]
    assert not controls_in(concept.english[0]) and concept.note == "a note[2J\twith a tab"
    code, out, err = run_cli(capsys, home, "glossary", "lookup", "普丁丁")
    assert code == 0 and "Evil" in out and not controls_in(out + err)


def test_c1_controls_in_a_tbx_are_kept_out_of_the_glossary(capsys, home, tmp_path):
    path = tmp_path / "c1.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>C1\x9b2J Name</term></termSec></langSec>'
        '<langSec xml:lang="zh-TW"><termSec><term>控制\x85\x9b</term></termSec></langSec></conceptEntry>'
        "</body></text></tbx>",
        encoding="utf-8",
    )
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "1 added" in out, out + err
    assert [(c.english, [t.text for t in c.terms]) for c in concepts(home).values() if c.id == "c1"] == [
        (("C12J Name",), ["控制"])
    ]


def test_a_vocabulary_word_with_escapes_is_printed_escaped(capsys, home):
    code, out, err = run_cli(capsys, home, "vocab", "mark", f"詞{ESCAPES}", "known")
    assert code == 0 and not controls_in(out + err), out + err
    assert "\\u001b]0;PWNED" in out


@pytest.mark.parametrize("text", [ESCAPES, "a\x1bb", "\x9b" * 3, "tab\tand\nnewline", "普丁"])
def test_escaping_for_the_terminal_keeps_lines_and_json(text):
    shown = escaped_controls(json.dumps(text, ensure_ascii=False))
    assert not controls_in(shown) and json.loads(shown) == text
    assert "\n" not in without_controls(text) and not controls_in(
        without_controls(text, keep_lines=True).replace("\r", "")
    )


# --- kind 9: glossary integrity ------------------------------------------------------------------


def tbx(entries: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic">'
        f"<text><body>{entries}</body></text></tbx>"
    )


def entry(raw_id: str | None, english: str, *chinese: tuple[str, str]) -> str:
    ident = "" if raw_id is None else f' id="{raw_id}"'
    langs = "".join(
        f'<langSec xml:lang="{lang}"><termSec><term>{text}</term></termSec></langSec>' for lang, text in chinese
    )
    return f'<conceptEntry{ident}><langSec xml:lang="en"><termSec><term>{english}</term></termSec></langSec>{langs}</conceptEntry>'


@pytest.mark.parametrize("raw_id", ["1", "C-002", "entry 7", "Ä_3", None])
def test_a_tbx_with_foreign_ids_updates_on_reimport_instead_of_duplicating(capsys, home, tmp_path, raw_id):
    path = tmp_path / "foreign.tbx"
    path.write_text(
        tbx(entry(raw_id, "Ceasefire Line", ("zh-TW", "停火線")) + entry("x-2", "Truce", ("zh-TW", "休戰協定"))),
        encoding="utf-8",
    )
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "2 added" in out, out + err
    first = concepts(home)
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "0 added, 2 updated" in out, out + err
    assert concepts(home).keys() == first.keys()
    assert sum(1 for c in concepts(home).values() if c.english[0] == "Ceasefire Line") == 1


def test_a_foreign_tbx_entry_adds_to_the_concept_of_its_english_term(capsys, home, tmp_path):
    path = tmp_path / "putin.tbx"
    path.write_text(tbx(entry("7", "Vladimir Putin", ("zh-HK", "布定"))), encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "1 updated" in out, out + err
    forms = [t.text for t in concepts(home)["vladimir-putin"].terms]
    assert {"普丁", "普京", "布定"} <= set(forms)


@pytest.mark.parametrize(
    "header, row",
    [
        ("source,target,concept_id", "蒲京,Someone Else,vladimir-putin"),
        ("concept_id,source,target", "vladimir-putin,蒲京,Someone Else"),
        ("source,target,note,concept_id,region,status", "蒲京,Someone Else,,vladimir-putin,HK,admitted"),
        (",".join(CSV_COLUMNS), "蒲京,Someone Else,,vladimir-putin,,,,,,,"),
    ],
)
def test_a_csv_row_naming_a_concept_adds_to_it_and_keeps_its_other_terms(capsys, home, tmp_path, header, row):
    path = tmp_path / "one.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "1 updated" in out, out + err
    putin = concepts(home)["vladimir-putin"]
    assert {"普丁", "普京", "蒲京"} <= {t.text for t in putin.terms}
    assert putin.english[0] == "Vladimir Putin" and ("Someone Else" in putin.english) == ("target" in header)


def test_a_csv_row_for_an_existing_term_edits_only_that_term(capsys, home, tmp_path):
    code, out, _ = run_cli(capsys, home, "glossary", "lookup", "普京", "--json")
    before = next(c for c in json.loads(out)["concepts"] if c["id"] == "vladimir-putin")
    path = tmp_path / "edit.csv"
    path.write_text(
        "source,target,concept_id,status\n普京,Vladimir Putin,vladimir-putin,deprecated\n", encoding="utf-8"
    )
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "1 updated" in out, out + err
    putin = concepts(home)["vladimir-putin"]
    assert {t.text: t.status for t in putin.terms}["普京"] == "deprecated"
    assert len(putin.terms) == len(before["terms"]) and putin.english == tuple(before["english"])


def test_a_csv_row_cannot_take_a_term_another_concept_holds(capsys, home, tmp_path):
    path = tmp_path / "steal.csv"
    path.write_text("source,target,concept_id\n普丁,Someone Else,someone-else\n", encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "already claimed by concept 'vladimir-putin'" in out, out + err
    assert "someone-else" not in concepts(home)


@pytest.mark.parametrize(
    "lang", ["zh-Latn-pinyin", "zh-Latn", "cmn-Latn-pinyin", "zh-Bopo", "yue-Latn-jyutping", "ja", "ko-Hang"]
)
def test_terms_in_other_scripts_or_languages_are_not_stored_as_chinese(capsys, home, tmp_path, lang):
    path = tmp_path / "pinyin.tbx"
    path.write_text(tbx(entry("tingzhan", "Armistice", ("zh-Hant-TW", "停戰"), (lang, "tingzhan"))), encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "1 added" in out, out + err
    assert [t.text for t in concepts(home)["tingzhan"].terms] == ["停戰"]


def test_an_entry_with_only_pinyin_is_rejected_not_stored(capsys, home, tmp_path):
    path = tmp_path / "only.tbx"
    path.write_text(tbx(entry("only-pinyin", "Only Pinyin", ("zh-Latn-pinyin", "pǔdīng"))), encoding="utf-8")
    before = snapshot(home)
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "no Chinese term" in out and "0 added" in out, out + err
    assert snapshot(home) == before


# --- the window's own paths: its import of texts and the glossary panel's import --------------


def test_the_window_imports_a_title_with_escapes_clean(qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from app.io.paths import resolve
    from app.services.context import AppContext
    from app.ui.controllers.imports import ImportController

    context = AppContext(resolve(tmp_path / "data"))
    parent = QWidget()
    qtbot.addWidget(parent)
    messages: list[str] = []
    imports = ImportController(context, lambda text, _ms=0: messages.append(text), parent)
    path = tmp_path / "page.html"
    path.write_text("<title>T&#27;]0;X&#7;&#155;2J</title><p>普丁來了。</p>", encoding="utf-8")
    with qtbot.waitSignal(imports.article_imported) as signal:
        assert imports.import_file(str(path)) is None
    stored = context.store.article(signal.args[0])
    assert stored is not None and not controls_in(stored.title) and stored.title.startswith("T")


def test_the_glossary_panel_adds_to_a_concept_and_updates_a_foreign_tbx(qtbot, tmp_path):
    from app.io.paths import resolve
    from app.services.context import AppContext
    from app.ui.glossary.panel import GlossaryPanel

    context = AppContext(resolve(tmp_path / "data"))
    panel = GlossaryPanel(context)
    qtbot.addWidget(panel)
    row = tmp_path / "one.csv"
    row.write_text("source,target,concept_id\n蒲京,Someone Else,vladimir-putin\n", encoding="utf-8")
    assert panel.import_from(row) == "one.csv: 0 added, 1 updated, 0 rejected"
    putin = context.store.user_concepts()["vladimir-putin"]
    assert putin is not None and {"普丁", "普京", "蒲京"} <= {t.text for t in putin.terms}
    foreign = tmp_path / "foreign.tbx"
    foreign.write_text(tbx(entry("C-002", "Ceasefire Line", ("zh-TW", "停火線"))), encoding="utf-8")
    assert panel.import_from(foreign) == "foreign.tbx: 1 added, 0 updated, 0 rejected"
    count = len(context.store.user_concepts())
    assert panel.import_from(foreign) == "foreign.tbx: 0 added, 1 updated, 0 rejected"
    assert len(context.store.user_concepts()) == count
