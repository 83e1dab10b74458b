"""Reading progress and the library's figures in the window: the place saved as the student reads
and restored after a restart, the Read, HSK 1–4 and Known columns equal to the command line's
figures and sortable, and the level profiles kept in the cache for the next start."""

import json
import uuid

import pytest
from PySide6.QtCore import Qt

from app.core.levels import easy_share
from app.io.store.progress import ReadingProgress
from app.services import profiles
from app.ui.library.model import COL_EASY, COL_KNOWN, COL_READ, COL_TITLE, ArticleRole
from tests.helpers import open_window, run_cli, select_word

LONG = "newtalk-alaska-concert"  # 43 paragraphs: far more than a screen
SHORT = "prospect-alaska-northeast-asia"


def figures_ready(qtbot, window):
    qtbot.waitUntil(lambda: not window.library_figures.busy, timeout=180_000)


def cell(window, article_id, column):
    model = window.library.model
    return model.index(model.row_of(article_id), column).data()


def shown_order(window, column, order):
    view = window.library.view
    view.sortByColumn(column, order)
    proxy = window.library.proxy
    return [proxy.index(row, COL_TITLE).data(ArticleRole).id for row in range(proxy.rowCount())]


def test_the_place_is_saved_as_the_student_reads_and_restored_after_a_restart(qtbot, private_data_dir):
    window = open_window(qtbot, private_data_dir, LONG, size=(1000, 700))
    saved = []
    window.progress.saved.connect(saved.append)
    for paragraph in range(1, 21):  # a scroll of many steps...
        window.view.scroll_to_paragraph(paragraph, 0.5)
    assert window.progress.pending and not saved  # ...waits for the view to stay still
    qtbot.waitUntil(lambda: saved == [LONG], timeout=10_000)  # ...then one write
    top = window.view.anchor()[0]
    assert top >= 19
    stored = ReadingProgress(window.context.store).of(LONG)
    assert stored is not None and stored.paragraph == top and stored.read == top  # written, the window still open
    assert cell(window, LONG, COL_READ) == f"{top / 43:.0%}"
    window.view.scroll_to_paragraph(2)  # back to re-read the opening: the furthest read stays
    window.progress.save_now()
    assert ReadingProgress(window.context.store).of(LONG).read == top
    window.view.scroll_to_paragraph(top, 0.5)
    window.close()
    again = open_window(qtbot, private_data_dir, size=(1000, 700))
    assert again.article.id == LONG and again.view.anchor()[0] == top
    assert cell(again, LONG, COL_READ) == f"{top / 43:.0%}"
    assert cell(again, SHORT, COL_READ) == ""  # never opened


def test_the_end_of_the_text_is_all_read_and_reopens_at_the_end(qtbot, private_data_dir):
    window = open_window(qtbot, private_data_dir, LONG, size=(1000, 700))
    with qtbot.waitSignal(window.progress.saved, timeout=10_000):
        window.view.scroll_to_end()
    assert cell(window, LONG, COL_READ) == "100%"
    window.close()
    again = open_window(qtbot, private_data_dir, size=(1000, 700))
    assert again.view.at_end()


def test_the_library_figures_equal_vocab_stats_and_follow_the_marks(qtbot, private_data_dir, capsys):
    window = open_window(qtbot, private_data_dir, SHORT)
    figures_ready(qtbot, window)
    select_word(window, "戰爭")
    window.words.mark_word("known")
    for article in (SHORT, LONG):
        code, out, err = run_cli(capsys, private_data_dir, "vocab", "stats", article, "--json")
        assert code == 0, err
        levels = json.loads(out)["levels"]
        assert window.library.model.profile(article) == levels
        assert cell(window, article, COL_EASY) == f"{easy_share(levels):.0%}"
        assert cell(window, article, COL_KNOWN) == f"{levels['known']:.0%}"
        assert levels["known"] > 0  # 戰爭 runs in both
    tip = window.library.model.index(0, COL_KNOWN).data(Qt.ItemDataRole.ToolTipRole)
    assert "HSK 1" in tip and "known" in tip
    header = window.library.model.headerData(COL_EASY, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "HSK levels 1 to 4" in header


def test_the_columns_sort_by_their_numbers(qtbot, private_data_dir):
    window = open_window(qtbot, private_data_dir, SHORT)
    figures_ready(qtbot, window)
    model = window.library.model
    easy = {a: model.profile(a)["1"] for a in (SHORT, LONG)}
    assert easy[SHORT] != easy[LONG]
    by_easy = sorted((SHORT, LONG), key=lambda a: easy_share(model.profile(a)))
    assert shown_order(window, COL_EASY, Qt.SortOrder.AscendingOrder) == by_easy
    assert shown_order(window, COL_EASY, Qt.SortOrder.DescendingOrder) == by_easy[::-1]
    window.view.scroll_to_end()
    window.progress.save_now()  # SHORT read to its end; LONG never opened
    assert shown_order(window, COL_READ, Qt.SortOrder.DescendingOrder) == [SHORT, LONG]
    assert shown_order(window, COL_READ, Qt.SortOrder.AscendingOrder) == [LONG, SHORT]


@pytest.fixture
def imported(tmp_path, private_data_dir, capsys):
    source = tmp_path / "mine.txt"
    source.write_text("我們學習中文。\n\n我們在學校學習。\n", encoding="utf-8")
    code, out, err = run_cli(capsys, private_data_dir, "import", str(source))
    assert code == 0, err
    return out.strip()


def test_a_second_start_reads_the_profiles_from_the_cache_and_a_changed_text_is_counted_again(
    qtbot, private_data_dir, imported, monkeypatch
):
    window = open_window(qtbot, private_data_dir, SHORT)
    figures_ready(qtbot, window)
    first = window.library.model.profile(imported)
    assert first is not None
    window.close()

    counted = []
    counting = profiles.running_counts

    def spy(paragraphs):
        counted.append(1)
        return counting(paragraphs)

    monkeypatch.setattr(profiles, "running_counts", spy)
    again = open_window(qtbot, private_data_dir, SHORT)
    figures_ready(qtbot, again)
    assert again.library.model.profile(imported) == first and counted == []  # nothing annotated
    again.close()

    changed = f"覆蓋率很高。{uuid.uuid4().hex}\n"  # a text no test has counted before
    with again.context.store.transaction() as db:  # the text changes under its id
        db.execute("UPDATE articles SET text = ? WHERE id = ?", (changed, imported))
    third = open_window(qtbot, private_data_dir, SHORT)
    figures_ready(qtbot, third)
    assert counted == [1]  # that text alone worked out again
    assert third.library.model.profile(imported)["beyond"] > first["beyond"] == 0


def test_a_deleted_article_keeps_its_place_in_the_trash_and_loses_it_when_purged(qtbot, private_data_dir, imported):
    window = open_window(qtbot, private_data_dir, imported)
    window.progress.save_now()
    store = window.context.store
    assert ReadingProgress(store).of(imported) is not None
    assert window.entries.delete(imported, confirm=lambda *_: True)
    assert window.library.model.row_of(imported) == -1
    assert window.entries.restore(imported)
    assert ReadingProgress(store).of(imported) is not None and cell(window, imported, COL_READ) == "100%"
    store.delete_article(imported)
    assert ReadingProgress(store).of(imported) is None
