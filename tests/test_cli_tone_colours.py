"""`annotate --format html|pdf --tone-colours`: the handouts' readings (and characters) in their
tones' colours, read back as a browser reads the HTML and as a viewer renders the PDF."""

import re
import subprocess

import lxml.html
import pytest
from PIL import Image

from app.core.tones import TONE_PALETTES
from tests.handout_pdf import text_layer
from tests.helpers import run_cli as run

BUNDLED = "prospect-alaska-northeast-asia"


def handout(capsys, home, *options):
    code, out, err = run(capsys, home, "annotate", BUNDLED, "--format", "html", *options)
    assert code == 0, err
    return lxml.html.fromstring(out.encode("utf-8")), out


def ruby_of(page, word):
    """The first <ruby> whose characters are `word`: [(text, class)] of its characters and of its reading."""
    for ruby in page.iter("ruby"):
        rt = ruby.find("rt")
        base = [(ruby.text or "", None)] + [(s.text, s.get("class")) for s in ruby if s.tag == "span"]
        if "".join(t for t, _ in base) == word:
            return [b for b in base if b[0]], [(s.text, s.get("class")) for s in rt if s.tag == "span"]
    raise AssertionError(f"no ruby for {word}")


def test_the_html_handout_colours_readings_and_characters_by_tone(capsys, tmp_path):
    page, html = handout(capsys, tmp_path / "home", "--tone-colours", "characters")
    characters, reading = ruby_of(page, "戰爭")
    assert characters == [("戰", "t4"), ("爭", "t1")]
    assert reading == [("zhàn", "t4"), ("zhēng", "t1")]
    style = page.find(".//style").text
    for tone, colour in TONE_PALETTES["light"].items():
        assert f".t{tone} {{ color: {colour}; }}" in style
    # Punctuation and Latin letters keep the ordinary ink.
    toned = [s.text for s in page.iter("span") if s.get("class") in ("t1", "t2", "t3", "t4", "t5")]
    assert len(toned) > 1000
    assert not [t for t in toned if any(ch in "，。「」、" or ch.isdigit() for ch in t)]


def test_readings_only_leaves_the_characters_plain_and_off_adds_nothing(capsys, tmp_path):
    page, _ = handout(capsys, tmp_path / "home", "--tone-colours", "readings")
    characters, reading = ruby_of(page, "戰爭")
    assert characters == [("戰爭", None)] and reading == [("zhàn", "t4"), ("zhēng", "t1")]
    page, html = handout(capsys, tmp_path / "home")
    characters, reading = ruby_of(page, "戰爭")
    assert characters == [("戰爭", None)] and reading == []
    assert not re.search(r'class="t\d"', html) and ".t1" not in html


def inked(png, colour, tolerance=16):
    """Pixels of a rendered page within `tolerance` (per channel) of a colour (the glyphs' cores;
    the blue of the terms' lines is farther than that from the 3rd tone's)."""
    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    counts = Image.open(png).convert("RGB").getcolors(maxcolors=1 << 24)
    return sum(n for n, p in counts if all(abs(a - b) <= tolerance for a, b in zip(p, want)))


@pytest.mark.parametrize("mode", ["off", "characters"])
def test_the_pdf_handout_draws_its_tone_colours(capsys, tmp_path, mode):
    target = tmp_path / "handout.pdf"
    code, _, err = run(
        capsys, tmp_path / "home", "annotate", BUNDLED, "--format", "pdf", "-o", str(target), "--tone-colours", mode
    )
    assert code == 0, err
    subprocess.run(
        ["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", str(target), str(tmp_path / "p")], check=True
    )
    [png] = tmp_path.glob("p*.png")
    counts = {tone: inked(png, colour) for tone, colour in TONE_PALETTES["light"].items() if tone != 5}
    if mode == "off":
        assert max(counts.values()) < 50, counts
    else:
        assert min(counts.values()) > 200, counts
    # Drawn character by character, the text layer still holds the words whole.
    assert "重大 影響" in text_layer(target)


def test_the_option_is_taken_before_the_subcommand_too(capsys, tmp_path):
    code, out, err = run(
        capsys, tmp_path / "home", "--tone-colours", "readings", "annotate", BUNDLED, "--format", "html"
    )
    assert code == 0, err
    assert ruby_of(lxml.html.fromstring(out.encode("utf-8")), "戰爭")[1] == [("zhàn", "t4"), ("zhēng", "t1")]
