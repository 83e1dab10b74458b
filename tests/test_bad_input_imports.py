"""Article files built to hurt: packages that unpack to far more than they weigh, pages nested
thousands deep, labels that lie about the bytes. Each is read exactly or refused in one line
(exit status 2, no traceback), and the user's store and files stay as they were."""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile

import pytest

from app.io.articles import archives
from app.io.paths import resolve
from app.io.store.user_store import STORE_NAME
from tests.helpers import data_folder_with_users_work, run_cli
from tests.test_bad_input import snapshot

ZH = "普丁與川普在阿拉斯加會面，討論烏克蘭的和平。歐洲協調與雅爾達體系。"
CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
    '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
    "</rootfiles></container>"
)
NAV_POINT = (
    '<navMap><navPoint id="n0"><navLabel><text>第一章</text></navLabel><content src="c0.xhtml"/></navPoint></navMap>'
)


@pytest.fixture
def home(tmp_path, capsys):
    return data_folder_with_users_work(tmp_path, capsys)


def epub(chapters, *, manifest_repeats=1, spine_repeats=1, nav_map=NAV_POINT):
    """An .epub built by hand, so that its manifest, spine and NCX can be what no tool writes."""
    items = "".join(
        f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>' for i in range(len(chapters))
    )
    items += "".join(
        f'<item id="r{k}" href="c0.xhtml" media-type="application/xhtml+xml"/>' for k in range(manifest_repeats - 1)
    )
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters))) * spine_repeats
    opf = (
        '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" '
        'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>書名</dc:title>'
        '<dc:identifier id="id">duben-test</dc:identifier><dc:language>zh</dc:language></metadata><manifest>'
        f'<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>{items}</manifest>'
        f'<spine toc="ncx">{spine}</spine></package>'
    )
    ncx = (
        '<?xml version="1.0" encoding="utf-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
        f"<head/><docTitle><text>書名</text></docTitle>{nav_map}</ncx>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", opf)
        archive.writestr("OEBPS/toc.ncx", ncx)
        for number, body in enumerate(chapters):
            archive.writestr(
                f"OEBPS/c{number}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
                f"<title>章</title></head><body>{body}</body></html>",
            )
    return buffer.getvalue()


def docx(paragraphs: int):
    """A .docx whose body is `paragraphs` short numbered paragraphs, written straight into its XML."""
    import docx as python_docx

    template = io.BytesIO()
    python_docx.Document().save(template)
    body = "".join(f"<w:p><w:r><w:t>第{i}段</w:t></w:r></w:p>" for i in range(paragraphs))
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = xml.encode() if entry.filename == "word/document.xml" else source.read(entry)
            target.writestr(entry, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def many_files(count: int):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        for number in range(count):
            archive.writestr(f"OEBPS/{number}.xhtml", "")
    return buffer.getvalue()


def integrity(home_folder) -> str:
    connection = sqlite3.connect(resolve(home_folder).data / STORE_NAME)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def refused(capsys, home_folder, path, *command):
    """The one line of a refusal, after checking exit status 2 and that nothing changed."""
    data = path.read_bytes()
    before = snapshot(home_folder)
    code, out, err = run_cli(capsys, home_folder, *command, str(path))
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1 and "Traceback" not in err and path.name in err, err
    assert snapshot(home_folder) == before and integrity(home_folder) == "ok"
    assert path.read_bytes() == data
    return err.strip()


def imported(capsys, home_folder, path) -> str:
    code, out, err = run_cli(capsys, home_folder, "import", str(path))
    assert code == 0 and err == "", err
    assert integrity(home_folder) == "ok"
    return next(text for id_, _, text, _ in snapshot(home_folder)[0] if id_ == out.strip())


# --- kind 1: a package is limited by what it unpacks to ---------------------------------------

CHAPTER = "".join(f"<p>{ZH}{i}</p>" for i in range(1500))  # about 200 KB unpacked
PACKAGES_REFUSED = {
    # One chapter listed 2,000 times in the manifest: 2,000 copies in memory.
    "manifest-repeats.epub": (lambda: epub([CHAPTER], manifest_repeats=2000), "lists files that together unpack to"),
    # 40 MB of markup in a package of a few hundred KB.
    "bomb.epub": (lambda: epub([f"<p>{ZH}</p>" * 200_000]), "times its size"),
    # One chapter read 120 times by the spine: over 64 MB of text from a small file.
    "spine-repeats.epub": (lambda: epub([f"<p>{ZH * 20}</p>" * 1500], spine_repeats=120), "of text, the limit"),
    "many-files.epub": (lambda: many_files(archives.MAX_ARCHIVE_ENTRIES + 1), "files; the limit"),
    "paragraphs.docx": (lambda: docx(archives.MAX_PARAGRAPHS + 1), "paragraphs; the limit"),
}


@pytest.mark.parametrize("name", PACKAGES_REFUSED)
def test_packages_that_unpack_past_the_limits_are_refused_in_one_line(capsys, home, tmp_path, name):
    build, expected = PACKAGES_REFUSED[name]
    path = tmp_path / name
    path.write_bytes(build())
    assert path.stat().st_size < 4 * 2**20
    assert expected in refused(capsys, home, path, "import")


def test_a_package_over_the_unpacked_limit_is_refused_from_its_directory(capsys, home, tmp_path, monkeypatch):
    monkeypatch.setattr(archives, "MAX_UNPACKED_BYTES", 2**20)
    path = tmp_path / "large.epub"
    path.write_bytes(epub([CHAPTER] * 8))
    assert "the limit is 1 MB unpacked" in refused(capsys, home, path, "import")


def test_a_docx_of_many_paragraphs_under_the_limit_is_read_whole(capsys, home, tmp_path):
    path = tmp_path / "long.docx"
    path.write_bytes(docx(20_000))
    text = imported(capsys, home, path)
    assert text.count("\n\n") == 19_999 and text.startswith("第0段\n\n第1段") and text.endswith("第19999段\n")


# --- kind 3: plausible files that raised -------------------------------------------------------

HTML_READ = {
    "deep.html": ("<div>" * 1000 + "<p>深處</p>" + "</div>" * 1000 + f"<p>{ZH}</p>", f"深處\n\n{ZH}\n"),
    "unclosed-b.html": ("<p>" + "<b>" * 1000 + f"粗體</p><p>{ZH}</p>", f"粗體\n\n{ZH}\n"),
    **{
        f"meta-{codec}.html": (f'<meta charset="{codec}"><p>{ZH}</p>', f"{ZH}\n")
        for codec in ("hex", "rot13", "zlib", "base64", "bz2", "uu", "quopri", "undefined")
    },
}


@pytest.mark.parametrize("name", HTML_READ)
def test_plausible_html_is_read_exactly(capsys, home, tmp_path, name):
    markup, text = HTML_READ[name]
    path = tmp_path / name
    path.write_bytes(markup.encode("cp950" if name.startswith("meta-") else "utf-8"))
    assert imported(capsys, home, path) == text


@pytest.mark.parametrize("nav_map", ["<navMap/>", "<navMap></navMap>", "<navMap>\n  </navMap>"])
def test_an_epub_with_an_empty_table_of_contents_is_read(capsys, home, tmp_path, nav_map):
    path = tmp_path / "no-toc.epub"
    path.write_bytes(epub([f"<p>{ZH}</p>", "<h1>第二章</h1><p>續。</p>"], nav_map=nav_map))
    assert imported(capsys, home, path) == f"{ZH}\n\n第二章\n\n續。\n"


# --- kind 10: text that was silently damaged ----------------------------------------------------


@pytest.mark.parametrize("label", ["ISO-8859-1", "windows-1252", "latin1", "us-ascii", "cp1251"])
@pytest.mark.parametrize("encoding", ["cp950", "gbk"])
def test_html_whose_label_lies_about_chinese_bytes_is_read_by_its_bytes(capsys, home, tmp_path, label, encoding):
    page = f'<html><head><meta charset="{label}"><title>t</title></head><body><p>{ZH}</p><p>雅爾達</p></body></html>'
    path = tmp_path / f"{label}-{encoding}.html"
    path.write_bytes(page.encode(encoding))
    assert imported(capsys, home, path) == f"{ZH}\n\n雅爾達\n"


def test_a_true_latin_1_label_is_still_believed(capsys, home, tmp_path):
    path = tmp_path / "french.html"
    path.write_bytes('<meta charset="iso-8859-1"><p>Le café était déjà très précieux à Genève.</p>'.encode("latin-1"))
    assert imported(capsys, home, path) == "Le café était déjà très précieux à Genève.\n"


@pytest.mark.parametrize("depth", [300, 5000, 100_000])
def test_an_epub_chapter_nested_deep_keeps_the_text_after_the_nesting(capsys, home, tmp_path, depth):
    path = tmp_path / "nested.epub"
    path.write_bytes(epub(["<div>" * depth + "<p>深處</p>" + "</div>" * depth + f"<p>{ZH}</p>"]))
    assert imported(capsys, home, path) == f"第一章\n\n深處\n\n{ZH}\n"


@pytest.mark.parametrize(
    "head",
    [
        '<!DOCTYPE html [ <!ENTITY who "普丁"> ]>',
        '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "x.dtd" [\n<!ENTITY a "b">\n]>\n',
        "<!doctype html [\n]>",
    ],
)
def test_a_doctype_internal_subset_is_not_text(capsys, home, tmp_path, head):
    path = tmp_path / "subset.html"
    path.write_text(f"{head}<html><body><p>{ZH}</p></body></html>", encoding="utf-8")
    assert imported(capsys, home, path) == f"{ZH}\n"
    chapter = tmp_path / "subset.epub"
    chapter.write_bytes(epub([f"<p>{ZH}</p>"]).replace(b'<?xml version="1.0" encoding="utf-8"?><html', b"<html"))
    assert "]>" not in imported(capsys, home, chapter)


@pytest.mark.parametrize(
    "body",
    [
        "x = " + "[" * 5000 + "]" * 5000,
        "x = " + "{a = " * 3000 + "1" + "}" * 3000,
        '[[note]]\nparagraph = 0\nfingerprint = "f"\ntext = "t"\nannotations = ' + "[" * 2000 + "]" * 2000,
    ],
)
def test_a_deeply_nested_notes_file_is_refused_in_one_line(capsys, home, tmp_path, body):
    path = tmp_path / "deep.notes.toml"
    path.write_text(body, encoding="utf-8")
    message = refused(capsys, home, path, "notes", "import", "newtalk-alaska-concert")
    assert "nested too deeply" in message


def test_a_deeply_nested_glossary_file_is_reported_as_its_problem(capsys, home, tmp_path):
    folder = tmp_path / "terms"
    folder.mkdir()
    (folder / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "check-files", str(folder))
    assert "Traceback" not in err and err == ""
    assert out.splitlines()[0].startswith("deep.toml:1: arrays or tables nested too deeply")
    assert out.splitlines()[-1] == "0 concepts loaded from 1 files, 1 problems" and code == 1


# --- kind 3: names and titles whose bytes are not UTF-8 --------------------------------------------

NOT_UTF8 = os.fsdecode(b"\xff\xfe\xe6\x99")  # what Python makes of such bytes: lone surrogates


def test_a_file_name_and_title_that_are_not_utf_8_are_stored_and_printed(capsys, home, tmp_path):
    path = tmp_path / f"文章{NOT_UTF8}.txt"
    path.write_text(f"{ZH}\n", encoding="utf-8")
    assert imported(capsys, home, path) == f"{ZH}\n"
    code, out, err = run_cli(capsys, home, "import", "--copy", "--title", f"題{NOT_UTF8}", str(path))
    assert code == 0 and err == ""
    code, out, err = run_cli(capsys, home, "list")
    assert code == 0 and "文章\ufffd\ufffd\ufffd\ufffd\t文章\ufffd\ufffd\ufffd\ufffd.txt" in out
    assert "題\ufffd\ufffd\ufffd\ufffd\t" in out and integrity(home) == "ok"
    code, out, err = run_cli(capsys, home, "import", str(tmp_path / f"{NOT_UTF8}.txt"))
    assert (code, out) == (2, "") and err.endswith("\ufffd\ufffd\ufffd\ufffd.txt: no such file\n")


def test_a_glossary_file_name_that_is_not_utf_8_is_printed(capsys, home, tmp_path):
    path = tmp_path / f"詞{NOT_UTF8}.csv"
    path.write_text("普丁,Vladimir Putin\n雅爾達,Yalta\n", encoding="utf-8")
    code, out, err = run_cli(capsys, home, "glossary", "import", str(path))
    assert code == 0 and err == "" and "Traceback" not in err
    assert out.startswith("詞\ufffd\ufffd\ufffd\ufffd.csv: ") and out.endswith(" updated, 0 rejected\n")
    assert integrity(home) == "ok"
