"""`python -m app speak` and the spoken words of an Anki deck, with espeak-ng's real voice."""

from __future__ import annotations

import array
import io
import shutil
import wave
import zipfile

import genanki
import pytest

from tests.helpers import run_cli as run

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


def _audio(data: bytes) -> tuple[float, int]:
    """(seconds, peak sample) of a 16-bit mono WAV."""
    with wave.open(io.BytesIO(data)) as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
    samples = array.array("h", frames)
    return seconds, max(abs(s) for s in samples)


@pytest.mark.parametrize("text", ["我们今天去学校。", "我們今天去學校。"])
def test_speak_writes_a_wav_of_speech_in_either_script(capsys, tmp_path, text):
    out = tmp_path / "said.wav"
    code, printed, err = run(capsys, tmp_path / "home", "speak", text, "-o", str(out))
    assert code == 0, err
    seconds, peak = _audio(out.read_bytes())
    # Seven syllables: about a second or two at a normal rate, never a click nor a minute.
    assert 0.8 < seconds < 6
    assert peak > 3000  # speech, not silence


def test_a_faster_rate_says_it_in_less_time(capsys, tmp_path):
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    run(capsys, tmp_path / "home", "speak", "我们今天去学校。", "-o", str(slow), "--rate", "-0.5")
    run(capsys, tmp_path / "home", "speak", "我们今天去学校。", "-o", str(fast), "--rate", "0.5")
    assert _audio(fast.read_bytes())[0] < _audio(slow.read_bytes())[0] * 0.8


def test_speak_reads_standard_input(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("你好。\n".encode())))
    out = tmp_path / "said.wav"
    code, _, err = run(capsys, tmp_path / "home", "speak", "-", "-o", str(out))
    assert code == 0, err
    assert _audio(out.read_bytes())[1] > 3000


@pytest.mark.parametrize(
    "args, message",
    [
        (["你好", "--voice", "zz"], "no voice 'zz'"),
        (["你好", "--rate", "3"], "--rate 3 is outside -1 to 1"),
        (["   "], "no text to say"),
    ],
)
def test_bad_speech_requests_are_one_line(capsys, tmp_path, args, message):
    out = tmp_path / "said.wav"
    code, _, err = run(capsys, tmp_path / "home", "speak", *args, "-o", str(out))
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


def test_an_anki_deck_with_audio_carries_each_words_sound(capsys, tmp_path):
    anki_collection = pytest.importorskip("anki.collection")
    home, deck = tmp_path / "home", tmp_path / "words.apkg"
    run(capsys, home, "vocab", "mark", "峰會", "learning")
    run(capsys, home, "vocab", "mark", "战争", "learning")
    code, _, err = run(capsys, home, "vocab", "export", "--format", "anki", "--audio", "-o", str(deck))
    assert code == 0, err
    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        request = anki_collection.ImportAnkiPackageRequest(
            package_path=str(deck), options=anki_collection.ImportAnkiPackageOptions(with_scheduling=False)
        )
        assert len(col.import_anki_package(request).log.new) == 2
        media = tmp_path / "anki" / "collection.media"
        for word in ("峰會", "战争"):
            note_id = col.db.scalar("select id from notes where guid = ?", genanki.guid_for("duben-word", word))
            field = col.get_note(note_id)["Audio"]
            assert field.startswith("[sound:") and field.endswith(".wav]")
            sound = media / field[len("[sound:") : -1]
            seconds, peak = _audio(sound.read_bytes())
            assert 0.3 < seconds < 4 and peak > 3000
    finally:
        col.close()
    with zipfile.ZipFile(deck) as package:
        assert "media" in package.namelist()


def test_an_anki_deck_without_audio_has_an_empty_audio_field(capsys, tmp_path):
    home, deck = tmp_path / "home", tmp_path / "words.apkg"
    run(capsys, home, "vocab", "mark", "峰會", "learning")
    code, _, err = run(capsys, home, "vocab", "export", "--format", "anki", "-o", str(deck))
    assert code == 0, err
    with zipfile.ZipFile(deck) as package:
        assert package.read("media") == b"{}"
