"""A handout paragraph in lines of word boxes, and a note wrapped to its column: the rules a printed page keeps."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.text import PUNCT, SPACE, WORD
from app.io.articles.handout_layout import CLOSING, TEXT, Choices, note_lines, paragraph_lines
from tests.helpers import annotated_paragraph as paragraph


def measure(which, text):
    """A face where a character is 10 wide and a reading's letter 4 (readings are set smaller)."""
    return len(text) * (10.0 if which == TEXT else 4.0)


def word(text, *readings):
    return (text, WORD, readings or [None] * len(text))


def mark(text):
    return (text, PUNCT, [None] * len(text))


def test_a_closing_mark_takes_its_word_to_the_next_line():
    item = paragraph(word("普丁", "pu3", "ding1"), word("與", "yu3"), word("川普", "chuan1", "pu3"), mark("。"))
    lines = paragraph_lines(item, 62.0, measure, Choices(), gap=2.0)
    assert [[b.text for b in line] for line in lines] == [["普丁", "與"], ["川普", "。"]]
    assert lines[0][0].reading == "Pǔdīng" or lines[0][0].reading == "pǔdīng"


def test_an_opening_mark_never_ends_a_line():
    item = paragraph(word("說", "shuo1"), mark("「"), word("和平", "he2", "ping2"), mark("」"))
    lines = paragraph_lines(item, 60.0, measure, Choices(), gap=2.0)
    assert [[b.text for b in line] for line in lines] == [["說"], ["「", "和平", "」"]]


def test_a_word_wider_than_the_column_is_cut_between_characters_with_its_readings():
    item = paragraph(word("俄羅斯入侵烏克蘭", "e2", "luo2", "si1", "ru4", "qin1", "wu1", "ke4", "lan2"))
    lines = paragraph_lines(item, 60.0, measure, Choices(), gap=2.0)
    assert "".join(b.text for line in lines for b in line) == "俄羅斯入侵烏克蘭"
    assert all(b.x + b.width <= 60.0 for line in lines for b in line)
    assert [b.reading for line in lines for b in line][0].startswith("é")


def test_readings_follow_the_chosen_style_and_known_words_lose_them():
    item = paragraph(word("和平", "he2", "ping2"), word("戰爭", "zhan4", "zheng1"))
    [line] = paragraph_lines(item, 500.0, measure, Choices(reading="numbers"), gap=2.0)
    assert [b.reading for b in line] == ["he2ping2", "zhan4zheng1"]
    unknown = Choices(reading="unknown", statuses={"和平": "known"})
    [line] = paragraph_lines(item, 500.0, measure, unknown, gap=2.0)
    assert [b.reading for b in line] == ["", "zhànzhēng"]
    above = Choices(reading="above-level", above_level=lambda text: text == "和平")  # from the window's level
    [line] = paragraph_lines(item, 500.0, measure, above, gap=2.0)
    assert [b.reading for b in line] == ["hépíng", ""]


texts = st.lists(
    st.tuples(st.text("中文和平戰爭俄羅斯", min_size=1, max_size=9), st.sampled_from([WORD, PUNCT, SPACE])), max_size=40
)


@settings(max_examples=150, deadline=None)
@given(texts, st.floats(30.0, 300.0))
def test_boxes_never_overlap_and_stay_in_the_column(pieces, width):
    words = []
    for text, kind in pieces:
        if kind == PUNCT:
            words.append(mark("，" if len(text) % 2 else "」"))
        elif kind == SPACE:
            words.append((" ", SPACE, [None]))
        else:
            words.append(word(text, *["zhong1"] * len(text)))
    item = paragraph(*words)
    lines = paragraph_lines(item, width, measure, Choices(), gap=2.0)
    for line in lines:
        for before, after in zip(line, line[1:]):
            assert before.x + before.width <= after.x + 1e-9
        assert line[-1].x + line[-1].width <= width + 1e-9
        assert line[0].kind != SPACE
    assert "".join(b.text for line in lines for b in line).replace(" ", "") == item.text.replace(" ", "")
    # A closing mark opens a line only when its word could not come along (the line's first).
    for previous, line in zip(lines, lines[1:]):
        assert not (line[0].text in CLOSING and len(previous) > 1 and previous[-1].kind == WORD)


def note_measure(text, latin):
    return len(text) * (5.0 if latin else 10.0)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("the war in Ukraine", 45.0, ["the war ", "in ", "Ukraine"]),
        ("傷亡 (casualties) counts", 60.0, ["傷亡 ", "(casualties) ", "counts"]),
        ("https://www.example.org/a/long/path", 60.0, ["https://www.", "example.org/", "a/long/path"]),
    ],
)
def test_a_note_wraps_at_spaces_between_cjk_characters_and_inside_long_addresses(text, width, lines):
    wrapped = note_lines(text, width, note_measure, lambda c: not ("\u4e00" <= c <= "\u9fff"))
    assert ["".join(r.text for r in line) for line in wrapped] == lines
    for line in wrapped:
        assert sum(note_measure(r.text.rstrip(), r.latin) for r in line[-1:]) + line[-1].x <= width
    faces = [(r.text, r.latin) for r in wrapped[0]]
    assert faces[0][1] is ("傷" not in text)


def test_tone_colours_follow_each_piece_of_a_word_cut_across_lines():
    # 4 characters of 10 in a column 25 wide: the word is cut, each piece keeps its syllables' tones.
    item = paragraph(word("烏克蘭人", "wu1", "ke4", "lan2", "ren2"), mark("。"))
    lines = paragraph_lines(item, 25.0, measure, Choices(tones="characters"), gap=2.0)
    boxes = [b for line in lines for b in line if b.kind == WORD]
    assert "".join(b.text for b in boxes) == "烏克蘭人" and len(boxes) > 1
    for b in boxes:
        assert "".join(text for text, _ in b.reading_tones) == b.reading
        assert {t for _, t in b.reading_tones} - {None} == set(b.text_tones)  # each piece its own syllables
    assert [t for b in boxes for t in b.text_tones] == [1, 4, 2, 2]
    [plain] = paragraph_lines(paragraph(word("和平", "he2", "ping2")), 500.0, measure, Choices(), gap=2.0)
    assert plain[0].reading_tones == () and plain[0].text_tones == ()
    [readings] = paragraph_lines(
        paragraph(word("和平", "he2", "ping2")), 500.0, measure, Choices(tones="readings", reading="zhuyin"), gap=2.0
    )
    assert readings[0].reading_tones == (("ㄏㄜˊ", 2), (" ", None), ("ㄆㄧㄥˊ", 2)) and readings[0].text_tones == ()
