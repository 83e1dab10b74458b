"""The library service: texts read for import from files or standard input, stored, found, and searched."""

import io

import pytest

from app.io.textinput import InputError
from app.services.library import (
    add_to_library,
    find_article,
    find_articles,
    import_text,
    read_import,
    search_library,
)

TEXT = "普京與特朗普在阿拉斯加會晤。\n\n歐洲協調的當代版本。\n"


def test_a_file_is_read_for_import_with_its_title_and_format(tmp_path):
    source = tmp_path / "mine.md"
    source.write_text("# 我的文章\n\n" + TEXT, encoding="utf-8")
    imported = read_import(source)
    assert imported.title == "我的文章" and imported.format == "md" and "歐洲協調" in imported.text


def test_standard_input_is_read_as_pasted_utf8_text():
    imported = read_import("-", "貼上的", io.BytesIO(("\ufeff" + TEXT).encode("utf-8")))
    assert imported.title == "貼上的" and imported.text.startswith("普京")


@pytest.mark.parametrize(
    "source, stdin, message",
    [
        ("-", io.BytesIO("普京".encode("big5")), "<stdin>: not valid UTF-8"),
        ("no-such-file.txt", None, "no-such-file.txt"),
    ],
)
def test_what_cannot_be_read_is_one_input_error(tmp_path, source, stdin, message):
    with pytest.raises(InputError, match=message) as error:
        read_import(tmp_path / source if source != "-" else source, None, stdin)
    assert "\n" not in str(error.value)


def test_an_imported_text_is_stored_and_found_by_its_id(context, documents, tmp_path):
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    article_id = import_text(context, read_import(source, "我的"))
    found = find_article(documents, article_id)
    assert (found.id, found.title, found.text) == (article_id, "我的", TEXT)
    assert context.store.article(article_id).meta["paragraphs"] == 2
    assert [a.id for a in find_articles(documents, None)] == [
        "newtalk-alaska-concert",
        "prospect-alaska-northeast-asia",
        article_id,
    ]


def test_an_unknown_article_is_one_input_error(documents):
    with pytest.raises(InputError, match="no-such: no article with this id, and no such file"):
        find_article(documents, "no-such")


def test_search_finds_every_regional_form_across_the_library(context, documents, tmp_path):
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    article_id = import_text(context, read_import(source))
    hits = search_library(documents, " 普丁 ")
    assert {h.form for h in hits} == {"普丁", "普京"} and {h.concept for h in hits} == {"vladimir-putin"}
    assert {h.article for h in hits} == {"newtalk-alaska-concert", "prospect-alaska-northeast-asia", article_id}
    only = search_library(documents, "普丁", [article_id])
    assert [(h.article, h.form, h.paragraph) for h in only] == [(article_id, "普京", 1)]
    with pytest.raises(InputError, match="give a text to look for"):
        search_library(documents, "  ")


def test_the_same_text_imported_again_is_the_article_it_already_is(context, tmp_path):
    first_file, again_file = tmp_path / "mine.txt", tmp_path / "again.md"
    first_file.write_text(TEXT, encoding="utf-8")
    again_file.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-16"))  # another name, encoding, line ends
    first = add_to_library(context, read_import(first_file, "我的"))
    again = add_to_library(context, read_import(again_file))
    assert not first.already and again.already
    assert (again.id, again.title) == (first.id, "我的")
    assert [a.id for a in context.store.articles()] == [first.id]


def test_a_copy_is_imported_when_asked_for(context, tmp_path):
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    first = add_to_library(context, read_import(source))
    copy = add_to_library(context, read_import(source), copy=True)
    assert not copy.already and copy.id != first.id
    assert [a.id for a in context.store.articles()] == [first.id, copy.id]
    # The oldest is the one named when the text comes a third time.
    assert add_to_library(context, read_import(source)).id == first.id


def test_a_bundled_articles_text_is_already_in_the_library(context, tmp_path):
    from app.io.articles.bundled import bundled_article

    bundled = bundled_article("prospect-alaska-northeast-asia")
    source = tmp_path / "saved.txt"
    source.write_text(bundled.text, encoding="utf-8")
    result = add_to_library(context, read_import(source))
    assert result.already and result.id == bundled.id and context.store.articles() == []


def test_an_edited_text_is_a_new_article(context, tmp_path):
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    first = add_to_library(context, read_import(source))
    source.write_text(TEXT.replace("普京", "普丁"), encoding="utf-8")
    assert add_to_library(context, read_import(source)).id != first.id


def test_an_imported_article_is_renamed_and_deleted_to_the_trash_with_its_notes(context, documents):
    from app.core.text import Corrections
    from app.io.articles.importers import read_pasted
    from app.services.library import delete_article, purge_article, rename_article, restore_article, trashed_articles

    article_id = import_text(context, read_pasted(TEXT, "原題"))
    context.store.set_user_note(article_id, 1, "f1", "about Europe")
    context.store.set_corrections(article_id, Corrections(frozenset({2}), frozenset({5}), {0: "pu3"}))
    assert rename_article(context, article_id, "  新題\n ") == "新題"
    assert find_article(documents, article_id).title == "新題"
    deleted = delete_article(context, article_id)
    assert (deleted.title, deleted.notes, deleted.corrections) == ("新題", 1, 3)
    assert article_id not in [s.id for s in documents.summaries()]
    assert [a.id for a in trashed_articles(context)] == [article_id]
    with pytest.raises(InputError, match=f"{article_id}: this article is in the trash; python -m app library restore"):
        find_article(documents, article_id)
    assert restore_article(context, article_id) == "新題"
    assert find_article(documents, article_id).text == TEXT
    assert context.store.user_notes(article_id)[0].text == "about Europe"
    assert purge_article(context, article_id) == "新題" and trashed_articles(context) == []
    assert context.store.user_notes(article_id) == []


@pytest.mark.parametrize(
    "action, message",
    [
        ("rename", "newtalk-alaska-concert: bundled articles come with Duben and cannot be renamed"),
        ("delete", "newtalk-alaska-concert: bundled articles come with Duben and cannot be deleted"),
        ("restore", "newtalk-alaska-concert: it is in the library, not in the trash"),
        ("purge", "newtalk-alaska-concert: bundled articles come with Duben and cannot be deleted"),
    ],
)
def test_bundled_articles_cannot_be_renamed_or_deleted(context, documents, action, message):
    from app.services import library

    calls = {
        "rename": lambda: library.rename_article(context, "newtalk-alaska-concert", "x"),
        "delete": lambda: library.delete_article(context, "newtalk-alaska-concert"),
        "restore": lambda: library.restore_article(context, "newtalk-alaska-concert"),
        "purge": lambda: library.purge_article(context, "newtalk-alaska-concert"),
    }
    with pytest.raises(InputError, match=message):
        calls[action]()
    assert find_article(documents, "newtalk-alaska-concert").title.startswith("美俄")


def test_an_empty_title_or_an_unknown_id_is_one_input_error(context):
    from app.io.articles.importers import read_pasted
    from app.services.library import rename_article, restore_article

    article_id = import_text(context, read_pasted(TEXT, "原題"))
    with pytest.raises(InputError, match=f"{article_id}: give a title that is not empty"):
        rename_article(context, article_id, " \t")
    with pytest.raises(InputError, match="nope: no imported article with this id"):
        rename_article(context, "nope", "x")
    with pytest.raises(InputError, match="nope: no article with this id in the trash"):
        restore_article(context, "nope")
    assert context.store.article(article_id).title == "原題"
