"""What the window tells the reader: progress, the status line, whole-article figures, tints and
their legend, find marks, adding a term, one paragraph numbering, glossary ranking, KWIC."""

import json

import pytest
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QStyleOptionViewItem, QWidget

from app.core.text import WORD
from app.ui.glossary.model import COL_CHINESE, ConceptRole
from app.ui.panels.results import FINDING_COLUMNS, HIT_COLUMNS, LEFT_COLUMN, LeftContextDelegate
from app.ui.reader.colours import Colours
from app.ui.reader.layout import WordBox
from app.ui.reader.tint_legend import tint_swatches
from app.ui.reader.tints import SCREEN_TINTS, TintInputs, make_tints
from app.ui.theme import palette_for
from tests.helpers import find_in_library, open_window, run_cli

NEWTALK, PROSPECT = "newtalk-alaska-concert", "prospect-alaska-northeast-asia"


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir, article=NEWTALK, size=(1300, 900))


def word_boxes(window):
    return [(r.index, b) for r in window.view.rows_on_screen() for b in r.boxes if b.kind == WORD]


def fill(tints, box):
    return next((m.fill for t in tints if (m := t.mark(box)) is not None and m.fill is not None), None)


def underline(tints, box):
    return next((m.underline for t in tints if (m := t.mark(box)) is not None and m.underline is not None), None)


# -- 1. progress while paragraphs are annotated -----------------------------------------------
def test_a_progress_line_shows_while_paragraphs_are_read_and_goes_when_done(qtbot, window):
    seen = []
    window.document.progress_changed.connect(lambda done, total: seen.append((done, total)))
    window.open_article(PROSPECT, restore_position=False)
    # The rows are annotated in the background: until they arrive the line says so.
    assert window.status.text().startswith("Reading the text… 0 of ")
    qtbot.waitUntil(lambda: window.document.ready and not window.status.progress, timeout=60_000)
    assert "Reading the text" not in window.status.text()
    total = seen[-1][1]
    assert total > 0 and seen[-1] == (total, total)
    assert all(done <= all_ for done, all_ in seen)


# -- 2. the status line: a message never drawn over the figures --------------------------------
def test_a_message_replaces_the_figures_instead_of_overlapping_them(qtbot, window, tmp_path):
    qtbot.waitUntil(lambda: window.words.figures is not None, timeout=60_000)
    figures = window.status.text()
    bar = window.statusBar()
    mine = tmp_path / "mine.txt"
    mine.write_text("我的文章。\n很好。\n", encoding="utf-8")
    window.import_file(str(mine))
    assert bar.currentMessage() == "Imported mine"
    assert window.status.text() == "Imported mine"
    # The one status line spans the bar from its left edge: QStatusBar has no room left to
    # paint a message of its own, and no two visible widgets of the bar overlap.
    assert window.status.isVisible() and window.status.geometry().left() <= 12
    children = bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    shown = [w.geometry() for w in children if w.isVisible() and not w.geometry().isEmpty()]
    assert all(not a.intersects(b) for i, a in enumerate(shown) for b in shown[i + 1 :])
    bar.clearMessage()
    qtbot.waitUntil(lambda: window.words.figures is not None, timeout=60_000)
    assert window.status.text() != "Imported mine" and window.status.text().startswith("mine: 2 paragraphs")
    assert figures.startswith("美俄阿拉斯加峰會")


# -- 3. figures over the whole article, updated on marking ---------------------------------------
def test_figures_are_the_whole_articles_and_follow_marking(qtbot, window, private_data_dir, capsys):
    qtbot.waitUntil(lambda: window.words.figures is not None, timeout=120_000)
    code, out, _ = run_cli(capsys, private_data_dir, "vocab", "stats", NEWTALK, "--json")
    cli = json.loads(out)
    figures = window.words.figures
    assert code == 0
    assert (figures.words, figures.distinct, figures.known, figures.learning, figures.names) == (
        cli["words"],
        cli["distinct"],
        cli["known"],
        cli["learning"],
        cli["names"],
    )
    # Only a screenful is painted, yet the figures count every paragraph, and scrolling leaves them.
    assert len(window.view.paragraphs) < len(window.view.spans)
    window.view.scroll_to_end()
    qtbot.waitUntil(lambda: window.view.screen_complete() and bool(word_boxes(window)), timeout=60_000)
    assert window.words.figures == figures
    index, box = next((i, b) for i, b in word_boxes(window) if not b.category)
    window.view.select_word(index, box.start)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert window.words.figures.known == figures.known + 1
    window.statusBar().clearMessage()
    assert f"{figures.known + 1} known" in window.status.text()


# -- 4. "new" has a look of its own, and a legend says what the tints mean -----------------------
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_new_word_is_tinted_unlike_an_unmarked_one(qapp, theme):
    colours = Colours.of(palette_for(theme))
    tints = make_tints(SCREEN_TINTS, TintInputs(colours, {"持續": "new"}))

    def box(text):
        return WordBox(QRectF(0, 0, 40, 30), text, "", WORD, 0, len(text))

    assert fill(tints, box("持續")) == colours.new
    assert fill(tints, box("三年")) == colours.unknown
    assert colours.new.rgb() != colours.unknown.rgb()
    swatches = dict(tint_swatches(palette_for(theme)))
    assert swatches["new"] != swatches["not marked yet"] and swatches["new"] != swatches["learning"]
    assert swatches["known"] is None


def test_the_tint_legend_is_in_the_window(window):
    legend = window.tint_legend.text()
    assert all(name in legend for name in ("new", "learning", "known", "not marked yet", "current match"))


def test_marking_a_word_new_changes_how_it_is_painted(qtbot, window):
    index, box = next((i, b) for i, b in word_boxes(window) if not b.category)
    inputs = TintInputs(Colours.of(window.view.palette()), window.words.statuses)
    before = fill(make_tints(SCREEN_TINTS, inputs), box)
    window.view.select_word(index, box.start)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.words.statuses[box.text] == "new"
    inputs = TintInputs(Colours.of(window.view.palette()), window.words.statuses)
    assert fill(make_tints(SCREEN_TINTS, inputs), box) != before


# -- 5. find: the current match stands out; Esc takes the marks away -----------------------------
def test_the_current_match_differs_and_esc_clears_the_marks(qtbot, window):
    window.find_bar.open()
    window.find_bar.field.setText("普京")  # as typed (QTest cannot type CJK characters)
    hits, current = window.view.highlights
    assert len(hits) >= 2 and current == hits[0]
    colours = Colours.of(window.view.palette())
    tints = make_tints(SCREEN_TINTS, TintInputs(colours, {}, hits, current))

    def box(span):
        return WordBox(QRectF(0, 0, 40, 30), "普京", "", WORD, *span)

    assert fill(tints, box(hits[0])) == colours.find_current != fill(tints, box(hits[1])) == colours.find
    assert underline(tints, box(hits[0])) is not None
    window.finder.step(1)  # F3
    assert window.view.highlights[1] == hits[1]
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden()
    assert window.view.highlights == ([], None)
    window.find_bar.open()  # the query is still there, and so are its marks
    assert window.view.highlights[0] == hits


# -- 6. adding a term: region from the script, no jump, confirmed, shown -------------------------
def _add_through_dialog(qtbot, window, english, seen):
    def fill_in():
        dialog = window.glossary_panel.add_dialog
        seen.append(dialog.region_combo.currentText())
        dialog.english_edit.setText(english)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill_in)
    window.panels.add_term_from_selection()


def test_a_term_added_in_a_traditional_text_is_tw_keeps_the_place_and_shows(qtbot, window):
    window.glossary_panel.query_edit.setText("no such term at all")  # a filter that hides everything
    window.view.scroll_to_paragraph(12)
    qtbot.waitUntil(lambda: window.document.ready and window.view.screen_complete(), timeout=60_000)
    known = window.context.glossary
    index, box = next(
        (i, b) for i, b in word_boxes(window) if i >= 12 and len(b.text) >= 2 and known.find_term(b.text) is None
    )
    window.view.select_word(index, box.start)
    before = window.view.anchor()
    seen = []
    _add_through_dialog(qtbot, window, "a test term", seen)
    assert seen == ["TW"]
    concept = window.glossary_panel.current_concept()
    assert concept is not None and any(t.text == box.text and t.regions == ("TW",) for t in concept.terms)
    assert window.statusBar().currentMessage() == f"Added {box.text} to the glossary ({concept.id})"
    qtbot.waitUntil(lambda: window.document.ready, timeout=60_000)
    assert window.view.anchor()[0] == before[0]  # the reader stays where it was read


def test_a_term_added_in_a_simplified_text_is_cn(qtbot, window, tmp_path):
    text = tmp_path / "jian.txt"
    text.write_text("今天我们讨论经济问题。\n他们认为经济问题很重要。\n", encoding="utf-8")
    window.import_file(str(text))
    qtbot.waitUntil(lambda: window.document.ready and bool(window.view.paragraphs), timeout=60_000)
    index, box = next((i, b) for i, b in word_boxes(window) if b.text == "经济")
    window.view.select_word(index, box.start)
    seen = []
    _add_through_dialog(qtbot, window, "economy (test)", seen)
    assert seen == ["CN"]


# -- 7. one paragraph numbering, from 1, and titles ---------------------------------------------
def test_check_and_concordance_number_paragraphs_from_one_everywhere(qtbot, window, private_data_dir, capsys):
    window.panels.run_check("article")
    qtbot.waitUntil(lambda: bool(window.check_panel.findings), timeout=120_000)
    model = window.check_panel.model
    article_column = [h for h, _ in FINDING_COLUMNS].index("Article")
    number_column = [h for h, _ in FINDING_COLUMNS].index("¶")
    for row, finding in enumerate(model.records):
        if finding.paragraph is None:
            continue
        # The ¶ column, the message and the place in the text all name the same paragraph.
        assert model.index(row, number_column).data() == finding.paragraph
        assert window.view.paragraph_index_at(finding.start) + 1 == finding.paragraph
        if finding.kind == "missing-translation":
            assert f"paragraph {finding.paragraph} " in finding.message
        assert model.index(row, article_column).data() == window.article.title
    code, out, _ = run_cli(capsys, private_data_dir, "glossary", "check", NEWTALK, "--format", "json")
    assert [f["paragraph"] for f in json.loads(out)] == [f.paragraph for f in model.records]
    hits = find_in_library(qtbot, window, "普京")
    code, out, _ = run_cli(capsys, private_data_dir, "concordance", "普京", "--article", NEWTALK)
    lines = out.splitlines()
    ours = [h for h in hits if h.article == NEWTALK]
    assert [line.split()[0] for line in lines] == [f"{NEWTALK}:{h.paragraph}" for h in ours]
    number = [h for h, _ in HIT_COLUMNS].index("¶")
    row = next(r for r, h in enumerate(window.concordance_panel.model.records) if h.article == NEWTALK)
    hit = window.concordance_panel.model.records[row]
    assert window.concordance_panel.model.index(row, number).data() == hit.paragraph
    assert window.view.paragraph_index_at(hit.start) + 1 == hit.paragraph


# -- 8. the glossary filter ranks exact and prefix matches first ---------------------------------
@pytest.mark.parametrize("query", ["putin", "Putin", "普京", "普丁", "pujing", "pǔjīng"])
def test_the_filter_lists_the_best_match_first(window, query):
    panel = window.glossary_panel
    panel.query_edit.setText(query)
    assert panel.proxy.rowCount() >= 1
    assert panel.proxy.index(0, COL_CHINESE).data(ConceptRole).id == "vladimir-putin"


def test_a_header_click_still_sorts_a_filtered_list(window):
    panel = window.glossary_panel
    panel.query_edit.setText("alaska")
    assert panel.proxy.index(0, COL_CHINESE).data(ConceptRole).english[0] == "Alaska"
    panel.view.sortByColumn(COL_CHINESE, Qt.SortOrder.DescendingOrder)
    shown = [panel.proxy.index(r, COL_CHINESE).data() for r in range(panel.proxy.rowCount())]
    assert len(shown) >= 2 and shown == sorted(shown, reverse=True)
    panel.query_edit.setText("putin")  # a new query: ranked again? no, the user chose a column
    shown = [panel.proxy.index(r, COL_CHINESE).data() for r in range(panel.proxy.rowCount())]
    assert shown == sorted(shown, reverse=True)


# -- 9. the concordance's left context is right-aligned against the keyword ----------------------
def test_the_left_context_sits_against_the_keyword(qtbot, window):
    find_in_library(qtbot, window, "普京")
    panel = window.concordance_panel
    left = panel.proxy.index(0, LEFT_COLUMN)
    assert Qt.AlignmentFlag(left.data(Qt.ItemDataRole.TextAlignmentRole)) & Qt.AlignmentFlag.AlignRight
    right = panel.proxy.index(0, [h for h, _ in HIT_COLUMNS].index("Right"))
    assert right.data(Qt.ItemDataRole.TextAlignmentRole) is None  # the right context starts at the keyword
    delegate = panel.view.itemDelegateForColumn(LEFT_COLUMN)
    assert isinstance(delegate, LeftContextDelegate)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, left)
    assert option.textElideMode == Qt.TextElideMode.ElideLeft
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight
