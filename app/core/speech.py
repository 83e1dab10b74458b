"""What to say aloud and where each spoken word is: the text of a word, a sentence or a
paragraph, and the map from the spoken text's offsets back to the article's.

Engines report the word they are saying as an offset and a length into the text they were
given; `Utterance.article_span` turns that into the article's offsets, widened to the whole
segmented words it touches, so the highlight follows our words, not the engine's own cuts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from app.core.annotated import AnnotatedParagraph
from app.core.concordance import sentence_bounds
from app.core.script_detection import SIMPLIFIED, TRADITIONAL
from app.core.text import WORD

# A locale name per script; a text in neither (Latin only, or 中文 written alike) takes the mainland voice.
VOICE_LOCALES = {TRADITIONAL: "zh_TW", SIMPLIFIED: "zh_CN"}
DEFAULT_LOCALE = "zh_CN"
# espeak-ng has one Mandarin voice; it reads both scripts.
ESPEAK_VOICES = {"zh_TW": "cmn", "zh_CN": "cmn"}
NO_VOICE = (
    "No Chinese voice is installed: on Debian or Ubuntu, install espeak-ng and speech-dispatcher-espeak-ng "
    "(apt install espeak-ng speech-dispatcher-espeak-ng)"
)


@dataclass(frozen=True)
class Utterance:
    """Text to speak and, for each of its characters, the article offset it came from."""

    text: str
    offsets: tuple[int, ...]  # one per character of `text`; none for a text not in the article
    words: tuple[tuple[int, int], ...] = ()  # the segmented words spoken, article offsets, in order
    locale: str = DEFAULT_LOCALE

    def article_span(self, start: int, length: int) -> tuple[int, int] | None:
        """The article span of the words covering text[start:start+length] (an engine's word
        boundary), or None when it lies outside the text."""
        if not self.offsets or start < 0 or start >= len(self.offsets):
            return None
        last = min(start + max(length, 1), len(self.offsets)) - 1
        first_at, last_at = self.offsets[start], self.offsets[last] + 1
        starts = [word[0] for word in self.words]
        low = bisect_right(starts, first_at) - 1
        high = bisect_left(starts, last_at) - 1
        if low >= 0 and self.words[low][1] > first_at:
            first_at = self.words[low][0]
        if high >= 0 and self.words[high][1] > last_at - 1:
            last_at = max(last_at, self.words[high][1])
        return first_at, last_at


def utterance(paragraph: AnnotatedParagraph, start: int, end: int) -> Utterance:
    """What to say for the article span [start, end) of `paragraph`: its characters with runs of
    white space made one space (an engine pauses on a line break), each mapped back."""
    start, end = max(start, paragraph.start), min(end, paragraph.end)
    chars: list[str] = []
    offsets: list[int] = []
    for at in range(start, end):
        ch = paragraph.text[at - paragraph.start]
        if ch.isspace():
            if not chars or chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        offsets.append(at)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    words = tuple(
        (token.start, token.end)
        for token in paragraph.tokens
        if token.kind == WORD and token.start < end and token.end > start
    )
    return Utterance("".join(chars), tuple(offsets), words, voice_locale(paragraph.script))


def word_utterance(paragraph: AnnotatedParagraph, offset: int) -> Utterance:
    """The segmented word at article `offset` (the characters there when no word holds it)."""
    token = next((t for t in paragraph.tokens if t.start <= offset < t.end), None)
    if token is None:
        return utterance(paragraph, offset, offset + 1)
    return utterance(paragraph, token.start, token.end)


def loose_utterance(text: str, script: str) -> Utterance:
    """A word that is not in the article (typed in the look-up field): said in the voice of its
    script, with no offsets, so no word of the article is marked while it is said."""
    return Utterance(text.strip(), (), (), voice_locale(script))


def sentence_utterance(paragraph: AnnotatedParagraph, offset: int) -> Utterance:
    """The sentence holding article `offset` (to its full stop, question or exclamation mark)."""
    at = min(max(offset - paragraph.start, 0), max(len(paragraph.text) - 1, 0))
    first, last, _, _ = sentence_bounds(paragraph.text, at, min(at + 1, len(paragraph.text)))
    return utterance(paragraph, paragraph.start + first, paragraph.start + last)


def paragraph_utterance(paragraph: AnnotatedParagraph) -> Utterance:
    return utterance(paragraph, paragraph.start, paragraph.end)


def voice_locale(script: str) -> str:
    """The locale of the voice for text in `script`: Taiwan Mandarin for Traditional, mainland for the rest."""
    return VOICE_LOCALES.get(script, DEFAULT_LOCALE)


def sentence_utterances(paragraph: AnnotatedParagraph) -> list[Utterance]:
    """The paragraph as one utterance per sentence, in order, together covering its text: queued
    one after another, so that an engine that reports no word boundaries (speech-dispatcher)
    still tells, by which utterance it is about to say, where the reading has got to."""
    text, found = paragraph.text, []
    at = 0
    while at < len(text):
        if text[at].isspace():
            at += 1
            continue
        first, last, _, _ = sentence_bounds(text, at, at + 1)
        first, last = max(first, at), max(last, at + 1)
        said = utterance(paragraph, paragraph.start + first, paragraph.start + last)
        if said.text:
            found.append(said)
        at = last
    return found
