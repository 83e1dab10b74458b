"""The reader window: articles open, toggles change the layout, popups, notes, find, settings."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from app.io.articles.bundled import bundled_articles
from tests.helpers import open_window

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir)


def rows(win):
    return win.view.rows_on_screen()


@pytest.mark.parametrize("article", [a.id for a in bundled_articles()])
def test_each_bundled_article_opens_with_words_readings_and_notes(qtbot, private_data_dir, article):
    win = open_window(qtbot, private_data_dir, article)
    first = rows(win)[0]
    assert not first.pending and any(b.reading for b in first.boxes)
    assert first.notes and first.notes[0].kind == "bundled"
    assert win.windowTitle().startswith(win.article.title)


def test_readings_toggle_changes_what_is_drawn_where(qtbot, private_data_dir):
    # With the dictionary ready, names are capitalised: wait for it, so the test does not race it.
    window = open_window(qtbot, private_data_dir, dictionary=True)
    window.set_option(reading="marks")
    row = rows(window)[1]
    with_pinyin = row.text_height
    assert any(b.reading == "Éguó" for b in row.boxes)  # 俄國, a place
    window.set_option(reading="zhuyin")
    assert any(b.reading == "ㄜˊ ㄍㄨㄛˊ" for b in rows(window)[1].boxes)
    window.set_option(reading="none")
    row = rows(window)[1]
    assert all(b.reading == "" for b in row.boxes) and row.text_height < with_pinyin


def test_unknown_mode_hides_readings_of_known_words(qtbot, window):
    window.context.store.set_word_status("俄國", "known")
    window.words.refresh_statuses()
    window.set_option(reading="unknown")
    boxes = rows(window)[1].boxes
    assert next(b for b in boxes if b.text == "俄國").reading == ""
    assert next(b for b in boxes if b.text == "烏克蘭").reading != ""


def test_script_toggle_redraws_in_simplified_with_original_offsets(qtbot, window):
    window.set_option(script="cn")
    box = next(b for b in rows(window)[1].boxes if b.text == "乌克兰")
    assert window.view.text[box.start : box.end] == "烏克蘭"


def test_notes_column_sits_beside_its_paragraph(qtbot, window):
    for row in rows(window):
        start, end = window.view.spans[row.index]
        expected = [n.text for n in window.view.paragraphs[row.index].notes]
        drawn = [line.layout.text() for line in row.notes if line.kind not in ("annotation", "source")]
        assert drawn == expected
        assert row.height >= max((note.top for note in row.notes), default=0)
    window.set_option(notes=False)
    assert all(r.notes == [] for r in rows(window))


def test_glossary_terms_carry_their_category(qtbot, window):
    boxes = [b for r in rows(window) for b in r.boxes]
    assert ("烏克蘭", "place") in {(b.text, b.category) for b in boxes}


def test_hovering_putin_shows_the_card_with_the_cn_form(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir, "prospect-alaska-northeast-asia")
    qtbot.waitUntil(lambda: win.lookup.dictionary_ready, timeout=60_000)
    target = next((r.index, b.start) for r in rows(win) for b in r.boxes if b.text == "普丁")
    point = win.view.box_center(*target).toPoint()
    qtbot.mouseMove(win.view.viewport(), QPoint(point.x() - 40, point.y()))
    qtbot.mouseMove(win.view.viewport(), point)
    qtbot.waitUntil(lambda: win.popup.isVisible(), timeout=5_000)
    card = win.popup.text()
    assert "Vladimir Putin" in card and "TW form; CN/HK form 普京" in card and "CC-CEDICT" in card
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert not win.popup.isVisible()


def test_clicking_pins_the_card_and_arrow_keys_move_it(qtbot, window):
    target = next((r.index, b.start) for r in rows(window) for b in r.boxes if b.text == "烏克蘭")
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.box_center(*target).toPoint())
    assert "Ukraine" in window.card.toPlainText()
    window.lookup.move_word(1)
    assert window.view.current != target and "Ukraine" not in window.popup.text()


def test_find_matches_across_regional_variants(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir, "prospect-alaska-northeast-asia")  # writes 普丁
    win.find_bar.open()
    win.find_bar.field.setText("普京")
    assert len(win.finder.hits) > 3
    assert {win.view.text[a:b] for a, b in win.finder.hits} == {"普丁"}
    assert win.find_bar.count.text() == f"1 of {len(win.finder.hits)}"


def test_a_user_note_is_saved_undoable_and_survives_a_restart(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir)
    win.notes.edit_note(1, "My own note.")
    assert [n.source for n in win.view.paragraphs[1].notes] == ["user", "bundled"]
    win.undo_stack.undo()
    assert [n.source for n in win.view.paragraphs[1].notes] == ["bundled"]
    win.undo_stack.redo()
    win.close()
    again = open_window(qtbot, private_data_dir)
    assert again.view.paragraphs[1].notes[0].text == "My own note."


def test_toggles_and_the_article_come_back_on_the_next_start(qtbot, private_data_dir):
    win = open_window(qtbot, private_data_dir, "prospect-alaska-northeast-asia")
    win.set_option(reading="zhuyin", font_size=20.0)
    win.close()
    again = open_window(qtbot, private_data_dir)
    assert again.article.id == "prospect-alaska-northeast-asia"
    assert again.view.options.reading == "zhuyin" and again.view.options.font_size == 20.0


def test_importing_a_bad_file_leaves_the_open_article(qtbot, window, tmp_path):
    before = window.article.id
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    message = window.import_file(str(bad))
    assert "bad.txt" in message and "\n" not in message
    assert window.article.id == before


def test_a_long_text_keeps_the_event_loop_turning(qtbot, window, tmp_path):
    path = tmp_path / "long.txt"
    # A text of its own each run: paragraphs a warm cache holds from an earlier run would be
    # ready before the loop had turned a few times, and the test would measure nothing.
    mark = uuid.uuid4().hex
    path.write_text(
        (f"{mark}。" + "俄國自2022年2月全面入侵烏克蘭以來，戰爭持續三年半依然陷入膠著。" * 3000 + "\n\n") * 4,
        encoding="utf-8",
    )
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    assert window.import_file(str(path)) is None
    qtbot.waitUntil(lambda: window.document.ready, timeout=120_000)
    timer.stop()
    assert len(ticks) >= 5
    assert len(window.view.paragraphs) < len(window.view.spans) or len(window.view.spans) <= 4


def test_screenshot_mode_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--data-dir",
            str(tmp_path / "home"),
            "--screenshot",
            str(out),
            "--size",
            "1000x700",
            "--readings",
            "zhuyin",
            "--theme",
            "dark",
            "--popup",
            "普京",
        ],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_screenshot_keeps_nothing_of_the_window_state(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    # The state a user left: the last article, its place, a light theme and pinyin.
    state = "[General]\narticle=newtalk-alaska-concert\nposition=3:0.5000\ntheme=light\nreadings=marks\n"
    (home / "window.ini").write_text(state, encoding="utf-8")
    command = [sys.executable, "-m", "app", "--data-dir", str(home), "--screenshot", str(tmp_path / "s.png")]
    options = ["--article", "prospect-alaska-northeast-asia", "--readings", "zhuyin", "--theme", "dark"]
    result = subprocess.run(command + options, capture_output=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert (home / "window.ini").read_text(encoding="utf-8") == state
    # Without a state file, none is left behind either.
    other = tmp_path / "fresh"
    command = [sys.executable, "-m", "app", "--data-dir", str(other), "--screenshot", str(tmp_path / "t.png")]
    result = subprocess.run(command + options, capture_output=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert not (other / "window.ini").exists()


def test_without_a_display_the_reader_says_so_in_one_line(tmp_path):
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    command = [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "home")]
    result = subprocess.run(command, capture_output=True, cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "--screenshot" in lines[0]


def test_screenshot_of_a_missing_article_fails_with_a_clear_line(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--data-dir",
            str(tmp_path / "home"),
            "--screenshot",
            str(tmp_path / "x.png"),
            "--article",
            str(tmp_path / "nope.txt"),
        ],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 2
    assert "nope.txt" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_the_status_bar_names_the_script_and_names_are_capitalised(qtbot, private_data_dir, tmp_path):
    win = open_window(qtbot, private_data_dir, "prospect-alaska-northeast-asia")
    assert win.script_label.text() == "Traditional"
    qtbot.waitUntil(lambda: win.lookup.dictionary_ready, timeout=60_000)
    qtbot.waitUntil(lambda: any(b.reading == "Pǔdīng" for r in rows(win) for b in r.boxes), timeout=10_000)
    simplified = tmp_path / "simplified.txt"
    simplified.write_text("我们今天去银行办事，银行的长期利率又调高了。\n", encoding="utf-8")
    assert win.open_article(str(simplified))
    qtbot.waitUntil(lambda: win.document.ready, timeout=60_000)
    assert win.script_label.text() == "Simplified"
    boxes = {b.text: b.reading for r in rows(win) for b in r.boxes}
    assert boxes["银行"] == "yínháng" and boxes["长期"] == "chángqī"  # words, not single characters


def test_the_card_uses_the_terms_the_view_holds(qtbot, window, monkeypatch):
    from app.core.glossary import Glossary

    target = next((r.index, b.start) for r in rows(window) for b in r.boxes if b.text == "烏克蘭")
    assert window.view.term_at(*target).concept_id == window.context.glossary.find_term("烏克蘭")[0].id

    def no_matching(*args, **kwargs):
        raise AssertionError("the card looked the terms up again")

    monkeypatch.setattr(Glossary, "matches", no_matching)
    monkeypatch.setattr(Glossary, "paragraph_matches", no_matching)
    window.lookup.pin(*target)
    assert "Ukraine" in window.card.toPlainText() and "[place]" in window.card.toPlainText()


def test_word_statuses_live_in_one_place_and_tint_and_hide_readings(qtbot, window):
    window.set_option(reading="unknown")
    boxes = {b.text: b for r in rows(window) for b in r.boxes}
    assert boxes["戰爭"].reading != ""
    target = next((r.index, b.start) for r in rows(window) for b in r.boxes if b.text == "戰爭")
    window.view.select_word(*target)
    assert window.words.mark_word("known") == "戰爭"
    assert window.words.statuses["戰爭"] == "known" == window.context.store.word_statuses()["戰爭"]
    assert all(b.reading == "" for r in rows(window) for b in r.boxes if b.text == "戰爭")
