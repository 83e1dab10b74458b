"""Find in a text: scripts, glossary variants and Latin case all match; hits never overlap."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.find import find_all
from app.core.glossary import ChineseTerm, Concept, Glossary
from app.core.scripts import simplified_shadow

PUTIN = Concept(
    "vladimir-putin", "person", ("Vladimir Putin",), (ChineseTerm("普京", ("CN", "HK")), ChineseTerm("普丁", ("TW",)))
)
TRUMP = Concept(
    "donald-trump",
    "person",
    ("Donald Trump",),
    (ChineseTerm("特朗普", ("CN",)), ChineseTerm("川普", ("TW",)), ChineseTerm("特朗普", ("HK",))),
)
NEBENZIA = Concept(
    "vassily-nebenzia",
    "person",
    ("Vassily Nebenzia",),
    (ChineseTerm("瓦西里·涅边贾", ("CN",)), ChineseTerm("瓦西里‧涅邊賈", ("TW",))),
)
GLOSSARY = Glossary.of([PUTIN, TRUMP, NEBENZIA])


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each hit in brackets, so expectations read as text."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], "[", text[start:end], "]"]
        last = end
    return "".join(out + [text[last:]])


@pytest.mark.parametrize(
    "text, query, expected",
    [
        # scripts: either script of the query finds either script in the text
        ("普丁與川普會晤；普丁說", "普丁", "[普丁]與川普會晤；[普丁]說"),
        ("歐洲協調與欧洲协调", "协调", "歐洲[協調]與欧洲[协调]"),
        ("歐洲協調與欧洲协调", "協調", "歐洲[協調]與欧洲[协调]"),
        # glossary: any form of the query's concept, in either script
        ("普京和普丁，還有普丁", "普京", "[普京]和[普丁]，還有[普丁]"),
        ("普京和普丁", "普丁", "[普京]和[普丁]"),
        ("川普、特朗普與特朗普", "川普", "[川普]、[特朗普]與[特朗普]"),
        ("川普、特朗普", "特朗普", "[川普]、[特朗普]"),
        # middle dots differ by source but count as one
        ("大使瓦西里•涅邊賈表示", "瓦西里·涅边贾", "大使[瓦西里•涅邊賈]表示"),
        # part of a term is searched literally: no variants for 普 alone
        ("普京和普丁", "京", "普[京]和普丁"),
        # Latin letters ignore case; the query is trimmed
        ("Putin met PUTIN and putin", " putin ", "[Putin] met [PUTIN] and [putin]"),
        ("NATO 北約 nato", "Nato", "[NATO] 北約 [nato]"),
        # hits never overlap: the first wins, then the longest
        ("aaaa", "aa", "[aa][aa]"),
        ("哈哈哈", "哈哈", "[哈哈]哈"),
        # nothing to find
        ("普丁", "", "普丁"),
        ("普丁", "   ", "普丁"),
        ("", "普丁", ""),
        ("普丁", "川普", "普丁"),
        # regex characters in the query are plain text
        ("a.b a*b (x)", ".", "a[.]b a*b (x)"),
        ("a.b a*b (x)", "(x)", "a.b a*b [(x)]"),
    ],
)
def test_find_all(text, query, expected):
    assert marked(text, find_all(text, query, GLOSSARY)) == expected


def test_without_a_glossary_only_scripts_and_case_widen_the_search():
    assert marked("普京和普丁", find_all("普京和普丁", "普京", None)) == "[普京]和普丁"


def test_a_character_the_shadow_converts_by_phrase_is_still_found_as_written():
    # 乾隆 keeps its 乾 in the shadow while 乾 alone becomes 干: the text itself is searched too.
    text = "乾隆年間，天乾物燥"
    assert simplified_shadow("乾") != "乾"
    assert marked(text, find_all(text, "乾", None)) == "[乾]隆年間，天[乾]物燥"


def test_a_given_shadow_is_used_and_checked():
    text = "歐洲協調"
    assert find_all(text, "协调", None, shadow=simplified_shadow(text)) == [(2, 4)]
    with pytest.raises(ValueError):
        find_all(text, "协调", None, shadow="短")


@given(st.text(alphabet="普京丁川特朗aA ·‧", max_size=40), st.text(alphabet="普京丁川特朗aA", min_size=1, max_size=3))
def test_hits_are_sorted_in_range_and_apart(text, query):
    spans = find_all(text, query, GLOSSARY)
    assert spans == sorted(spans)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))


def test_every_plain_occurrence_is_found():
    text = "孫悟空道：悟空在此。" * 100
    assert len(find_all(text, "悟空", None)) == 200
