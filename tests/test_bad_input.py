"""Hostile and awkward files through the command line, as a user runs it: each is imported
correctly or refused in one line naming the file, never with a traceback, and a refusal
leaves the library and the glossary exactly as they were."""

from __future__ import annotations

import codecs
import os
import socket

import pytest

from app.io.paths import resolve
from app.io.store.user_store import Store
from tests.helpers import data_folder_with_users_work, run_cli

ZH = "普丁與川普在阿拉斯加會面，討論烏克蘭的和平。\n\n歐洲協調與雅爾達體系。\n"
ROWS = "普丁,Vladimir Putin\n普京,Vladimir Putin\n歐洲協調,Concert of Europe\n欧洲协调,Concert of Europe\n"
RTL = "שלום עולם\n\nمرحبا بالعالم\n"
RARE = "😀👍🏽 𠀀𪚥𡃁 普丁🇹🇼\n"
COMBINING = "\u0301\u0302\u0303\u20dd\n"


def snapshot(home):
    """Everything a refused import must leave alone: the articles and the user's glossary rows."""
    store = Store(resolve(home).data)
    try:
        articles = [store.article(a.id) for a in store.articles()]
        return ([(a.id, a.title, a.text, a.meta) for a in articles], store.user_concepts())
    finally:
        store.close()


@pytest.fixture
def home(tmp_path, capsys):
    return data_folder_with_users_work(tmp_path, capsys)


def refused_in_one_line(capsys, home, path, *command):
    before = snapshot(home)
    code, out, err = run_cli(capsys, home, *command, str(path))
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err and path.name in err, err
    assert snapshot(home) == before
    return err.strip()


def imported_text(capsys, home, path) -> str:
    code, out, err = run_cli(capsys, home, "import", str(path))
    assert code == 0 and err == "", err
    article_id = out.strip()
    return next(text for id_, _, text, _ in snapshot(home)[0] if id_ == article_id)


# --- article import ---------------------------------------------------------------------------

ARTICLES_READ = {
    "utf8.txt": (ZH.encode(), ZH),
    "utf8-bom.txt": (codecs.BOM_UTF8 + ZH.encode(), ZH),
    "truncated.txt": (ZH.encode() + "協".encode()[:2], ZH),
    "big5.txt": (ZH.encode("cp950"), ZH),
    "gb18030.txt": (ZH.encode("gb18030"), ZH),
    "gb18030-bom.txt": ("\ufeff".encode("gb18030") + ZH.encode("gb18030"), ZH),
    "utf16le-bom.txt": (codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"), ZH),
    "utf16be-bom.txt": (codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"), ZH),
    "utf16le.txt": (ZH.encode("utf-16-le"), ZH),
    "utf16be.txt": (ZH.encode("utf-16-be"), ZH),
    "utf16-ascii.txt": ("Putin met Trump in Alaska.\n".encode("utf-16-le"), "Putin met Trump in Alaska.\n"),
    "combining.txt": ((COMBINING + "\n" + ZH).encode(), COMBINING + "\n" + ZH),
    "only-combining.txt": (COMBINING.encode(), COMBINING),
    "rtl.txt": ((RTL + "\n" + ZH).encode(), RTL + "\n" + ZH),
    "emoji-ext-b.txt": ((RARE + "\n" + ZH).encode(), RARE + "\n" + ZH),
}


@pytest.mark.parametrize("name", ARTICLES_READ)
def test_article_files_that_are_text_are_imported_exactly(capsys, home, tmp_path, name):
    data, text = ARTICLES_READ[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert imported_text(capsys, home, path) == text


ARTICLES_REFUSED = {
    "binary.txt": (os.urandom(4096), "binary"),
    "empty.txt": (b"", "is empty"),
    "blank.txt": (" \n\u3000\n".encode(), "no text"),
    "nul.txt": (ZH.encode() + b"\x00" + ZH.encode(), "NUL"),
    "utf8-then-big5.txt": (ZH.encode() * 2 + ZH.encode("cp950"), "not valid UTF-8"),
    "big5-then-utf8.txt": (ZH.encode("cp950") + ZH.encode() * 3, "cannot be decoded"),
    "big5-behind-a-utf8-bom.txt": (codecs.BOM_UTF8 + ZH.encode("cp950"), "not valid UTF-8"),
    "utf16-odd.txt": (codecs.BOM_UTF16_LE + ZH.encode("utf-16-le") + b"\x00\xd8", "not valid UTF-16"),
    "picture.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    "fake.docx": (ZH.encode(), "not a valid .docx"),
    "fake.epub": (b"PK\x03\x04broken", "not a valid .epub"),
}


@pytest.mark.parametrize("name", ARTICLES_REFUSED)
def test_article_files_that_are_not_text_are_refused_and_nothing_changes(capsys, home, tmp_path, name):
    data, expected = ARTICLES_REFUSED[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert expected in refused_in_one_line(capsys, home, path, "import")


def test_a_60_mb_article_is_imported_whole(capsys, home, tmp_path):
    paragraph = "普丁與川普在阿拉斯加會面，討論烏克蘭的和平與歐洲的安全。" * 40 + "\n\n"
    data = (paragraph * (60 * 2**20 // len(paragraph.encode()))).encode()
    path = tmp_path / "huge.txt"
    path.write_bytes(data)
    assert len(data) > 59 * 2**20
    text = imported_text(capsys, home, path)
    assert len(text) == len(data.decode()) - 1  # the last blank line is dropped, nothing else


def test_a_single_line_of_a_million_characters_is_one_paragraph(capsys, home, tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text("普丁與川普" * 200_000, encoding="utf-8")
    text = imported_text(capsys, home, path)
    assert len(text) == 1_000_001 and text.count("\n") == 1
    code, out, err = run_cli(capsys, home, "list")
    assert "one-line\t" in out and "\t1 paragraphs" in out


def test_html_is_read_without_running_or_fetching_anything(capsys, home, tmp_path, monkeypatch):
    def no_network(*_args, **_kwargs):
        raise AssertionError("an import tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>峰會</title><script>alert('普京')</script><style>p{color:red}</style>"
        "<link rel=stylesheet href='http://example.com/a.css'></head><body>"
        "<p>普丁與川普<img src='http://example.com/track.png' onerror='alert(1)'>會面。</p>"
        "<p><a href='javascript:alert(1)'>雅爾達</a>體系</p><iframe src='http://example.com/'></iframe>"
        "<noscript>請開啟</noscript></body></html>",
        encoding="utf-8",
    )
    text = imported_text(capsys, home, path)
    assert text == "普丁與川普會面。\n\n雅爾達體系\n"


# --- glossary import --------------------------------------------------------------------------


def glossary_rows(home) -> dict:
    return {cid: c for cid, c in snapshot(home)[1].items() if c is not None}


GLOSSARIES_READ = {
    "utf8.csv": ROWS.encode(),
    "utf8-bom.csv": codecs.BOM_UTF8 + ROWS.encode(),
    "utf16le-bom.csv": codecs.BOM_UTF16_LE + ROWS.encode("utf-16-le"),
    "utf16be-bom.csv": codecs.BOM_UTF16_BE + ROWS.encode("utf-16-be"),
    "utf16le.csv": ROWS.encode("utf-16-le"),
    "utf16be.csv": ROWS.encode("utf-16-be"),
}


@pytest.mark.parametrize("name", GLOSSARIES_READ)
def test_glossary_files_in_unicode_encodings_are_imported(capsys, home, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(GLOSSARIES_READ[name])
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and "0 rejected" in out, out + err
    forms = {t.text for c in glossary_rows(home).values() for t in c.terms}
    assert {"普丁", "普京", "歐洲協調", "欧洲协调"} <= forms


def test_rare_characters_and_right_to_left_english_survive_a_glossary_import(capsys, home, tmp_path):
    path = tmp_path / "rare.csv"
    path.write_text(
        "𠀀𪚥,Rare characters 😀\n普丁\u0301,Putin with a combining mark\nשלום,שלום (Hebrew)\n", encoding="utf-8"
    )
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0, err
    rows = glossary_rows(home)
    english = {e for c in rows.values() for e in c.english}
    forms = {t.text for c in rows.values() for t in c.terms}
    assert "Rare characters 😀" in english and "𠀀𪚥" in forms
    assert "普丁\u0301" in forms and "שלום (Hebrew)" in english


def test_malformed_csv_rows_are_rejected_by_line_and_the_good_ones_kept(capsys, home, tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text(
        "普亭,Vladimir Putin,a rare spelling\n"  # line 1: a plain row with a note
        '"歐洲協調,Concert of Europe\n'  # line 2: a quote never closed
        "雅爾達\n"  # line 3: one field
        "北约组织,NATO,,,\n"  # line 4: padded by a spreadsheet: fine
        "克里米亞,Crimea,note,extra,more\n"  # line 5: too many fields
        "普丁,普京\n"  # line 6: a Chinese target (columns swapped or zh-zh): not English
        '=HYPERLINK("http://x"),=1+1\n'  # line 7: formula cells are kept as text, never run
        "'=SUM(A1),Guarded cell\n",  # line 8: the export's guard is taken off
        encoding="utf-8",
    )
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0, err
    rejected = [line.removeprefix("rejected: ") for line in out.splitlines() if line.startswith("rejected: ")]
    assert [r.split(": ", 1)[0] for r in rejected] == ["messy.csv:2", "messy.csv:3", "messy.csv:5", "messy.csv:6"]
    assert "unbalanced quotes" in rejected[0] and "has 1 field" in rejected[1] and "has 5 fields" in rejected[2]
    rows = glossary_rows(home)
    forms = {t.text for c in rows.values() for t in c.terms}
    english = {e for c in rows.values() for e in c.english}
    assert {"普亭", "北约组织", '=HYPERLINK("http://x")', "=SUM(A1)"} <= forms and "=1+1" in english
    assert "普京" not in english and rows["vladimir-putin"].note.endswith("a rare spelling")


GLOSSARIES_REFUSED = {
    "binary.csv": (os.urandom(4096), "binary"),
    "empty.csv": (b"", "empty"),
    "nul.csv": (ROWS.encode() + b"\x00" + ROWS.encode(), "binary"),
    "truncated.csv": (ROWS.encode() + "歐".encode()[:2], "not UTF-8"),
    "utf8-then-big5.csv": (ROWS.encode() + "普丁,Putin\n".encode("cp950"), "not UTF-8"),
    "big5.csv": ("普丁,Putin\n雅爾達,Yalta\n".encode("cp950"), "Big5"),
    "gb18030.csv": ("普京,Putin\n雅尔塔,Yalta\n".encode("gb18030"), "GB18030"),
    "gb18030-bom.csv": ("\ufeff普京,Putin\n雅尔塔,Yalta\n".encode("gb18030"), "GB18030"),
    "one-column.csv": ("\u0301\u0302\n普丁\n".encode(), "not a CSV glossary"),
    "huge-cell.csv": (("普" * 1_000_000 + ",Putin\n").encode(), "longer than"),
    "all-quotes-open.csv": ('"普丁,Putin\n'.encode(), "unbalanced quotes"),
}


@pytest.mark.parametrize("name", GLOSSARIES_REFUSED)
def test_glossary_files_that_are_not_usable_are_refused_and_nothing_changes(capsys, home, tmp_path, name):
    data, expected = GLOSSARIES_REFUSED[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert expected in refused_in_one_line(capsys, home, path, "glossary", "import")


def test_a_60_mb_glossary_is_refused_by_its_size_of_term_base(capsys, home, tmp_path):
    rows = "".join(f"普丁{i},普京{i},Vladimir Putin {i}\n" for i in range(1_300_000)).encode()
    path = tmp_path / "everything.csv"
    path.write_bytes(rows)
    assert len(rows) > 59 * 2**20
    message = refused_in_one_line(capsys, home, path, "glossary", "import")
    assert "1,300,000 lines" in message and "100,000 terms" in message


def test_a_glossary_file_over_64_mb_is_refused_before_it_is_read(capsys, home, tmp_path):
    path = tmp_path / "sparse.csv"
    with open(path, "wb") as out:
        out.truncate(65 * 2**20)  # sparse: costs no disk
    assert "too large" in refused_in_one_line(capsys, home, path, "glossary", "import")


TBX_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
TBX_BODY = (
    '<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
    '<conceptEntry id="x"><langSec xml:lang="en"><termSec><term>{english}</term></termSec></langSec>'
    '<langSec xml:lang="zh-TW"><termSec><term>普丁</term></termSec></langSec></conceptEntry>'
    "</body></text></tbx>"
)


def test_tbx_with_an_external_entity_is_refused_and_the_file_never_read(capsys, home, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = tmp_path / "xxe.tbx"
    path.write_text(
        TBX_HEAD + f'<!DOCTYPE tbx [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>\n' + TBX_BODY.format(english="&leak;"),
        encoding="utf-8",
    )
    message = refused_in_one_line(capsys, home, path, "glossary", "import")
    assert "TOP-SECRET" not in message and "entit" in message.lower()


def test_tbx_with_an_external_dtd_is_never_fetched(capsys, home, tmp_path, monkeypatch):
    def no_network(*_args, **_kwargs):
        raise AssertionError("an import tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    path = tmp_path / "dtd.tbx"
    path.write_text(
        TBX_HEAD + '<!DOCTYPE tbx SYSTEM "http://example.com/tbx.dtd">\n' + TBX_BODY.format(english="Vladimir Putin"),
        encoding="utf-8",
    )
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert "Traceback" not in err and err.count("\n") <= 1
    if code == 0:
        assert any(t.text == "普丁" for c in glossary_rows(home).values() for t in c.terms)


@pytest.mark.parametrize(
    "data, expected",
    [
        (TBX_HEAD + TBX_BODY.format(english="Putin")[:-30], "not well-formed"),
        ("<html><body>普丁</body></html>", "not a TBX document"),
    ],
)
def test_broken_or_foreign_xml_is_refused(capsys, home, tmp_path, data, expected):
    path = tmp_path / "broken.tbx"
    path.write_text(data, encoding="utf-8")
    assert expected in refused_in_one_line(capsys, home, path, "glossary", "import")


def test_a_folder_or_a_missing_file_given_as_a_glossary_is_refused(capsys, home, tmp_path):
    (tmp_path / "terms.csv").mkdir()
    assert "is a folder" in refused_in_one_line(capsys, home, tmp_path / "terms.csv", "glossary", "import")
    assert "no such file" in refused_in_one_line(capsys, home, tmp_path / "gone.csv", "glossary", "import")
