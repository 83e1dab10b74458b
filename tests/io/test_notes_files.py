"""Notes files written by dump_notes/write_notes read back to exactly what was written."""

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.notes import Annotation, Note
from app.io.articles.bundled import bundled_articles
from app.io.articles.notes_files import NotesFileError, dump_notes, load_notes, parse_notes, write_notes
from tests.core.strategies import mixed_text

# Characters a TOML writer gets wrong: quotes, backslashes, every kind of line break and
# control (TOML carries the C0 controls and DEL only escaped), a byte order mark, emoji with
# modifiers, Extension B, right-to-left text and bidi controls, non-characters.
TRICKY = (
    '"',
    "'",
    "\\",
    '\\"',
    '"""',
    "'''",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\x08",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "😀",
    "👍🏽",
    "👨\u200d👩\u200d👧",
    "𠀀",
    "𪚥",
    "שלום",
    "مرحبا",
    "\u202e",
    "\u200f",
    "\ufffe",
    "\U0010ffff",
    "[[note]]",
    "\n[[note]]\n",
    "#",
    "=",
)

# Any Unicode but lone surrogates, which no UTF-8 file can hold.
text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",))),
    st.lists(st.sampled_from(TRICKY), max_size=8).map("".join),
    mixed_text,
    st.lists(st.one_of(st.sampled_from(TRICKY), st.characters(exclude_categories=("Cs",))), max_size=30).map("".join),
)
annotation = st.builds(Annotation, text, st.lists(text, max_size=3).map(tuple), st.lists(text, max_size=2).map(tuple))
note = st.builds(Note, st.integers(0, 2**63 - 1), text, text, st.lists(annotation, max_size=3).map(tuple))


def contents(notes):
    return [(n.paragraph, n.fingerprint, n.text, n.annotations) for n in notes]


@settings(max_examples=300, deadline=None)
@given(st.lists(note, max_size=5), text)
def test_any_notes_read_back_the_same(notes, heading):
    written = dump_notes(notes, heading)
    read = parse_notes(written, "x.toml")
    assert contents(read) == contents(notes)
    lines = written.split("\n")
    assert [lines[n.line - 1] for n in read] == ["[[note]]"] * len(notes)  # line numbers are right
    written.encode("utf-8")  # a file can hold it


def test_the_writer_gives_back_the_bundled_files_byte_for_byte():
    for article in bundled_articles():
        path = article.folder / "notes.en.toml"
        original = path.read_text(encoding="utf-8")
        heading = original.split("\n", 1)[0].removeprefix("# ")
        assert dump_notes(load_notes(path), heading) == original


def test_write_notes_replaces_the_file_in_one_step(tmp_path, monkeypatch):
    target = tmp_path / "mine.notes.toml"
    notes = [
        Note(0, "155bc015", 'He said "普丁" \\ 𠀀\n\tthen\x00left', (Annotation("ref", ("vladimir-putin",)),)),
        Note(7, "abcdef12", "שלום 😀"),
    ]
    write_notes(target, notes, "heading\nwith a line break")
    assert contents(load_notes(target)) == contents(notes)
    assert tomllib.loads(target.read_text(encoding="utf-8"))["note"][1]["text"] == "שלום 😀"
    assert target.read_text(encoding="utf-8").startswith("# heading with a line break\n")

    import app.io.atomic as atomic

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "fsync", fail)
    with pytest.raises(OSError):
        write_notes(target, [])
    assert contents(load_notes(target)) == contents(notes)  # the old file, whole
    assert [p.name for p in tmp_path.iterdir()] == ["mine.notes.toml"]  # no temporary left


def test_a_file_with_a_byte_order_mark_and_crlf_lines_reads(tmp_path):
    path = tmp_path / "notes.toml"
    path.write_bytes(b'\xef\xbb\xbf# mine\r\n\r\n[[note]]\r\nparagraph = 2\r\nfingerprint = "ab"\r\ntext = "x"\r\n')
    [read] = load_notes(path)
    assert (read.paragraph, read.fingerprint, read.text, read.line) == (2, "ab", "x", 3)


def test_line_numbers_count_only_line_feeds():
    # A hand-written file may hold U+2028 or NEL unescaped: TOML does not end a line there.
    written = (
        '[[note]]\nparagraph = 0\nfingerprint = "a"\ntext = "x\u2028y\x85z"\n\n[[note]]\nparagraph = 1\n'
        'fingerprint = "b"\ntext = "w"\n'
    )
    assert [(n.text, n.line) for n in parse_notes(written)] == [("x\u2028y\x85z", 1), ("w", 6)]


@pytest.mark.parametrize(
    "content, message",
    [
        ('[[note]]\nparagraph = 0\ntext = "x\n', r"notes.toml:3: not valid TOML"),
        ('[[note]]\nparagraph = 0\nfingerprint = "a"\ntext = "A"\r\r\n', r"notes.toml:4: not valid TOML"),
        (
            '[[note]]\nparagraph = 0\nfingerprint = "a"\n',
            r"notes.toml:1: a note needs paragraph, fingerprint and "
            r"text \(a number from 0 and two strings; found paragraph = "
            r"int, fingerprint = str, no text\)",
        ),
        ('\n[[note]]\nparagraph = "0"\nfingerprint = "a"\ntext = "A"\n', r"notes.toml:2: a note needs"),
        ('[[note]]\nparagraph = -1\nfingerprint = "a"\ntext = "A"\n', r"notes.toml:1: a note needs"),
        ('[[note]]\nparagraph = true\nfingerprint = "a"\ntext = "A"\n', r"notes.toml:1: a note needs"),
        ('[[note]]\nparagraph = 0\nfingerprint = 155\ntext = "A"\n', r"notes.toml:1: a note needs"),
        (
            '[[note]]\nparagraph = 0\nfingerprint = "a"\ntext = "A"\nannotations = "x"\n',
            r"notes.toml:1: `annotations` must be a list",
        ),
        (
            '[[note]]\nparagraph = 0\nfingerprint = "a"\ntext = "A"\nannotations = [{ concepts = "c", text = "t" }]\n',
            r"notes.toml:1: an annotation needs text",
        ),
        (
            '[[note]]\nparagraph = 0\nfingerprint = "a"\ntext = "A"\nannotations = [{ concepts = [] }]\n',
            r"notes.toml:1: an annotation needs text",
        ),
        (
            '[[note]]\nparagraph = 0\nfingerprint = "a"\ntext = "A"\nannotations = ["t"]\n',
            r"notes.toml:1: an annotation needs text",
        ),
        (
            '[[note]]\nparagraph = 0\nfingerprint = "a"\ntext = "A"\nannotations = [{ text = "t", sources = "ICJ" }]\n',
            r"notes.toml:1: an annotation's sources must be a list of strings",
        ),
        ("note = 3\n", r"notes.toml:1: `note` must be \[\[note\]\] tables"),
        ('note = ["x"]\n', r"notes.toml:1: `note` must be \[\[note\]\] tables"),
    ],
)
def test_a_broken_file_is_one_line_naming_file_and_line(tmp_path, content, message):
    path = tmp_path / "notes.toml"
    path.write_bytes(content.encode("utf-8"))
    with pytest.raises(NotesFileError, match=message) as caught:
        load_notes(path)
    assert "\n" not in str(caught.value)


def test_an_unreadable_file_is_one_line(tmp_path):
    path = tmp_path / "notes.toml"
    path.write_bytes(b'[[note]]\ntext = "\xff"\n')
    with pytest.raises(NotesFileError, match=r"^notes.toml:0: cannot be read \('utf-8' codec"):
        load_notes(path)
    with pytest.raises(NotesFileError, match=r"^missing.toml:0: cannot be read"):
        load_notes(tmp_path / "missing.toml")
    with pytest.raises(NotesFileError, match=r"^mine:0: cannot be read"):
        load_notes(tmp_path, name="mine")  # a folder


def test_an_empty_file_has_no_notes():
    assert parse_notes("") == [] and dump_notes([]) == ""
