"""The window's own import path (on the GUI thread) with files built to hurt: read whole or refused in one line."""

from __future__ import annotations

import pytest

from tests.helpers import open_window
from tests.test_bad_input_imports import CHAPTER, ZH, epub


@pytest.fixture
def window(qtbot, private_data_dir):
    return open_window(qtbot, private_data_dir)


READ = {  # file name: (its bytes, the article's first line)
    "no-toc.epub": (epub([f"<p>{ZH}</p>"], nav_map="<navMap/>"), ZH),
    "nested.epub": (epub(["<div>" * 100_000 + "<p>深處</p>" + "</div>" * 100_000 + f"<p>{ZH}</p>"]), "第一章"),
    "unclosed.html": (("<p>" + "<b>" * 1000 + f"粗體</p><p>{ZH}</p>").encode(), "粗體"),
    "lying-label.html": (f'<meta charset="windows-1252"><p>{ZH}</p>'.encode("cp950"), ZH),
}


@pytest.mark.parametrize("name", READ)
def test_hostile_files_that_are_text_open_in_the_window(qtbot, window, tmp_path, name):
    data, first = READ[name]
    path = tmp_path / name
    path.write_bytes(data)
    with qtbot.waitSignal(window.imports.article_imported, timeout=60_000) as imported:
        assert window.import_file(str(path)) is None
    qtbot.waitUntil(lambda: window.article.id == imported.args[0] and window.document.ready, timeout=60_000)
    assert window.article.text.split("\n", 1)[0] == first and ZH in window.article.text


def test_a_package_that_unpacks_too_large_is_refused_in_the_status_bar(qtbot, window, tmp_path):
    before = window.article.id
    path = tmp_path / "manifest-repeats.epub"
    path.write_bytes(epub([CHAPTER], manifest_repeats=2000))
    message = window.import_file(str(path))
    assert message is not None and message.startswith("manifest-repeats.epub: lists files") and "\n" not in message
    assert window.statusBar().currentMessage() == message and window.article.id == before
