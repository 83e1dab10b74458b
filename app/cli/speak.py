"""`python -m app speak TEXT|- [-o OUT.wav]`: say Chinese text aloud, or write it as a WAV file."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.script_detection import paragraph_script
from app.core.speech import voice_locale
from app.io.atomic import write_bytes_atomic
from app.io.speech_audio import ESPEAK, SpeechError, espeak_voice, synthesise, words_per_minute
from app.io.textinput import STDIN, InputError, read_lines

if TYPE_CHECKING:
    from app.services.context import AppContext


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Callable[[argparse.ArgumentParser], None]
) -> None:
    speak = sub.add_parser("speak", help="say Chinese text aloud (espeak-ng's Mandarin voice), or write a WAV file")
    speak.add_argument("text", metavar="TEXT|-", help="the text, or - to read it from standard input")
    speak.add_argument("-o", "--output", metavar="OUT.wav", help="write the speech to this WAV file instead")
    speak.add_argument("--voice", metavar="V", help="an espeak-ng voice (default: cmn, Mandarin)")
    speak.add_argument(
        "--rate", type=float, default=0.0, metavar="R", help="-1 (half as fast) to 1 (twice as fast); default 0"
    )
    common(speak)


def cmd_speak(args: argparse.Namespace, context: AppContext, out: Callable[[str], None]) -> int:
    text = "\n".join(read_lines(None)) if args.text == STDIN else args.text
    text = " ".join(text.split())
    if not text:
        raise InputError("speak: no text to say")
    if not -1.0 <= args.rate <= 1.0:
        raise InputError(f"speak: --rate {args.rate:g} is outside -1 to 1")
    voice = espeak_voice(voice_locale(paragraph_script(text)), args.voice)
    if args.output:
        write_bytes_atomic(args.output, synthesise(text, voice, args.rate))
        out(args.output)
        return 0
    # Played by espeak-ng itself: the command line needs no Qt event loop to say a line.
    program = shutil.which(ESPEAK)
    if program is None:
        synthesise(text, voice, args.rate)  # raises the error that says what to install
        return 2
    done = subprocess.run(
        [program, "-b", "1", "-v", voice, "-s", str(words_per_minute(args.rate))],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SpeechError(f"{ESPEAK}: could not speak ({reason[-1] if reason else 'no sound device'})")
    return 0
