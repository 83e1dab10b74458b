"""The data app.core works with, read by app.io: OpenCC's tables, g2pM's weights, the reading-style
table in the cache folder, each read only when first needed."""

import subprocess
import sys
from pathlib import Path

import pytest

from app.core import opencc_tables, polyphone, reading_styles, scripts
from app.core.provided import Provided
from app.io import core_data

ROOT = Path(__file__).resolve().parents[2]


def test_opencc_configurations_and_dictionaries_come_from_the_package():
    tables = core_data.opencc_files()
    assert tables.chain("t2s") == [["TSPhrases.txt", "TSCharacters.txt"]]
    assert tables.chain("s2twp") == [["STPhrases.txt", "STCharacters.txt"], ["TWPhrases.txt"], ["TWVariants.txt"]]
    assert tables.candidates("STCharacters.txt")["后"] == ["後", "后"]  # the most common first
    assert tables.candidates("TSCharacters.txt")["銀"] == ["银"]
    assert core_data.opencc_files() is tables  # one per process: handing it over again rebuilds nothing


def test_handing_over_the_same_tables_keeps_what_was_built():
    before = scripts.converter("s2t")
    opencc_tables.use_tables(core_data.opencc_files())
    assert scripts.converter("s2t") is before


def test_g2pm_weights_drive_the_model():
    weights = core_data.load_g2pm_weights()
    assert weights.state["embedding.weight"].shape[0] == len(weights.char2idx)
    assert "le5" in weights.cedict["了"]
    model = polyphone.PolyphoneModel(weights)
    assert model.is_polyphone("了") and not model.is_polyphone("銀")
    assert model.predict(["他吃了饭。"], [[2]]) == [["le5"]]


def test_the_reading_table_is_kept_in_the_cache_folder(tmp_path, monkeypatch):
    # a table of its own for the test; the one in use comes back after it
    monkeypatch.setattr(reading_styles, "_table", Provided(reading_styles.build_table))
    reading_styles.use_table(lambda: core_data.load_reading_table(tmp_path))
    assert reading_styles.style_reading("pu3", "marks") == "pǔ"
    assert list(tmp_path.glob("reading-styles-*.marshal"))
    monkeypatch.setattr(reading_styles, "build_table", lambda: pytest.fail("rebuilt although cached"))
    reading_styles.use_table(lambda: core_data.load_reading_table(tmp_path))
    assert reading_styles.style_reading("ding1", "zhuyin") == "ㄉㄧㄥ"


def test_the_reading_tables_are_made_once_into_the_cache_folder(tmp_path, monkeypatch):
    from app.core import reading_tables
    from app.io.reading_data import load_tables

    made = load_tables(tmp_path)
    assert (next(tmp_path.glob("reading-tables-*")) / "done").exists()
    monkeypatch.setattr(reading_tables, "from_pypinyin", lambda: pytest.fail("made again although cached"))
    again = load_tables(tmp_path)
    assert again.phrase("银行") == made.phrase("银行") == ("yin2", "hang2")
    # pypinyin's own cut: 成立了 is a prefix of a phrase but holds none, so it falls apart
    assert again.cut("中华人民共和国成立了") == ["中华人民共和国", "成", "立", "了"]


def test_a_damaged_reading_table_is_built_again(tmp_path):
    (tmp_path / f"reading-styles-{core_data.READING_TABLE_VERSION}.marshal").write_bytes(b"\x00not marshal")
    table = core_data.load_reading_table(tmp_path)
    assert table["lv4"] == ("lǜ", "ㄌㄩˋ")
    assert core_data.load_reading_table(tmp_path) == table  # and the rebuilt one was written back


# Run in a fresh process with an audit hook: which files each command opens.
_OPENED = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(args[0]) if event == "open" and isinstance(args[0], str) else None)
from app.cli import main
code = main(sys.argv[1:])
print("OPENED", *opened, sep="\\n")
sys.exit(code)
"""


def _opened_by(*args: str, home: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", _OPENED, "--data-dir", str(home), *args],
        input="他吃了飯。\n".encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode().split("OPENED\n", 1)[1].splitlines()


def test_segmenting_never_loads_the_polyphone_model_and_reading_does(tmp_path):
    segmenting = _opened_by("segment", home=tmp_path / "a")
    assert not [p for p in segmenting if p.endswith(".pkl") or "reading-styles" in p]
    assert any(p.endswith("TSCharacters.txt") for p in segmenting)  # the check sees what is opened
    reading = _opened_by("pinyin", "--style", "zhuyin", home=tmp_path / "b")
    assert any(p.endswith("np_ckpt.pkl") for p in reading)
    assert any("reading-styles" in p for p in reading)


def test_the_glossary_terms_shadows_are_kept_for_the_next_run(tmp_path, monkeypatch):
    from app.core import term_forms as forms_module
    from app.core.term_forms import term_forms

    saved = core_data.SavedTermForms(tmp_path)
    monkeypatch.setattr(forms_module, "_saved", saved)
    terms = ["普京", "阿拉斯加", "極音速飛彈"]
    first = term_forms(terms)
    assert first["普京"] == {"普京"} and first["極音速飛彈"] == {"極音速飛彈", "极音速飞弹"}
    assert saved.path.is_file()

    # The next run (the same terms, the same OpenCC tables) converts nothing.
    def no_conversion(text):
        raise AssertionError("converted again")

    monkeypatch.setattr(forms_module, "traditional_shadow", no_conversion)
    assert term_forms(reversed(terms)) == first

    # Other terms are converted, and their shadows replace the file's.
    monkeypatch.undo()
    monkeypatch.setattr(forms_module, "_saved", saved)
    assert term_forms(["银行业"])["银行业"] == {"银行业", "銀行業"}
    assert saved.read("银行业") is not None and saved.read("\n".join(sorted(terms))) is None


@pytest.mark.parametrize("content", [b"not marshal", b"\xfb", b""])
def test_a_damaged_term_forms_file_is_converted_again(tmp_path, monkeypatch, content):
    from app.core import term_forms as forms_module
    from app.core.term_forms import term_forms

    saved = core_data.SavedTermForms(tmp_path)
    monkeypatch.setattr(forms_module, "_saved", saved)
    saved.path.write_bytes(content)
    assert term_forms(["銀行業"])["銀行業"] == {"銀行業", "银行业"}
    assert saved.read("銀行業") is not None
