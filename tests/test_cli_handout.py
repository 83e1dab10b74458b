"""`annotate --format pdf|html`: the handouts a reader prints, read back as a viewer and a browser read them."""

import re
import subprocess

import pytest

from app.io.fonts import handout_fonts
from tests.handout_pdf import article_words, outside_columns, overlaps, radicals, text_layer, words
from tests.helpers import run_cli as run

BUNDLED = "prospect-alaska-northeast-asia"
SIMPLIFIED = (
    "美国总统特朗普与俄罗斯总统普京在阿拉斯加举行峰会。\n\n双方讨论了乌克兰战争，但没有达成协议。大家都很关心。\n"
)


@pytest.fixture(scope="module")
def bundled_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handout")
    target = folder / "handout.pdf"
    from app.cli.main import main

    assert main(["--data-dir", str(folder / "home"), "annotate", BUNDLED, "--format", "pdf", "-o", str(target)]) == 0
    return target


def article_text(capsys, home, article):
    _, out, _ = run(capsys, home, "annotate", article, "--format", "json")
    import json

    return [p["text"] for p in json.loads(out)["paragraphs"]]


def test_the_pdf_text_layer_holds_the_articles_characters(bundled_pdf, capsys, tmp_path):
    layer = text_layer(bundled_pdf)
    assert bundled_pdf.read_bytes().startswith(b"%PDF")
    assert radicals(layer) == []  # 大 is 大, not the Kangxi radical that shares its glyph
    # Words stand apart as their readings do (so a space between them), their characters whole.
    assert "重大 影響" in layer and "美俄阿拉斯加峰會對東北亞安保的影響" in layer
    # The article's words, read back in order from the page, are the article, character for character.
    paragraphs = article_text(capsys, tmp_path / "home", BUNDLED)
    expected = re.sub(r"\s", "", "".join(paragraphs))
    assert "".join(w.text for w in article_words(words(bundled_pdf))) == expected


def test_no_word_of_the_pdf_runs_into_another_or_out_of_its_column(bundled_pdf):
    found = words(bundled_pdf)
    assert len(found) > 1000
    assert overlaps(found) == []
    assert outside_columns(found) == []


def test_the_pdf_notes_are_in_a_latin_face(bundled_pdf):
    fonts = subprocess.run(["pdffonts", str(bundled_pdf)], capture_output=True, text=True, check=True).stdout
    assert handout_fonts().latin.family.replace(" ", "") in fonts.replace(" ", "")
    assert "The Impact of the US–Russia Alaska Summit" in text_layer(bundled_pdf)


def test_a_simplified_text_prints_in_the_simplified_face(capsys, tmp_path):
    source = tmp_path / "simplified.txt"
    source.write_text(SIMPLIFIED, encoding="utf-8")
    target = tmp_path / "simplified.pdf"
    code, _, err = run(capsys, tmp_path / "home", "annotate", str(source), "--format", "pdf", "-o", str(target))
    assert code == 0 and err.strip() == f"Wrote 1 pages to {target}"
    layer = text_layer(target)
    assert "。大家 都 很 关心 。" in layer and "Pǔjīng" in layer and radicals(layer) == []
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    assert handout_fonts().cjk["simplified"].family.replace(" ", "") in fonts.replace(" ", "")
    assert overlaps(words(target)) == [] and outside_columns(words(target)) == []


def test_a_pdf_needs_a_file_to_go_to(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path / "home", "annotate", BUNDLED, "--format", "pdf")
    assert code == 2 and out == ""
    assert err.strip() == "duben: annotate --format pdf: give the file to write with -o OUT (- for standard output)"
    code, _, err = run(
        capsys, tmp_path / "home", "annotate", BUNDLED, "--format", "pdf", "-o", str(tmp_path / "no" / "x.pdf")
    )
    assert code == 2 and err.strip() == f"duben: {tmp_path / 'no'}: no such folder"


def test_the_html_handout_tags_each_paragraph_with_its_script(capsys, tmp_path):
    source = tmp_path / "simplified.txt"
    source.write_text(SIMPLIFIED, encoding="utf-8")
    _, html, _ = run(capsys, tmp_path / "home", "annotate", str(source), "--format", "html")
    assert '<html lang="zh-Hans">' in html
    assert re.findall(r'class="zh" lang="([^"]+)"', html) == ["zh-Hans", "zh-Hans"]
    _, html, _ = run(capsys, tmp_path / "home", "annotate", BUNDLED, "--format", "html")
    assert '<html lang="zh-Hant">' in html and set(re.findall(r'class="zh" lang="([^"]+)"', html)) == {"zh-Hant"}


def test_the_html_notes_are_in_a_latin_font(capsys, tmp_path):
    _, html, _ = run(capsys, tmp_path / "home", "annotate", BUNDLED, "--format", "html")
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", html.split("<style>")[1].split("</style>")[0]))
    note_rule = next(body for selector, body in rules.items() if ".note" in selector.split(",")[-1].split())
    families = re.search(r"font-family:\s*([^;]+)", note_rule).group(1)
    first = families.split(",")[0].strip().strip('"')
    assert "CJK" not in first and first in ("Noto Sans", "DejaVu Sans")
    assert "CJK" not in families.split(",")[-2]  # no CJK face before the generic one


def test_without_a_chinese_font_the_pdf_says_so_and_writes_nothing(capsys, tmp_path, monkeypatch):
    # fontconfig with no font folder: a machine where no font is installed.
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?><fontconfig><cachedir>' + str(tmp_path) + "</cachedir></fontconfig>")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    target = tmp_path / "handout.pdf"
    code, _, err = run(capsys, tmp_path / "home", "annotate", BUNDLED, "--format", "pdf", "-o", str(target))
    assert code == 2 and not target.exists() and len(err.strip().splitlines()) == 1
    assert err.startswith(f"duben: {target}: no Chinese font for the PDF handout (looked for Noto Sans CJK TC,")
    assert err.strip().endswith("install Noto Sans CJK; nothing was written")
