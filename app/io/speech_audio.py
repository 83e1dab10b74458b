"""Speech as a WAV file, through espeak-ng's own command.

Qt's text-to-speech drives the window, but its Linux engine (speech-dispatcher) can only play
aloud, not write a file, so files (`speak -o`, Anki decks' audio) come from espeak-ng, the
engine speech-dispatcher itself uses for Mandarin on Debian.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from app.core.speech import ESPEAK_VOICES, NO_VOICE
from app.io.textinput import InputError

ESPEAK = "espeak-ng"
# espeak-ng's words a minute at rate 0; Qt's rate runs from -1 (half as fast) to 1 (twice).
BASE_WPM = 175
# A bound on one synthesis: espeak-ng speaks a paragraph in well under a second.
TIMEOUT_S = 60


class SpeechError(InputError):
    """No engine or voice to speak with: the message says what to install."""


def espeak_voice(locale: str, voice: str | None = None) -> str:
    return voice or ESPEAK_VOICES.get(locale, "cmn")


def words_per_minute(rate: float) -> int:
    return round(BASE_WPM * 2 ** max(-1.0, min(1.0, rate)))


def synthesise(text: str, voice: str = "cmn", rate: float = 0.0) -> bytes:
    """The WAV bytes of `text` spoken by espeak-ng's `voice` at Qt-style `rate` (-1..1)."""
    program = shutil.which(ESPEAK)
    if program is None:
        raise SpeechError(NO_VOICE)
    # A file, not --stdout: on a pipe espeak-ng cannot go back to write the WAV header's sizes.
    with tempfile.TemporaryDirectory(prefix="duben-speech-") as folder:
        target = Path(folder) / "speech.wav"
        try:
            done = subprocess.run(
                [program, "-b", "1", "-v", voice, "-s", str(words_per_minute(rate)), "-w", str(target)],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
            )
            data = target.read_bytes() if done.returncode == 0 else b""
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpeechError(f"{ESPEAK}: could not speak ({error})") from None
    if not data.startswith(b"RIFF"):
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SpeechError(f"{ESPEAK}: no voice {voice!r} ({reason[-1] if reason else 'no sound made'})")
    return data
