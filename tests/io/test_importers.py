"""Importing articles: real encoded files, HTML, .docx and .epub made here, and every kind of bad input refused in one line."""

import codecs
import os
import random
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.articles import importers
from app.io.articles.decode import choose_legacy
from app.io.articles.importers import ArticleImportError, ImportedText, normalise_text, read_article_file, read_pasted

TRADITIONAL = (
    "普丁與澤倫斯基昨日通電話，雙方同意在歐洲協調會議之前暫停攻擊。\n"
    "\n"
    "　　觀察人士認為，這是戰爭爆發以來最重要的外交進展，但和平仍然遙遠。\n"
)
HONG_KONG = "佢哋話呢單嘢啱唔啱都未知㗎，我哋聽日再傾吓嘅。\n\n普丁與澤倫斯基嘅電話，歐洲協調都有份。\n"
SIMPLIFIED = (
    "普京与泽连斯基昨日通电话，双方同意在欧洲协调会议之前暂停攻击。\n"
    "\n"
    "观察人士认为，这是战争爆发以来最重要的外交进展，但和平仍然遥远。\n"
)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def refusal(path, **kwargs) -> str:
    with pytest.raises(ArticleImportError) as caught:
        read_article_file(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"{os.path.basename(path)}: ")
    return message


# --- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "original, data, encoding",
    [
        (TRADITIONAL, TRADITIONAL.encode("utf-8"), "utf-8"),
        (TRADITIONAL, codecs.BOM_UTF8 + TRADITIONAL.encode("utf-8"), "utf-8-sig"),
        (TRADITIONAL, codecs.BOM_UTF16_LE + TRADITIONAL.encode("utf-16-le"), "utf-16"),
        (TRADITIONAL, codecs.BOM_UTF16_BE + TRADITIONAL.encode("utf-16-be"), "utf-16"),
        (TRADITIONAL, TRADITIONAL.encode("big5"), "cp950"),
        (TRADITIONAL, TRADITIONAL.encode("cp950"), "cp950"),
        (HONG_KONG, HONG_KONG.encode("big5hkscs"), "big5hkscs"),
        (SIMPLIFIED, SIMPLIFIED.encode("gb18030"), "gb18030"),
        (SIMPLIFIED, SIMPLIFIED.encode("gbk"), "gb18030"),
        (SIMPLIFIED, SIMPLIFIED.encode("gb2312"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "big5", "cp950", "big5hkscs", "gb18030", "gbk", "gb2312"],
)
def test_each_encoding_decodes_to_exactly_the_original(tmp_path, original, data, encoding):
    result = read_article_file(write(tmp_path, "新聞.txt", data))
    assert result.text == original
    assert result.encoding == encoding
    assert (result.title, result.source, result.format) == ("新聞", "新聞.txt", "txt")


@pytest.mark.parametrize("line", ["普丁與澤倫斯基通話。", "歐洲協調", "「啱」", "澤倫斯基"])
def test_a_single_short_line_of_big5_is_not_misread(tmp_path, line):
    # charset_normalizer alone calls short Big5 cp949 or johab; the common-character check must not.
    for encoding in ("big5", "big5hkscs"):
        try:
            data = line.encode(encoding)
        except UnicodeEncodeError:
            continue
        assert read_article_file(write(tmp_path, "短.txt", data)).text == line + "\n"


def test_hkscs_characters_come_out_right_and_plain_big5_stays_cp950():
    assert choose_legacy(HONG_KONG.encode("big5hkscs"))[0] == "big5hkscs"
    assert choose_legacy(TRADITIONAL.encode("big5"))[0] == "cp950"
    assert choose_legacy(SIMPLIFIED.encode("gb18030"))[0] == "gb18030"


def test_big5_with_hkscs_characters_beyond_the_detection_sample(tmp_path, monkeypatch):
    monkeypatch.setattr("app.io.articles.decode.SAMPLE_BYTES", 256)
    text = TRADITIONAL * 20 + HONG_KONG
    result = read_article_file(write(tmp_path, "長.txt", text.encode("big5hkscs")))
    assert (result.text, result.encoding) == (normalise_text(text), "big5hkscs")


def test_line_ends_blank_runs_and_trailing_spaces_are_normalised_and_nothing_else(tmp_path):
    data = "　　第一段 ＡＢ  x  \r\n第二段\t\r\r\n\r\n   \r\n第三段\ufb01\u00e9\r".encode("utf-8")
    result = read_article_file(write(tmp_path, "crlf.txt", data))
    # Leading ideographic spaces, full-width letters and the ligature stay (no NFKC, no inner stripping).
    assert result.text == "　　第一段 ＡＢ  x\n第二段\n\n第三段\ufb01\u00e9\n"


def test_truncated_utf8_is_read_without_the_cut_character(tmp_path):
    # The rule: a UTF-8 file cut inside its very last character (an interrupted copy) is
    # still UTF-8; the partial character, which the file never held whole, is dropped.
    data = TRADITIONAL.rstrip("\n").encode("utf-8") + "遠".encode()[:2]
    result = read_article_file(write(tmp_path, "cut.txt", data))
    assert (result.text, result.encoding) == (TRADITIONAL, "utf-8")


def test_damaged_utf8_in_the_middle_is_refused(tmp_path):
    good = TRADITIONAL.encode("utf-8")
    message = refusal(write(tmp_path, "damaged.txt", good + b"\xff\xfe\xfd" + good))
    assert "not valid UTF-8" in message and "line 4" in message


def test_an_unknown_extension_is_read_as_text_when_it_is_text(tmp_path):
    result = read_article_file(write(tmp_path, "notes.log", SIMPLIFIED.encode("gb18030")))
    assert (result.text, result.format, result.title) == (SIMPLIFIED, "txt", "notes")


# --- Markdown and pasted text ---------------------------------------------------------------


def test_markdown_keeps_its_markers_and_takes_title_and_sections_from_headings(tmp_path):
    source = "前言一句。\n\n# 歐洲協調 #\n\n內容\n\n\n\n小節\n---\n```\n# 不是標題\n```\n## 結語\n- 一\n- 二\n"
    result = read_article_file(write(tmp_path, "文章.md", source))
    assert result.text == source.replace("\n\n\n\n", "\n\n")
    assert result.title == "歐洲協調" and result.format == "md"
    assert [title for title, _ in result.sections] == ["歐洲協調", "小節", "結語"]
    for title, offset in result.sections:
        assert result.text[offset:].lstrip("# ").startswith(title)


def test_markdown_setext_title(tmp_path):
    result = read_article_file(write(tmp_path, "s.markdown", "普丁與澤倫斯基\n=====\n\n正文\n"))
    assert result.title == "普丁與澤倫斯基" and result.sections == (("普丁與澤倫斯基", 0),)


def test_pasted_text_is_cleaned_and_titled_by_its_first_line():
    long_line = "普丁與澤倫斯基" * 10
    result = read_pasted(f"\r\n  \r\n{long_line}  \r\n\r\n\r\n第二段\r\n")
    assert result == ImportedText(long_line[:40], f"{long_line}\n\n第二段\n", "pasted", "pasted", None)
    assert read_pasted("一\n二", title="  給定  ").title == "給定"


def test_pasted_white_space_only_is_refused():
    with pytest.raises(ArticleImportError, match=r"^pasted: holds no text"):
        read_pasted(" \n\u3000\n\t")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("普丁 \t\r\n　a"), max_size=40))
def test_normalised_text_keeps_the_paragraphs_and_is_idempotent(text):
    result = normalise_text(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert [line for line in result.split("\n") if line] == [line.rstrip() for line in lines if line.strip()]
    assert normalise_text(result) == result
    assert result == "" or (result.endswith("\n") and not result.endswith("\n\n") and "\n\n\n" not in result)


# --- HTML ---------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>網頁標題</title>
<style>p {{ color: red }}</style><script>document.write("腳本文字")</script>
<link rel="stylesheet" href="http://example.com/s.css"></head>
<body><noscript>請啟用腳本</noscript>
<h1>普丁與
澤倫斯基</h1>
<p>第一段，<a href="javascript:alert('x')">連結文字</a>保留。<img src="http://example.com/a.png" alt="圖"></p>
<div>甲行<br>乙行</div>
<template><p>模板</p></template>
<ul><li>歐洲協調</li><li>第二項</li></ul>
<h2>小節</h2><blockquote>引文</blockquote><table><tr><td>格一</td><td>格二</td></tr></table>
<pre>第一行
  第二行</pre>
</body></html>"""
PAGE_TEXT = "普丁與澤倫斯基\n\n第一段，連結文字保留。\n\n甲行\n\n乙行\n\n歐洲協調\n\n第二項\n\n小節\n\n引文\n\n格一\n\n格二\n\n第一行\n\n第二行\n"


@pytest.mark.parametrize("charset, encoding", [("utf-8", "utf-8"), ("big5", "cp950")])
def test_html_keeps_the_text_of_blocks_and_drops_scripts_styles_and_remote_things(tmp_path, charset, encoding):
    path = write(tmp_path, "page.html", PAGE.format(charset=charset).encode(charset))
    result = read_article_file(path)
    assert result.text == PAGE_TEXT
    assert (result.title, result.format, result.encoding) == ("普丁與澤倫斯基", "html", encoding)
    assert result.sections == (("普丁與澤倫斯基", 0), ("小節", PAGE_TEXT.index("小節")))
    for dropped in ("腳本", "color", "javascript", "alert", "example.com", "請啟用", "模板", "圖"):
        assert dropped not in result.text


def test_html_title_falls_back_to_title_element_then_file_name(tmp_path):
    with_title = write(tmp_path, "a.htm", "<title> 網頁 標題 </title><p>內容</p>")
    assert read_article_file(with_title).title == "網頁 標題"
    assert read_article_file(write(tmp_path, "無題.xhtml", "<p>內容</p>")).title == "無題"
    assert read_article_file(with_title, title="自訂").title == "自訂"


def test_html_without_a_declared_charset_is_detected_like_text(tmp_path):
    path = write(tmp_path, "gb.html", f"<p>{SIMPLIFIED.splitlines()[0]}</p>".encode("gb18030"))
    assert read_article_file(path).text == SIMPLIFIED.splitlines()[0] + "\n"


def test_html_with_only_markup_holds_no_text(tmp_path):
    message = refusal(write(tmp_path, "empty.html", "<html><script>x()</script><p> </p></html>"))
    assert "no text" in message


# --- .docx and .epub ------------------------------------------------------------------------


def make_docx(path, title_style=True):
    import docx

    document = docx.Document()
    document.core_properties.title = "屬性標題"
    if title_style:
        document.add_heading("普丁與澤倫斯基", level=0)
    document.add_paragraph("　　第一段內容。")
    document.add_heading("歐洲協調", level=1)
    document.add_paragraph("")
    document.add_paragraph("第二段內容。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "格一", "格二"
    document.save(path)
    return path


def test_docx_paragraphs_headings_tables_and_title(tmp_path):
    result = read_article_file(make_docx(tmp_path / "報告.docx"))
    assert result.text == "普丁與澤倫斯基\n\n　　第一段內容。\n\n歐洲協調\n\n第二段內容。\n\n格一\n\n格二\n"
    assert result.sections == (("普丁與澤倫斯基", 0), ("歐洲協調", result.text.index("歐洲協調")))
    assert (result.title, result.format, result.encoding) == ("普丁與澤倫斯基", "docx", None)


def test_docx_title_falls_back_to_heading_1_then_core_properties(tmp_path):
    assert read_article_file(make_docx(tmp_path / "a.docx", title_style=False)).title == "歐洲協調"
    import docx

    document = docx.Document()
    document.core_properties.title = "屬性標題"
    document.add_paragraph("只有內容。")
    document.save(tmp_path / "b.docx")
    assert read_article_file(tmp_path / "b.docx").title == "屬性標題"


def make_epub(path, chapters=(("第一章 普丁", "<p>第一章的內容。</p>"), ("第二章 歐洲協調", "<p>第二章的內容。</p>"))):
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("duben-test")
    book.set_title("書名：澤倫斯基")
    book.set_language("zh")
    items = []
    for number, (title, body) in enumerate(chapters, start=1):
        item = epub.EpubHtml(title=title, file_name=f"chap{number}.xhtml", lang="zh")
        item.content = (
            f"<html><body><h1>{title}</h1>{body}</body></html>" if title else f"<html><body>{body}</body></html>"
        )
        book.add_item(item)
        items.append(item)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    epub.write_epub(str(path), book)
    return path


def test_epub_chapters_become_sections_in_order(tmp_path):
    result = read_article_file(make_epub(tmp_path / "book.epub"))
    assert result.text == "第一章 普丁\n\n第一章的內容。\n\n第二章 歐洲協調\n\n第二章的內容。\n"
    assert result.sections == (("第一章 普丁", 0), ("第二章 歐洲協調", result.text.index("第二章 歐洲協調")))
    assert (result.title, result.format) == ("書名：澤倫斯基", "epub")


def test_epub_chapter_without_heading_takes_its_toc_title(tmp_path):
    path = make_epub(tmp_path / "b.epub", chapters=(("序", "<p>開頭。</p>"), ("", "<p>續篇。</p>")))
    result = read_article_file(path)
    assert [title for title, _ in result.sections] == ["序"]  # the heading-less part continues it
    assert result.text == "序\n\n開頭。\n\n續篇。\n"


# --- refused input --------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", " \r\n\t\n\u3000\n".encode("utf-8"), "no text"),
        ("picture.txt", PNG, "PNG image"),
        ("picture.png", PNG, "PNG image"),
        ("noise.txt", bytes(range(256)) * 4, "binary"),
        ("noise.bin", random.Random(4096).randbytes(4096), "binary"),  # seeded: the same on every test worker
        ("controls.txt", b"abc\x01\x02\x03\x04\x05\x06def" * 10, "binary"),
        ("fake.docx", "普丁與澤倫斯基".encode(), "not a valid .docx"),
        ("fake.epub", b"not a zip at all", "not a valid .epub"),
        ("utf16-broken.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),
        ("latin.txt", bytes(range(0x80, 0x100)) * 3, "cannot be decoded"),
    ],
)
def test_bad_input_is_refused_in_one_line(tmp_path, name, data, expected):
    assert expected in refusal(write(tmp_path, name, data))


def test_missing_file_and_folder_are_refused(tmp_path):
    assert refusal(tmp_path / "nowhere.txt") == "nowhere.txt: no such file"
    (tmp_path / "folder.txt").mkdir()
    assert refusal(tmp_path / "folder.txt") == "folder.txt: is a folder, not a file"


def test_a_zip_that_is_neither_docx_nor_epub(tmp_path):
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "普丁")
    assert "ZIP archive" in refusal(path)
    path.rename(tmp_path / "archive.docx")
    assert "not a valid .docx" in refusal(tmp_path / "archive.docx")
    (tmp_path / "archive.docx").rename(tmp_path / "archive.epub")
    assert "not a valid .epub" in refusal(tmp_path / "archive.epub")


def test_a_truncated_epub_or_docx_is_refused(tmp_path):
    data = make_epub(tmp_path / "whole.epub").read_bytes()
    assert "not a valid .epub" in refusal(write(tmp_path, "half.epub", data[: len(data) // 2]))
    data = make_docx(tmp_path / "whole.docx").read_bytes()
    assert "not a valid .docx" in refusal(write(tmp_path, "half.docx", data[: len(data) // 2]))


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "MAX_IMPORT_BYTES", 1024)
    path = write(tmp_path, "big.txt", "普" * 400)
    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or pytest.fail("read"))
    message = refusal(path)
    assert message == "big.txt: is too large to import (1.2 KB; the limit is 1 KB)" and opened == []


def test_a_refused_import_leaves_the_folder_as_it_was(tmp_path):
    write(tmp_path, "bad.docx", b"junk")
    before = sorted(os.listdir(tmp_path))
    refusal(tmp_path / "bad.docx")
    assert sorted(os.listdir(tmp_path)) == before
