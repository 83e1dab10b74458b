"""Look-up at a position: the glossary concept first, then CC-CEDICT longest first, then the character."""

import pytest

from app.core.lookup import look_up
from app.io.paths import resolve
from app.services.context import AppContext


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    ctx = AppContext(resolve(tmp_path_factory.mktemp("home")))
    ctx.cedict.ensure()
    return ctx


def test_a_glossary_name_comes_first_with_its_variant_and_other_forms(context):
    text = "川普和普丁在阿拉斯加會面"
    result = look_up(text, text.index("普丁") + 1, context.glossary, context.cedict)
    hit = result.concepts[0]
    assert hit.concept.id == "vladimir-putin" and hit.found.text == "普丁"
    assert hit.variant_label() == "TW form; CN/HK form 普京; TW form 普亭; TW form 普欽"
    assert result.entries[0].traditional == "普丁" and "TW" in result.entries[0].regions
    assert result.characters[0][0] == "丁"


def test_dictionary_entries_run_longest_first_down_to_the_character(context):
    text = "國際刑事法院發出逮捕令"
    result = look_up(text, 0, context.glossary, context.cedict)
    lengths = [len(e.traditional) for e in result.entries]
    assert lengths == sorted(lengths, reverse=True) and lengths[-1] == 1
    assert result.concepts[0].concept.id == "international-criminal-court"


def test_a_word_outside_the_glossary_still_gets_cedict(context):
    text = "他去銀行"
    result = look_up(text, 2, context.glossary, context.cedict)
    assert result.concepts == () and result.entries[0].traditional == "銀行"


def test_out_of_range_positions_find_nothing(context):
    assert look_up("字", 5, context.glossary, context.cedict).entries == ()
