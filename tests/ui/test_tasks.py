"""The background helper: results come back on the GUI thread, stale ones are dropped, failures are
logged with their traceback and shown as one line."""

import logging
import threading

import pytest
from PySide6.QtCore import QThreadPool

from app.ui.tasks import TaskRunner
from tests.helpers import open_window, run_python


@pytest.fixture
def runner(qtbot):
    # The pool is the process's one: background work that an earlier test's window left
    # running (a text annotated for the library's figures) is let finish first, since these
    # tests look at what is running on it.
    QThreadPool.globalInstance().waitForDone(180_000)
    runner = TaskRunner()
    yield runner
    runner.wait()


def test_a_result_arrives_on_the_gui_thread(qtbot, runner):
    seen = []
    runner.submit("sum", lambda: (threading.get_ident(), sum(range(10))), seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    worker, total = seen[0]
    assert total == 45 and worker != threading.get_ident()


def test_a_newer_request_of_the_same_kind_makes_the_older_result_stale(qtbot, runner):
    seen = []
    release = threading.Event()
    runner.submit("rows", lambda: release.wait(10) and "old", seen.append)
    runner.submit("rows", lambda: "new", seen.append)
    release.set()
    runner.wait()
    qtbot.waitUntil(lambda: seen == ["new"])


def failing_export():
    raise OSError("No space left on device\nwhile writing the handout")


def test_a_failure_is_logged_with_its_traceback_and_shown_as_one_line(qtbot, runner, caplog):
    errors = []
    with (
        caplog.at_level(logging.ERROR, logger="app.ui.tasks"),
        qtbot.waitSignal(runner.task_failed, timeout=10_000) as blocker,
    ):
        runner.submit("export:handout.pdf", failing_export, lambda _: None, errors.append)
    assert blocker.args == ["export:handout.pdf", "OSError: No space left on device"]
    assert errors == ["OSError: No space left on device"]
    [record] = [r for r in caplog.records if r.name == "app.ui.tasks"]
    assert record.levelno == logging.ERROR and "export:handout.pdf" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is OSError
    assert "Traceback (most recent call last)" in caplog.text and "in failing_export" in caplog.text


def test_a_failed_export_in_the_window_shows_in_the_status_bar(qtbot, private_data_dir, tmp_path, monkeypatch, caplog):
    from PySide6.QtWidgets import QFileDialog

    window = open_window(qtbot, private_data_dir)
    missing = tmp_path / "no such folder" / "handout.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(missing), ""))
    with (
        caplog.at_level(logging.ERROR, logger="app.ui.tasks"),
        qtbot.waitSignal(window.tasks.task_failed, timeout=60_000),
    ):
        window.exports.export_pdf()
    message = window.statusBar().currentMessage()
    assert message.startswith("OutputError: ") and "\n" not in message
    assert message.endswith("handout.pdf: cannot be written (No such file or directory); nothing there was changed")
    assert "Traceback" in caplog.text and "write_handout_pdf" in caplog.text
    assert not missing.exists()


def test_shutdown_waits_for_work_that_must_not_be_lost(qtbot, runner):
    release, written = threading.Event(), []

    def export():
        release.wait(10)
        written.append("the user's file")

    runner.submit("export", export, lambda _: None)
    threading.Timer(0.3, release.set).start()
    assert runner.shutdown() is False  # nothing left running: a normal exit
    assert written == ["the user's file"]


def test_shutdown_leaves_disposable_work_running_and_says_so(qtbot, runner):
    release, started = threading.Event(), threading.Event()

    def annotate():
        started.set()
        release.wait(10)

    runner.submit("rows", annotate, lambda _: None, disposable=True)
    assert started.wait(10)
    try:
        # Returns while the job still runs (it would wait 10 s): the caller ends the process.
        assert runner.shutdown() is True
        assert not release.is_set()
    finally:
        release.set()


def test_a_screenshot_of_a_long_text_ends_without_waiting_for_the_rest(tmp_path):
    # A line of 121,000 characters is 13 paragraphs: the first screen is painted while the
    # others are still being annotated, and the process ends with the PNG written, exit 0.
    text = tmp_path / "long.txt"
    text.write_text("我們今天在這裡說話的人" * 11_000 + "\n", encoding="utf-8")
    home = ("--data-dir", tmp_path / "home")
    code, article, err = run_python("-m", "app", *home, "import", text)
    assert code == 0, err
    shot = tmp_path / "shot.png"
    code, _, err = run_python("-m", "app", *home, "--screenshot", shot, "--article", article.strip())
    assert code == 0, err
    assert shot.stat().st_size > 10_000
