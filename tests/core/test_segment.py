"""Tests of the segmentation stage: words of real sentences in both scripts, glossary words that
compete instead of being forced, the span invariant."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.segment import WINDOW
from tests.core.strategies import chinese_char, mixed_text
from tests.helpers import make_segmenter

# Glossary forms as the bundled glossary has them: some Traditional, one given in Simplified.
USER_WORDS = ["普丁", "普京", "澤倫斯基", "泽连斯基", "歐洲協調", "雅尔达会议", "歐盟", "美國", "盟邦", "阿拉斯加"]


@pytest.fixture(scope="module")
def segmenter():
    return make_segmenter(USER_WORDS)


@pytest.fixture(scope="module")
def plain():
    return make_segmenter()


def words(segmenter, text, script="auto"):
    return "|".join(text[a:b] for a, b in segmenter.spans(text, script))


@pytest.mark.parametrize(
    "text, expected",
    [
        # Traditional (Taiwan)
        ("普丁與川普在阿拉斯加會晤", "普丁|與|川普|在|阿拉斯加|會晤"),
        ("澤倫斯基前往布魯塞爾", "澤倫斯基|前往|布魯塞爾"),
        ("歐洲協調的當代版", "歐洲協調|的|當代|版"),
        ("雅爾達會議決定了戰後秩序", "雅爾達會議|決定|了|戰後|秩序"),
        ("我們明天去銀行辦理手續", "我們|明天|去|銀行|辦理|手續"),
        ("台灣的總統府位於台北市", "台灣|的|總統府|位於|台北市"),
        ("颱風明天將登陸臺灣東部", "颱風|明天|將|登陸|臺灣|東部"),
        # Simplified: the same reader, not cut into single characters
        ("我们今天去银行办事，银行的长期利率又调高了。", "我们|今天|去|银行|办事|，|银行|的|长期|利率|又|调高|了|。"),
        ("国务院总理李强在北京会见了普京。", "国务院|总理|李强|在|北京|会见|了|普京|。"),
        ("普京与泽连斯基在雅尔达会议上", "普京|与|泽连斯基|在|雅尔达会议|上"),
        ("他在电脑上安装了新的软件", "他|在|电脑|上|安装|了|新|的|软件"),
    ],
)
def test_words_of_sentences(segmenter, text, expected):
    assert words(segmenter, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A term inside other words is not forced: 歐盟 and 美國 are terms, and lose here.
        ("美對烏政策立場轉變引發亞歐盟邦安全焦慮", "美|對|烏|政策|立場|轉變|引發|亞歐|盟邦|安全|焦慮"),
        ("亞歐盟邦", "亞歐|盟邦"),
        ("北美國家", "北美|國家"),
        ("北美国家", "北美|国家"),
        # ...and wins where it is the word.
        ("歐盟對俄羅斯實施制裁", "歐盟|對|俄羅斯|實施|制裁"),
        ("美國總統川普", "美國|總統|川普"),
    ],
)
def test_glossary_words_compete_in_the_best_path(segmenter, text, expected):
    assert words(segmenter, text) == expected


def test_glossary_words_of_either_script_are_words_in_both(plain):
    text = "斯維爾德洛夫斯克和涅边贾在雅爾達，斯维尔德洛夫斯克和涅邊賈在雅尔达"
    before = words(plain, text).split("|")
    assert "斯維爾德洛夫斯克" not in before and "涅边贾" not in before
    seg = make_segmenter(["斯維爾德洛夫斯克", "涅边贾"])
    after = words(seg, text).split("|")
    for term in ("斯維爾德洛夫斯克", "斯维尔德洛夫斯克", "涅边贾", "涅邊賈"):
        assert term in after, (term, after)


def test_a_glossary_word_does_not_cut_real_words_apart():
    # Forced, 會晤雅 would take 雅 from 雅典人; competing, it loses to 會晤|雅典人.
    seg = make_segmenter(["會晤雅"])
    assert words(seg, "在阿拉斯加會晤雅典人") == "在|阿拉斯加|會晤|雅典人"


def test_user_words_with_white_space_are_ignored():
    seg = make_segmenter(["新 北", "x"])
    assert words(seg, "新 北市") == "新| |北市"


def test_forcing_the_script(segmenter):
    # 干 alone is both scripts' character; forced to read as Simplified text the line is
    # read through its Traditional form, and the other way round, and both agree here.
    text = "后来他们去了银行"
    assert words(segmenter, text, "simplified") == words(segmenter, text) == "后来|他们|去|了|银行"
    assert words(segmenter, "後來他們去了銀行", "traditional") == "後來|他們|去|了|銀行"


@pytest.mark.parametrize(
    "text, expected",
    [
        # numbers with separators stay whole, so do Latin words; every white space run is one span
        ("人口有16,250人，增長3.5%", "人口|有|16,250|人|，|增長|3.5%"),
        ("使用 Python 與 ABC  寫", "使用| |Python| |與| |ABC|  |寫"),
        ("標題\r\n\t正文", "標題|\r\n\t|正文"),
        ("全形ＡＢＣ１２３", "全形|ＡＢＣ|１２３"),
        # outside jieba's Han range: Extension B, emoji, an ideographic variation sequence
        ("𠀀𠀁好", "𠀀|𠀁|好"),
        ("好😀", "好|😀"),
        ("葛\U000e0100亮", "葛\U000e0100|亮"),
        ("e\u0301t\u200dé", "e\u0301|t\u200d|é"),
        ("", ""),
        ("   ", "   "),
    ],
)
def test_odd_characters(plain, text, expected):
    assert words(plain, text) == expected


def check_spans(text, spans):
    assert all(a < b for a, b in spans), spans
    assert [a for a, _ in spans] == [0] + [b for _, b in spans[:-1]] if spans else text == "", spans
    assert (spans[-1][1] if spans else 0) == len(text)
    for a, b in spans:
        piece = text[a:b]
        # white space is never glued to anything else
        assert piece.isspace() or not any(ch.isspace() for ch in piece), (piece, text)


odd_text = st.one_of(
    st.text(),
    st.text(chinese_char),
    mixed_text,
    st.text(st.characters(codec=None, blacklist_categories=()), max_size=20),  # lone surrogates too
)


@settings(max_examples=400, deadline=None)
@given(odd_text)
def test_spans_cover_any_string(segmenter, text):
    check_spans(text, segmenter.spans(text))


@settings(max_examples=100, deadline=None)
@given(odd_text, st.sampled_from(["simplified", "traditional"]))
def test_a_forced_script_keeps_coverage(segmenter, text, script):
    check_spans(text, segmenter.spans(text, script))


@settings(max_examples=50, deadline=None)
@given(st.lists(odd_text, max_size=6))
def test_many_lines_at_once_are_each_line_alone(segmenter, lines):
    lines = [line.replace("\n", " ") for line in lines]
    assert segmenter.spans_many(lines) == [segmenter.spans(line) for line in lines]


def test_long_paragraph_and_white_space_runs(segmenter):
    text = "三國演義　第一回\n" + "宴桃園豪傑三結義，斬黃巾英雄首立功。" * 3000 + " \u3000\t"
    assert len(text) > 2 * WINDOW  # read in windows
    spans = segmenter.spans(text)
    check_spans(text, spans)
    assert text[spans[-1][0] :] == " \u3000\t"
    # the same sentence is cut the same way in every window
    assert {text[a:b] for a, b in spans} >= {"桃園", "豪傑", "英雄"}


def test_a_long_paragraph_without_any_punctuation_is_covered(plain):
    text = "一二三四五六七八九十" * (WINDOW // 4)
    check_spans(text, plain.spans(text))


def test_the_glossary_terms_are_converted_as_each_term_alone(plain):
    # term_forms converts all the terms in one call, a line each; each must come back as
    # converting it alone gives, in every shadow the lexicons and the cache keys use.
    from app.core.scripts import mainland_shadow, simplified_shadow, traditional_shadow
    from app.core.term_forms import term_forms
    from app.io.glossary.files import load_glossary

    words = load_glossary().glossary.user_words()
    terms = sorted({w.strip() for w in words if len(w.strip()) > 1 and not any(c.isspace() for c in w.strip())})
    forms = term_forms(words)
    assert sorted(forms) == terms
    for term in terms:
        alone = {term, traditional_shadow(term), simplified_shadow(term), mainland_shadow(term)}
        assert forms[term] == alone, term
