"""News pages built the way real ones are: a header with navigation, breadcrumbs, a sidebar,
the article, share buttons, related links, readers' comments and a footer; in Traditional and
Simplified Chinese. Each page knows which paragraphs are the article, so an extractor's
paragraph precision and recall can be measured on it (tests/io/test_main_text.py and
tests/benchmarks/bench_html_extract.py)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    article: tuple[str, ...]  # the title and the article's paragraphs, in order
    boilerplate: tuple[str, ...]  # text of the page that is not the article


TW = {
    "site": "北方時報",
    "nav": ("首頁", "政治", "國際", "財經", "科技", "生活", "評論", "關於我們"),
    "crumbs": ("首頁", "國際", "亞太"),
    "title": "美俄峰會落幕 東北亞盟友憂心安全承諾生變",
    "byline": "記者 林怡君／台北報導　2025年8月17日 09:30",
    "paragraphs": (
        "美國總統川普與俄羅斯總統普丁15日在阿拉斯加舉行峰會，雙方會談將近三小時，但並未就烏克蘭停火達成任何具體協議。",
        "日本與南韓官員在會後表示，將持續關注美俄關係的變化，並強調盟國之間的協調比以往任何時候都更加重要。",
        "分析人士指出，這場峰會讓外界重新思考所謂的「大國協調」模式，也讓東北亞國家"
        "擔心自身的安全利益可能成為大國交易的籌碼。",
        "台灣外交部則呼籲國際社會正視威權國家擴張的風險，並表示將與理念相近的夥伴深化合作，共同維護區域和平與穩定。",
        "據了解，美方事前曾向盟國簡報峰會議程，但多位外交人士私下坦言，對會談結果仍感到意外。",
    ),
    "sidebar_title": "熱門新聞",
    "sidebar": (
        "颱風逼近　東部沿海發布海上警報",
        "央行宣布利率維持不變",
        "職棒總冠軍賽今晚開打",
        "夜市美食排行榜出爐",
    ),
    "share": ("分享到臉書", "分享到LINE", "複製連結", "列印"),
    "related_title": "相關新聞",
    "related": ("普丁訪問北韓　雙方簽署戰略夥伴條約", "歐盟擬再祭對俄制裁"),
    "comments_title": "讀者留言（3）",
    "comments": (
        "小明：希望和平早日到來。",
        "台北阿伯：大國之間的交易，小國只能自求多福。",
        "Kevin：寫得很清楚，謝謝記者。",
    ),
    "footer": (
        "關於我們",
        "聯絡我們",
        "廣告刊登",
        "隱私權政策",
        "版權所有 © 2025 北方時報 All Rights Reserved.",
    ),
    "login": "登入／註冊",
    "subscribe": "訂閱電子報，每天掌握重要新聞",
}

CN = {
    "site": "东方新闻网",
    "nav": ("首页", "时政", "国际", "财经", "科技", "社会", "评论", "关于我们"),
    "crumbs": ("首页", "国际", "欧洲"),
    "title": "欧盟宣布新一轮对俄制裁 能源出口首当其冲",
    "byline": "来源：东方新闻网　作者：王海　2025-06-03 14:12",
    "paragraphs": (
        "欧盟委员会3日宣布对俄罗斯实施新一轮制裁措施，重点针对能源出口和金融机构，这是冲突爆发以来的第十七轮制裁。",
        "欧盟外交与安全政策高级代表在布鲁塞尔表示，制裁的目的是削弱俄方继续作战的能力，并促使各方回到谈判桌前。",
        "俄罗斯外交部随即发表声明，称这些措施违反国际法，并表示将采取对等反制措施。",
        "经济学家认为，新制裁对欧洲本身的能源价格也会产生一定影响，各成员国需要加快寻找替代供应来源。",
        "匈牙利和斯洛伐克此前对部分条款表示保留，经过多轮磋商后才同意最终方案。",
        "据悉，新措施将于本月底正式生效，欧盟将在六个月后评估执行效果。",
    ),
    "sidebar_title": "排行榜",
    "sidebar": (
        "高温天气持续 多地发布橙色预警",
        "新能源汽车销量再创新高",
        "高考志愿填报指南发布",
        "世界杯预选赛国足客场告负",
    ),
    "share": ("分享到微信", "分享到微博", "复制链接", "打印"),
    "related_title": "相关阅读",
    "related": ("北约峰会在海牙开幕", "俄乌第二轮谈判在伊斯坦布尔举行"),
    "comments_title": "网友评论（2）",
    "comments": ("上海网友：制裁来制裁去，最后受苦的还是老百姓。", "北京网友：期待早日实现和平。"),
    "footer": (
        "关于我们",
        "联系我们",
        "广告服务",
        "网站地图",
        "版权所有 © 2025 东方新闻网 京ICP备12345678号",
    ),
    "login": "登录｜注册",
    "subscribe": "下载客户端，随时随地看新闻",
}


def _links(items: tuple[str, ...], sep: str = "") -> str:
    return sep.join(f'<li><a href="/{i}">{escape(t)}</a></li>' for i, t in enumerate(items))


# An older CMS writes the same page with <div>s only, the parts named by their classes.
_PLAIN_TAGS = (
    ("<header", "<div"),
    ("</header>", "</div>"),
    ("<nav", "<div"),
    ("</nav>", "</div>"),
    ("<main>", "<div>"),
    ("</main>", "</div>"),
    ("<article", "<div"),
    ("</article>", "</div>"),
    ("<section", "<div"),
    ("</section>", "</div>"),
    ("<aside", "<div"),
    ("</aside>", "</div>"),
    ("<footer", "<div"),
    ("</footer>", "</div>"),
)


def news_page(words: dict, wrapped: bool = False, semantic: bool = True) -> Page:
    """The page of one article. `wrapped`: the article's Chinese broken across source lines, as
    editors' HTML often is (a line break between two Chinese characters is no space).
    `semantic`: with HTML5's header, nav, main, article, aside and footer, else all <div>s."""
    w = words
    paragraphs = w["paragraphs"]
    body = "\n".join(
        "<p>" + (escape(p[: len(p) // 2]) + "\n      " + escape(p[len(p) // 2 :]) if wrapped else escape(p)) + "</p>"
        for p in paragraphs
    )
    html = f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>{escape(w["title"])} | {escape(w["site"])}</title>
<script>window.dataLayer = window.dataLayer || [];</script>
<style>.nav li {{ display: inline; }}</style>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/">{escape(w["site"])}</a></div>
  <div class="member"><a href="/login">{escape(w["login"])}</a></div>
  <nav class="nav"><ul>{_links(w["nav"])}</ul></nav>
</header>
<div class="breadcrumb"><a href="/">{escape(w["crumbs"][0])}</a> &gt; <a href="/c1">{escape(w["crumbs"][1])}</a>
 &gt; <a href="/c2">{escape(w["crumbs"][2])}</a></div>
<div class="container">
<main>
<article class="story">
  <h1>{escape(w["title"])}</h1>
  <div class="byline">{escape(w["byline"])}</div>
  <div class="share"><ul>{_links(w["share"])}</ul></div>
  <div class="story-body">
{body}
  </div>
  <div class="related"><h3>{escape(w["related_title"])}</h3><ul>{_links(w["related"])}</ul></div>
</article>
<section class="comments" id="comments">
  <h3>{escape(w["comments_title"])}</h3>
  {"".join(f'<div class="comment"><p>{escape(c)}</p></div>' for c in w["comments"])}
</section>
</main>
<aside class="sidebar">
  <h3>{escape(w["sidebar_title"])}</h3>
  <ol>{_links(w["sidebar"])}</ol>
  <div class="newsletter">{escape(w["subscribe"])}</div>
</aside>
</div>
<footer class="site-footer">
  <ul>{_links(w["footer"][:-1])}</ul>
  <p class="copyright">{escape(w["footer"][-1])}</p>
</footer>
</body>
</html>
"""
    if not semantic:
        for tag, plain in _PLAIN_TAGS:
            html = html.replace(tag, plain)
    boilerplate = (
        w["site"],
        w["login"],
        *w["nav"],
        *w["share"],
        w["related_title"],
        *w["related"],
        w["comments_title"],
        *w["comments"],
        w["sidebar_title"],
        *w["sidebar"],
        w["subscribe"],
        *w["footer"],
    )
    name = f"{w['site']}{', wrapped' if wrapped else ''}{', divs only' if not semantic else ''}"
    return Page(name, html, (w["title"], *paragraphs), boilerplate)


def news_pages() -> list[Page]:
    """Each article (Traditional, Simplified) as HTML5, wrapped in the source, and in <div>s only."""
    return [
        news_page(words, wrapped, semantic)
        for words in (TW, CN)
        for wrapped, semantic in ((False, True), (True, True), (False, False))
    ]
