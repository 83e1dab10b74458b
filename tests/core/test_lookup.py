"""Searching CC-CEDICT by meaning: which entries answer an English word, and how well."""

import pytest

from app.core.lookup import english_rank


@pytest.mark.parametrize(
    ("senses", "query", "rank"),
    [
        (["bank"], "bank", 0),
        (["to hang (down)"], "hang", 0),
        (["to hang (down)"], "to hang", 0),
        (["Bank of China"], "bank", 1),
        (["river bank", "shore"], "bank", 2),
        (["embankment"], "bank", None),
        (["bankrupt"], "bank", None),
        (["bank-note"], "bank", None),
        (["raised ground", "(dialect) bank"], "bank", 0),
        (["bank; shore; beach"], "bank", 0),
        (["shore; bank of a river"], "bank", 1),
        ([], "bank", None),
        (["bank"], "  ", None),
    ],
)
def test_english_rank(senses, query, rank):
    assert english_rank(senses, query) == rank
