"""The library panel: its model and proxy pass Qt's checks, filter in either script, and open on click."""

import pytest
from PySide6.QtCore import Qt

from app.services.documents import ArticleSummary
from app.ui.library.model import (
    COL_PARAGRAPHS,
    COL_SOURCE,
    COL_TITLE,
    ArticleRole,
    LibraryFilterModel,
    LibraryModel,
)
from app.ui.library.panel import LibraryPanel

ARTICLES = [
    ArticleSummary("bbc-trade", "BBC 貿易協調", "bbc.html", 12, False),
    ArticleSummary("putin-trump", "普丁與川普會晤", "bundled", 8, True),
    ArticleSummary("notes", "读书笔记", "notes.md", 3, False),
    ArticleSummary("ukraine", "烏克蘭局勢", "bundled", 20, True),
]


@pytest.fixture
def model():
    model = LibraryModel()
    model.set_articles(ARTICLES)
    return model


@pytest.fixture
def panel(qtbot):
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.set_articles(ARTICLES)
    panel.resize(400, 300)
    panel.show()
    return panel


def shown_ids(proxy) -> list[str]:
    return [proxy.index(row, COL_TITLE).data(ArticleRole).id for row in range(proxy.rowCount())]


def test_the_model_passes_qt_checks(qtmodeltester, model):
    qtmodeltester.check(model)


def test_the_proxy_passes_qt_checks(qtmodeltester, model):
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    proxy.set_query("協調")
    qtmodeltester.check(proxy)


def test_rows_show_title_source_and_paragraphs_bundled_first(model):
    assert [model.index(r, COL_TITLE).data() for r in range(model.rowCount())] == [
        "普丁與川普會晤",
        "烏克蘭局勢",
        "BBC 貿易協調",
        "读书笔记",
    ]
    assert model.index(2, COL_SOURCE).data() == "bbc.html"
    assert model.index(2, COL_PARAGRAPHS).data() == 12
    assert model.index(0, COL_SOURCE).data(ArticleRole) == ARTICLES[1]
    assert "bundled" in model.index(0, COL_TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "bundled" not in model.index(2, COL_TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, COL_TITLE).data(Qt.ItemDataRole.FontRole).italic()
    assert not model.flags(model.index(0, COL_TITLE)) & Qt.ItemFlag.ItemIsEditable


def test_set_articles_resets_the_model(qtbot, model):
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_articles(ARTICLES[:1])
    assert model.rowCount() == 1


@pytest.mark.parametrize(
    "query, ids",
    [
        ("", ["putin-trump", "ukraine", "bbc-trade", "notes"]),
        ("普丁", ["putin-trump"]),
        ("协调", ["bbc-trade"]),  # Simplified query, Traditional title
        ("讀書", ["notes"]),  # Traditional query, Simplified title
        ("bbc", ["bbc-trade"]),  # case-insensitive
        ("BUNDLED", ["putin-trump", "ukraine"]),  # the source is searched too
        (".MD", ["notes"]),
        ("  乌克兰 ", ["ukraine"]),
        ("莫斯科", []),
    ],
)
def test_the_filter_matches_title_or_source_in_either_script(model, query, ids):
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    proxy.set_query(query)
    assert shown_ids(proxy) == ids


def test_typing_in_the_filter_filters_the_list(qtbot, panel):
    qtbot.keyClicks(panel.filter_edit, "bb")  # QTest types ASCII only
    assert shown_ids(panel.proxy) == ["bbc-trade"]
    panel.filter_edit.setText("协调")
    assert shown_ids(panel.proxy) == ["bbc-trade"]
    panel.filter_edit.clear()
    assert len(shown_ids(panel.proxy)) == 4


def test_a_click_emits_the_article_id(qtbot, panel):
    index = panel.proxy.index(1, COL_TITLE)
    rect = panel.view.visualRect(index)
    with qtbot.waitSignal(panel.article_activated) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["ukraine"]
    assert panel.current_id() == "ukraine"


def test_a_double_click_opens_once(qtbot, panel):
    rect = panel.view.visualRect(panel.proxy.index(0, COL_TITLE))
    seen = []
    panel.article_activated.connect(seen.append)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert set(seen) == {"putin-trump"} and len(seen) <= 2  # one per click, never an extra for the double


def test_enter_on_the_list_emits_the_current_article(qtbot, panel):
    assert panel.select("notes")
    panel.view.setFocus()
    with qtbot.waitSignal(panel.article_activated) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert blocker.args == ["notes"]


def test_enter_in_the_filter_opens_the_first_match(qtbot, panel):
    panel.filter_edit.setText("烏克蘭")
    with qtbot.waitSignal(panel.article_activated) as blocker:
        qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Return)
    assert blocker.args == ["ukraine"]


def test_select_does_not_emit_and_survives_filtering_and_reloading(qtbot, panel):
    with qtbot.assertNotEmitted(panel.article_activated):
        assert not panel.select("no-such-article")
        assert panel.select("bbc-trade")
    assert panel.current_id() == "bbc-trade"
    panel.filter_edit.setText("普丁")
    assert panel.current_id() is None
    panel.filter_edit.clear()
    assert panel.current_id() == "bbc-trade"
    panel.set_articles(list(reversed(ARTICLES)))
    assert panel.current_id() == "bbc-trade"


def test_the_list_keeps_the_library_order_until_a_header_is_clicked(panel):
    assert shown_ids(panel.proxy) == ["putin-trump", "ukraine", "bbc-trade", "notes"]
    panel.view.sortByColumn(COL_PARAGRAPHS, Qt.SortOrder.DescendingOrder)
    assert shown_ids(panel.proxy) == ["ukraine", "bbc-trade", "putin-trump", "notes"]


def test_the_figure_columns_show_shares_and_sort_as_numbers(qtmodeltester, qtbot, panel):
    from app.services.progress import TextProgress
    from app.ui.library.model import COL_EASY, COL_KNOWN, COL_READ, WORKING

    def profile(easy, known):
        return {
            "1": easy,
            "2": 0.0,
            "3": 0.0,
            "4": 0.0,
            "5": 0.0,
            "6": 0.0,
            "7-9": 0.0,
            "beyond": 1 - easy,
            "known": known,
        }

    progress = {
        "bbc-trade": TextProgress(9, 12, 0.75),
        "notes": TextProgress(3, 3, 1.0),
        "ukraine": TextProgress(2, 20, 0.1),
    }
    profiles = {"bbc-trade": profile(0.09, 0.5), "notes": profile(0.1, 0.05), "putin-trump": profile(0.8, 0.2)}
    panel.set_figures(progress, profiles)
    model = panel.model
    qtmodeltester.check(model)
    row = {model.index(r, COL_TITLE).data(ArticleRole).id: r for r in range(model.rowCount())}
    assert model.index(row["bbc-trade"], COL_READ).data() == "75%"
    assert model.index(row["putin-trump"], COL_READ).data() == ""  # never opened
    assert model.index(row["ukraine"], COL_EASY).data() == WORKING  # profile not worked out yet
    assert model.index(row["bbc-trade"], COL_KNOWN).data() == "50%"
    assert "9 of 12 paragraphs" in model.index(row["bbc-trade"], COL_READ).data(Qt.ItemDataRole.ToolTipRole)
    panel.view.sortByColumn(COL_EASY, Qt.SortOrder.AscendingOrder)  # 9% below 10%: numbers, not text
    assert shown_ids(panel.proxy) == ["ukraine", "bbc-trade", "notes", "putin-trump"]
    panel.view.sortByColumn(COL_READ, Qt.SortOrder.DescendingOrder)
    assert shown_ids(panel.proxy) == ["notes", "bbc-trade", "ukraine", "putin-trump"]
    panel.view.sortByColumn(COL_KNOWN, Qt.SortOrder.DescendingOrder)
    assert shown_ids(panel.proxy) == ["bbc-trade", "putin-trump", "notes", "ukraine"]
