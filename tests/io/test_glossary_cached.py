"""The bundled glossary loaded from the cache folder is the one the files give, and never stale."""

from __future__ import annotations

import marshal
import shutil

import pytest

from app.io.glossary.cached import load_glossary_cached
from app.io.glossary.files import BUNDLED_DIR, load_glossary


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "glossary"
    shutil.copytree(BUNDLED_DIR, copy)
    return copy


def _entries(cache):
    return sorted(cache.glob("glossary-*.marshal"))


def test_the_cached_glossary_is_the_parsed_one(tmp_path, folder):
    parsed = load_glossary(folder)
    first = load_glossary_cached(tmp_path / "cache", folder)
    assert len(_entries(tmp_path / "cache")) == 1
    again = load_glossary_cached(tmp_path / "cache", folder)
    assert first == parsed and again == parsed
    assert again.glossary.concepts == parsed.glossary.concepts and len(again.glossary) > 100
    assert again.sources == parsed.sources


def test_an_edited_file_is_read_again_and_the_old_entry_goes(tmp_path, folder):
    cache = tmp_path / "cache"
    load_glossary_cached(cache, folder)
    people = folder / "people.toml"
    people.write_text(people.read_text(encoding="utf-8").replace("Vladimir Putin", "Vladimir V. Putin"), "utf-8")
    edited = load_glossary_cached(cache, folder)
    assert edited.glossary.concepts["vladimir-putin"].english[0] == "Vladimir V. Putin"
    assert edited == load_glossary(folder)
    assert len(_entries(cache)) == 1


def test_problems_are_kept_with_their_lines(tmp_path, folder):
    (folder / "zz-broken.toml").write_text('[[concept]]\nid = "x"\ncategory = "person"\n', "utf-8")
    parsed = load_glossary(folder)
    assert parsed.problems
    load_glossary_cached(tmp_path / "cache", folder)
    assert load_glossary_cached(tmp_path / "cache", folder).problems == parsed.problems


@pytest.mark.parametrize(
    "payload",
    [
        (1, [("x", "person", ["not", "a tuple"], (), "", (), "bundled")], [], {}),
        (1, [("x",)], [], {}),
        (1, [], [("file", "line", "message")], {}),
        (1, [], [], {"x": ("file",)}),
    ],
    ids=["english a list", "short concept", "line not a number", "short source"],
)
def test_an_entry_of_the_right_outline_holding_other_things_is_built_again(tmp_path, folder, payload):
    cache = tmp_path / "cache"
    load_glossary_cached(cache, folder)
    (entry,) = _entries(cache)
    entry.write_bytes(marshal.dumps(payload))
    assert load_glossary_cached(cache, folder) == load_glossary(folder)
    assert marshal.loads(entry.read_bytes()) != payload


def test_a_cache_folder_that_cannot_be_made_still_gives_the_glossary(tmp_path, folder):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    assert load_glossary_cached(blocker / "cache", folder) == load_glossary(folder)
    assert blocker.read_text() == "not a folder"
