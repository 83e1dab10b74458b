"""Reading aloud: the word, the sentence or the paragraph at the cursor, through Qt's text-to-speech
(speech-dispatcher on Linux, SAPI/WinRT on Windows, AVSpeech on macOS), with the word being said
reported in the article's offsets so the view can mark it and follow."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.core.annotated import AnnotatedParagraph
from app.core.script_detection import script_of
from app.core.speech import (
    NO_VOICE,
    Utterance,
    loose_utterance,
    paragraph_utterance,
    sentence_utterance,
    word_utterance,
)
from app.ui.reader.view import ReaderView

# Qt's speech module (and the multimedia libraries it loads) is imported where it is first used,
# not with the window: a start that never speaks should not pay for it.
if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

ShowMessage = Callable[[str, int], None]
ENGINE_KEY, VOICE_KEY, RATE_KEY = "speech/engine", "speech/voice", "speech/rate"
AUTOMATIC = ""  # no voice chosen: the one that fits the text's script
RATES = {-0.5: "Slow", 0.0: "Normal", 0.5: "Fast"}
MESSAGE_MS = 8000
# After the first card is shown (or the Listen menu opened), Qt's speech module is loaded this
# much later, once the card has been painted: the first F8 then finds it loaded (the module, the
# multimedia libraries under it and the engine plugins take tens of milliseconds to load cold).
WARM_UP_MS = 400


class SpeechController(QObject):
    """Owns the engine, made on the first request so the window starts without it."""

    word_spoken = Signal(int, int)  # article offsets of the word being said; (-1, -1): reading ended
    started = Signal(str)  # the text handed to the engine

    def __init__(self, view: ReaderView, settings: QSettings, show_message: ShowMessage, parent: QWidget) -> None:
        super().__init__(parent)
        self._view, self._settings, self._show_message = view, settings, show_message
        self._engine: QTextToSpeech | None = None
        self._engine_name = ""  # the engine setting it was made with
        self._utterance: Utterance | None = None
        self._warmed = False
        self._warm_up = QTimer(self)
        self._warm_up.setSingleShot(True)
        self._warm_up.timeout.connect(self._on_warm_up_timeout)

    # -- settings ----------------------------------------------------------------------------
    @property
    def voice_name(self) -> str:
        return str(self._settings.value(VOICE_KEY, AUTOMATIC))

    def set_voice(self, name: str) -> None:
        self._settings.setValue(VOICE_KEY, name)

    @property
    def rate(self) -> float:
        try:
            return max(-1.0, min(1.0, float(str(self._settings.value(RATE_KEY, 0.0)))))
        except ValueError:
            return 0.0

    def set_rate(self, rate: float) -> None:
        self._settings.setValue(RATE_KEY, rate)
        if self._engine is not None:
            self._engine.setRate(rate)

    def chinese_voices(self) -> list[str]:
        """The names of the engine's Mandarin voices (for the voice menu)."""
        return [voice.name() for voice in self._chinese(self.engine().availableVoices())]

    # -- speaking ----------------------------------------------------------------------------
    def speak_word(self) -> None:
        found = self._view.word_at_cursor()
        if found is not None:
            self.say(word_utterance(found[0], found[1].start))

    def speak_text(self, text: str, place: tuple[int, int] | None = None) -> None:
        """Say a word the card shows: the word of the article at `place` (paragraph, token start),
        marked while it is said, or a word from elsewhere (typed in the look-up field)."""
        paragraph = self._view.paragraphs.get(place[0]) if place is not None else None
        if paragraph is not None and place is not None:
            self.say(word_utterance(paragraph, place[1]))
        elif text.strip():
            self.say(loose_utterance(text, script_of(text)))

    def speak_sentence(self) -> None:
        found = self._view.word_at_cursor()
        if found is not None:
            self.say(sentence_utterance(found[0], found[1].start))
        else:
            self.speak_paragraph()

    def speak_paragraph(self) -> None:
        paragraph = self._paragraph_here()
        if paragraph is not None:
            self.say(paragraph_utterance(paragraph))

    def stop(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._engine is not None:
            self._engine.stop(QTextToSpeech.BoundaryHint.Immediate)
        self._finish()

    def say(self, said: Utterance) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if not said.text:
            return
        engine = self.engine()
        voice = self._voice_for(engine, said.locale)
        if voice is None:
            self._show_message(NO_VOICE, MESSAGE_MS)
            return
        if engine.state() == QTextToSpeech.State.Speaking:
            engine.stop(QTextToSpeech.BoundaryHint.Immediate)
        engine.setVoice(voice)
        engine.setRate(self.rate)
        self._utterance = said
        engine.say(said.text)
        self.started.emit(said.text)

    @property
    def speaking(self) -> bool:
        from PySide6.QtTextToSpeech import QTextToSpeech

        return self._engine is not None and self._engine.state() == QTextToSpeech.State.Speaking

    def engine(self) -> QTextToSpeech:
        """The engine the settings name (made again if they name another since it was made)."""
        from PySide6.QtTextToSpeech import QTextToSpeech

        name = str(self._settings.value(ENGINE_KEY, ""))
        if self._engine is not None and name != self._engine_name:
            self._engine.deleteLater()
            self._engine = None
        if self._engine is None:
            engine = QTextToSpeech(name, self) if name else QTextToSpeech(self)
            engine.sayingWord.connect(self._on_engine_saying_word)
            engine.stateChanged.connect(self._on_engine_state_changed)
            self._engine, self._engine_name = engine, name
        return self._engine

    @property
    def warmed(self) -> bool:
        """Whether Qt's speech module and its engine plugins are loaded (by the warm-up or a first use)."""
        return self._warmed or self._engine is not None

    def warm_up(self) -> None:
        """Load Qt's speech module and its engine plugins soon, in an idle moment, unless they are
        loaded already: called when a card is shown and when the Listen menu opens, never at start
        (a start that never speaks loads no speech module)."""
        if not self.warmed and not self._warm_up.isActive():
            self._warm_up.start(WARM_UP_MS)

    def _on_warm_up_timeout(self) -> None:
        # Not the engine itself: the system's (speech-dispatcher) may take seconds to connect, or
        # hang where the daemon is stuck, and that wait belongs to the first Listen the reader
        # asks for, not to a moment the window chose.
        from PySide6.QtTextToSpeech import QTextToSpeech

        QTextToSpeech.availableEngines()
        self._warmed = True

    # -- what the engine says ----------------------------------------------------------------
    def _on_engine_saying_word(self, _word: str, _id: int, start: int, length: int) -> None:
        if self._utterance is None:
            return
        span = self._utterance.article_span(start, length)
        if span is not None:
            self.word_spoken.emit(*span)

    def _on_engine_state_changed(self, state: QTextToSpeech.State) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state == QTextToSpeech.State.Ready and self._utterance is not None:
            self._finish()
        elif state == QTextToSpeech.State.Error and self._engine is not None:
            self._show_message(f"Speech: {self._engine.errorString() or 'the engine failed'}", MESSAGE_MS)
            self._finish()

    def _finish(self) -> None:
        self._utterance = None
        self.word_spoken.emit(-1, -1)

    # -- choosing -----------------------------------------------------------------------------
    def _paragraph_here(self) -> AnnotatedParagraph | None:
        found = self._view.word_at_cursor()
        if found is not None:
            return found[0]
        paragraphs = self._view.paragraphs
        first, _ = self._view.visible_range()
        shown = [index for index in sorted(paragraphs) if index >= first]
        return paragraphs[shown[0]] if shown else None

    @staticmethod
    def _chinese(voices: list[QVoice]) -> list[QVoice]:
        return [voice for voice in voices if voice.locale().language() == QLocale.Language.Chinese]

    def _voice_for(self, engine: QTextToSpeech, locale: str) -> QVoice | None:
        """The voice the user chose if the engine has it; else a voice of the text's region
        (zh_TW for Traditional, zh_CN for Simplified), else any Mandarin one, else None."""
        voices = engine.availableVoices()
        chosen = next((voice for voice in voices if voice.name() == self.voice_name), None)
        if chosen is not None:
            return chosen
        chinese = self._chinese(voices)
        regional = [voice for voice in chinese if voice.locale().name() == locale]
        found = regional or chinese
        return found[0] if found else None
