"""The cached style table gives exactly what pypinyin's converters give."""

import pytest

from app.core import reading_styles
from app.core.readings import convert_reading


@pytest.mark.parametrize("numbered", ["zhong1", "lv4", "le5", "nv3", "er2", "yin2", "xiong2", "lve4"])
@pytest.mark.parametrize("style", ["marks", "numbers", "zhuyin"])
def test_the_table_agrees_with_pypinyin(numbered, style):
    assert reading_styles.style_reading(numbered, style) == convert_reading(numbered, style)


def test_the_table_is_kept_in_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(reading_styles, "_table", None)
    reading_styles.set_cache_dir(tmp_path)
    try:
        assert reading_styles.style_reading("pu3", "marks") == "pǔ"
        assert list(tmp_path.glob("reading-styles-*.marshal"))
        monkeypatch.setattr(reading_styles, "_build", lambda: pytest.fail("rebuilt although cached"))
        monkeypatch.setattr(reading_styles, "_table", None)
        assert reading_styles.style_reading("ding1", "zhuyin") == "ㄉㄧㄥ"
    finally:
        reading_styles.set_cache_dir(None)
