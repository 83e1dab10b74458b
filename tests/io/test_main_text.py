"""Web pages keep their article and lose their navigation, sidebars, comments and footers;
the plain extraction stays where the extractor finds nothing, too little, or fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.io.articles.formats import read_html
from app.io.articles.importers import read_article_file
from app.io.articles.main_text import chosen_blocks
from tests.io.news_pages import CN, TW, news_page, news_pages

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("page", news_pages(), ids=lambda p: p.name)
def test_a_news_page_is_imported_as_its_article_only(tmp_path, page):
    path = tmp_path / "page.html"
    path.write_text(page.html, encoding="utf-8")
    imported = read_article_file(path)
    assert imported.text.split("\n\n") == [*page.article[:-1], page.article[-1] + "\n"]
    assert imported.title == page.article[0]
    assert not set(page.boilerplate) & set(imported.text.split("\n\n"))  # 首頁, 關於我們, 版權所有 © ...


def test_the_plain_extraction_keeps_every_block(tmp_path):
    page = news_page(TW)
    paragraphs = read_html(page.html.encode("utf-8"), main_text=False).outline.paragraphs
    assert {"首頁", "關於我們", "版權所有 © 2025 北方時報 All Rights Reserved."} <= set(paragraphs)
    assert set(page.article) <= set(paragraphs)


def test_sections_inside_the_article_are_kept(tmp_path):
    page = news_page(CN)
    html = page.html.replace("<p>俄罗斯外交部", "<h2>各方反应</h2>\n<p>俄罗斯外交部")
    parsed = read_html(html.encode("utf-8"))
    assert [title for title, _ in parsed.outline.sections] == [CN["title"], "各方反应"]
    assert "关于我们" not in parsed.outline.paragraphs


def test_a_page_the_extractor_finds_too_little_in_is_read_whole():
    # A short poem under a menu: too little main text for the extractor's choice to be trusted.
    html = (
        "<html><body><ul><li><a href='/'>首頁</a></li><li><a href='/p'>詩選</a></li></ul>"
        "<h1>靜夜思</h1><p>床前明月光，</p><p>疑是地上霜。</p><p>舉頭望明月，</p><p>低頭思故鄉。</p>"
        "<footer>版權所有 © 2025</footer></body></html>"
    )
    paragraphs = read_html(html.encode("utf-8")).outline.paragraphs
    assert paragraphs[:2] == ["首頁", "詩選"] and "低頭思故鄉。" in paragraphs


@pytest.mark.parametrize("failure", [None, "", RecursionError("deep"), ValueError("odd markup")])
def test_when_the_extractor_gives_nothing_or_fails_the_plain_text_is_kept(monkeypatch, failure):
    import trafilatura

    def extract(*args, **kwargs):
        if isinstance(failure, Exception):
            raise failure
        return failure

    monkeypatch.setattr(trafilatura, "extract", extract)
    page = news_page(TW)
    paragraphs = read_html(page.html.encode("utf-8")).outline.paragraphs
    assert "首頁" in paragraphs and set(page.article) <= set(paragraphs)


def test_a_short_menu_link_found_inside_the_article_is_not_kept():
    article = "國際刑事法院對普丁發出逮捕令，國際社會高度關注。" * 10
    blocks = [("國際", 0), ("首頁", 0), ("國際刑事法院", 1), (article, 0)]
    assert chosen_blocks(blocks, ["國際刑事法院", article]) == [("國際刑事法院", 1), (article, 0)]


def test_a_block_the_extractor_split_or_joined_differently_is_kept_when_long():
    first, second = "美國總統川普與俄羅斯總統普丁在阿拉斯加舉行峰會。" * 5, "雙方未就停火達成協議。" * 20
    blocks = [("選單", 0), (first, 0), (second, 0)]
    assert chosen_blocks(blocks, [first + second]) == [(first, 0), (second, 0)]


def test_starting_the_app_or_importing_text_does_not_load_the_extractor():
    code = (
        "import sys\n"
        "import app.entry, app.ui.main_window, app.services.library\n"
        "from app.io.articles.importers import read_pasted\n"
        "read_pasted('普丁來了。')\n"
        "assert 'trafilatura' not in sys.modules, 'trafilatura was imported'\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
