"""The cached style table gives exactly what pypinyin's converters give."""

import pytest

from app.core import reading_styles
from app.core.readings import convert_reading


@pytest.mark.parametrize("numbered", ["zhong1", "lv4", "le5", "nv3", "er2", "yin2", "xiong2", "lve4"])
@pytest.mark.parametrize("style", ["marks", "numbers", "zhuyin"])
def test_the_table_agrees_with_pypinyin(numbered, style):
    assert reading_styles.style_reading(numbered, style) == convert_reading(numbered, style)
