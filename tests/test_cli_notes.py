"""`notes export|import`: the user's notes on an article out to a notes file and back in."""

import pytest

from app.core.notes import Note, fingerprint
from app.io.articles.notes_files import dump_notes, load_notes, parse_notes
from app.io.paths import resolve
from app.services.context import AppContext
from app.services.documents import Documents
from tests.helpers import run_cli as run

ARTICLE = "prospect-alaska-northeast-asia"  # 8 paragraphs, each with a bundled note
TEXT = "普丁與川普在阿拉斯加會晤。\n\n歐洲協調的當代版本。\n"


def paragraphs(home, article_id=ARTICLE):
    documents = Documents(AppContext(resolve(home)))
    article = documents.article(article_id)
    return [article.text[a:b] for a, b in documents.spans(article.text)]


def add_note(home, paragraph, text, article_id=ARTICLE):
    store = AppContext(resolve(home)).store
    store.set_user_note(article_id, paragraph, fingerprint(paragraphs(home, article_id)[paragraph]), text)


def user_notes(home, article_id=ARTICLE):
    return [(n.paragraph, n.fingerprint, n.text) for n in AppContext(resolve(home)).store.user_notes(article_id)]


def test_export_writes_the_users_notes_in_the_notes_file_format(capsys, tmp_path):
    home = tmp_path / "home"
    add_note(home, 2, 'Mine: "quoted", a \\ backslash,\nand a second line 😀')
    add_note(home, 5, "Another.")
    code, out, err = run(capsys, home, "notes", "export", ARTICLE)
    assert code == 0 and err == ""
    assert out.startswith(f"# Notes on {ARTICLE} (")
    assert [(n.paragraph, n.fingerprint, n.text) for n in parse_notes(out)] == user_notes(home)

    code, out, _ = run(capsys, home, "notes", "export", ARTICLE, "-o", str(tmp_path / "mine.toml"))
    assert (code, out) == (0, f"wrote 2 notes to {tmp_path / 'mine.toml'}\n")
    assert [(n.paragraph, n.text) for n in load_notes(tmp_path / "mine.toml")] == [
        (2, user_notes(home)[0][2]),
        (5, "Another."),
    ]


def test_export_all_puts_the_users_notes_over_the_bundled_ones(capsys, tmp_path):
    home = tmp_path / "home"
    add_note(home, 2, "Mine.")
    code, out, _ = run(capsys, home, "notes", "export", ARTICLE, "--all")
    notes = parse_notes(out)
    documents = Documents(AppContext(resolve(home)))
    bundled = documents.bundled_notes(documents.article(ARTICLE))
    assert [n.paragraph for n in notes] == list(range(8))
    assert notes[2].text == "Mine." and notes[2].annotations == ()
    assert [(n.text, n.annotations) for n in notes[:2]] == [(n.text, n.annotations) for n in bundled[:2]]
    assert all(n.fingerprint == fingerprint(p) for n, p in zip(notes, paragraphs(home)))


def test_export_without_notes_is_a_file_with_none(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path / "home", "notes", "export", ARTICLE)
    assert code == 0 and out.count("\n") == 1 and out.startswith("#") and parse_notes(out) == []


def test_notes_go_from_one_library_to_another(capsys, tmp_path):
    source = tmp_path / "mine.txt"
    source.write_text(TEXT, encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    _, first_id, _ = run(capsys, first, "import", str(source))
    _, second_id, _ = run(capsys, second, "import", str(source))
    first_id, second_id = first_id.strip(), second_id.strip()
    add_note(first, 0, "Putin met Trump.", first_id)
    add_note(first, 1, "The Concert of Europe.\tTab\x00and NUL.", first_id)
    run(capsys, first, "notes", "export", first_id, "-o", str(tmp_path / "notes.toml"))

    code, out, err = run(capsys, second, "notes", "import", second_id, str(tmp_path / "notes.toml"))
    assert (code, out, err) == (0, "notes.toml: 2 notes imported, 0 skipped\n", "")
    assert user_notes(second, second_id) == user_notes(first, first_id)
    view = Documents(AppContext(resolve(second)))
    shown = view.notes(view.article(second_id))
    assert [(i, [n.source for n in shown[i]]) for i in sorted(shown)] == [(0, ["user"]), (1, ["user"])]


def test_import_skips_notes_whose_paragraph_changed_and_reports_each(capsys, tmp_path):
    home = tmp_path / "home"
    texts = paragraphs(home)
    notes = [
        Note(0, fingerprint(texts[0]), "Kept."),
        Note(1, fingerprint("another text"), "Stale."),
        Note(9, fingerprint(texts[0]), "Past the end."),
        Note(0, fingerprint(texts[0]), "Second on paragraph 0."),
        Note(3, fingerprint(texts[3]), "   "),
        Note(4, fingerprint(texts[4]), "Kept too.", ()),
    ]
    path = tmp_path / "notes.toml"
    path.write_text(dump_notes(notes), encoding="utf-8")
    code, out, _ = run(capsys, home, "notes", "import", ARTICLE, str(path))
    assert code == 0
    assert out.splitlines() == [
        "notes.toml:7: paragraph 1 changed since the note was written",
        "notes.toml:13: no paragraph 9 (the article has 8, from 0)",
        "notes.toml:19: a second note for paragraph 0 (the first is at line 1)",
        "notes.toml:25: the note for paragraph 3 has no text",
        "notes.toml: 2 notes imported, 4 skipped",
    ]
    assert [(p, t) for p, _, t in user_notes(home)] == [(0, "Kept."), (4, "Kept too.")]


def test_import_leaves_annotations_out_and_says_so(capsys, tmp_path):
    home = tmp_path / "home"
    bundled = tmp_path / "bundled.toml"
    run(capsys, home, "notes", "export", ARTICLE, "--all", "-o", str(bundled))
    code, out, _ = run(capsys, home, "notes", "import", ARTICLE, str(bundled))
    annotations = sum(len(n.annotations) for n in load_notes(bundled))
    assert (
        out == f"bundled.toml: 8 notes imported, 0 skipped, {annotations} annotations left out "
        "(your notes hold text only)\n"
    )
    assert len(user_notes(home)) == 8


@pytest.mark.parametrize(
    "content, message",
    [
        ('[[note]]\nparagraph = 0\nfingerprint = "x"\ntext = "unclosed\n', "duben: notes.toml:4: not valid TOML"),
        (
            '[[note]]\nparagraph = 0\nfingerprint = "x"\ntext = "A"\n\n[[note]]\nparagraph = 1\n',
            "duben: notes.toml:6: a note needs paragraph, fingerprint and text",
        ),
    ],
)
def test_a_broken_file_is_refused_in_one_line_and_changes_nothing(capsys, tmp_path, content, message):
    home = tmp_path / "home"
    add_note(home, 1, "Before the import.")
    before = user_notes(home)
    texts = paragraphs(home)
    # Valid notes come first: none of them may land when a later one is broken.
    good = dump_notes([Note(0, fingerprint(texts[0]), "New."), Note(1, fingerprint(texts[1]), "Replaced.")])
    path = tmp_path / "notes.toml"
    path.write_text(content + "\n" + good, encoding="utf-8")
    code, out, err = run(capsys, home, "notes", "import", ARTICLE, str(path))
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1
    assert user_notes(home) == before


def test_unknown_articles_and_files_are_one_line(capsys, tmp_path):
    home = tmp_path / "home"
    code, _, err = run(capsys, home, "notes", "export", "no-such-article")
    assert (code, err) == (2, "duben: no-such-article: no article with this id, and no such file\n")
    code, _, err = run(capsys, home, "notes", "import", ARTICLE, str(tmp_path / "missing.toml"))
    assert code == 2 and err.startswith("duben: missing.toml:0: cannot be read (") and err.count("\n") == 1
    code, _, err = run(capsys, home, "notes", "export", ARTICLE, "-o", str(tmp_path / "no" / "such.toml"))
    assert (code, err) == (2, f"duben: {tmp_path / 'no'}: no such folder\n")


def test_set_user_notes_is_one_transaction(tmp_path):
    store = AppContext(resolve(tmp_path / "home")).store
    store.set_user_notes("a", [Note(0, "f0", "zero"), Note(1, "f1", "one")])
    with pytest.raises(AttributeError):
        store.set_user_notes("a", [Note(0, "f0", "changed"), Note(2, "f2", None)])  # fails on the second
    assert [n.text for n in store.user_notes("a")] == ["zero", "one"]
    store.set_user_notes("a", [Note(0, "f0", ""), Note(1, "f1", "uno")])  # empty text removes, as set_user_note
    assert [(n.paragraph, n.text) for n in store.user_notes("a")] == [(1, "uno")]
