"""Reading progress: paragraphs read, the share read, and the place followed to its paragraph."""

import pytest

from app.core.reading_progress import ReadingPlace, followed, paragraphs_read, share_read


@pytest.mark.parametrize(
    "top, at_end, total, read",
    [
        (0, False, 10, 0),  # the first paragraph at the top: none read yet
        (4, False, 10, 4),  # four scrolled past the top
        (7, True, 10, 10),  # at the end: the last screen's paragraphs count too
        (0, True, 3, 3),  # a text that fits on the screen, read once shown
        (12, False, 10, 10),  # never more than the text has
    ],
)
def test_paragraphs_read(top, at_end, total, read):
    assert paragraphs_read(top, at_end, total) == read


@pytest.mark.parametrize("read, total, share", [(0, 8, 0.0), (3, 8, 0.375), (8, 8, 1.0), (9, 8, 1.0), (1, 3, 0.3333)])
def test_share_read(read, total, share):
    assert share_read(read, total) == share


def place(paragraph, mark):
    return ReadingPlace(paragraph, 0.5, mark, False, paragraph)


@pytest.mark.parametrize(
    "paragraph, mark, marks, expected",
    [
        (2, "c", ["a", "b", "c", "d"], 2),  # the text as it was
        (2, "c", ["new", "a", "b", "c", "d"], 3),  # a paragraph inserted above: it moved down
        (2, "c", ["b", "c", "d"], 1),  # one removed above: up
        (1, "x", ["x", "a", "b", "x"], 0),  # two with its text: the nearest
        (2, "gone", ["a", "b", "c", "d"], 2),  # its text is gone: the same index
        (9, "gone", ["a", "b"], 1),  # ...within the text as it is now
    ],
)
def test_the_place_follows_its_paragraph(paragraph, mark, marks, expected):
    assert followed(place(paragraph, mark), marks) == expected
