"""How hard a word is: its HSK 3.0 level and how common it is, the same in either script; and an
article's level profile (the share of its running words at each level), what a learner uses to
pick a text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from app.core.annotated import AnnotatedParagraph
from app.core.scripts import simplified_shadow
from app.core.vocabulary import running_words

BAND = 7  # HSK 3.0's levels 7, 8 and 9 are one list
LEVEL_NAMES = {**{level: str(level) for level in range(1, BAND)}, BAND: "7-9"}
OFF_LIST = "beyond"  # in no HSK list
# The levels a learner of a few years has covered: what the library's "HSK 1-4" column adds up.
EASY_LEVELS = ("1", "2", "3", "4")


@dataclass(frozen=True)
class WordLevel:
    word: str
    hsk: int | None  # 1-6, BAND for 7-9, None: in no list
    zipf: float  # wordfreq's Zipf value: 7 for the commonest words, 0 for one never seen

    @property
    def hsk_name(self) -> str:
        return LEVEL_NAMES[self.hsk] if self.hsk is not None else OFF_LIST


class Levels:
    """Levels from a Simplified word list; a Traditional word is looked up by its Simplified form."""

    def __init__(self, hsk: Mapping[str, int], zipf: Callable[[str], float]) -> None:
        self._hsk, self._zipf = hsk, zipf
        self._seen: dict[str, WordLevel] = {}

    def hsk_of(self, word: str) -> int | None:
        level = self._hsk.get(word)
        return level if level is not None else self._hsk.get(simplified_shadow(word))

    def of(self, word: str) -> WordLevel:
        found = self._seen.get(word)
        if found is None:
            # wordfreq folds the scripts itself; the Simplified form is asked too in case not.
            zipf = self._zipf(word) or self._zipf(simplified_shadow(word))
            found = self._seen[word] = WordLevel(word, self.hsk_of(word), round(zipf, 2))
        return found

    def above(self, word: str, level: int | None) -> bool:
        """Whether `word` is harder than a student at HSK `level` knows: of a higher level, or in
        no list at all (every word is, without a level). Levels 7-9 are one list: above 7, only
        words in no list are."""
        hsk = self.of(word).hsk
        return level is None or hsk is None or hsk > min(level, BAND)

    def profile(self, words: Iterable[str], known: Iterable[str] = ()) -> dict[str, float]:
        """Share of the running `words` at each level (1..6, "7-9", "beyond"), and "known": the
        share among them of the `known` words."""
        return self.profile_of_counts(Counter(words), known)

    def profile_of_counts(self, counted: Mapping[str, int], known: Iterable[str] = ()) -> dict[str, float]:
        """`profile` from how often each word runs (a library's texts keep their counts, so the
        known share follows the student's marks without annotating anything again)."""
        total = sum(counted.values())
        result = dict.fromkeys([*LEVEL_NAMES.values(), OFF_LIST], 0.0)
        for word, count in counted.items():
            result[self.of(word).hsk_name] += count
        known_set = set(known)
        shares = {name: round(count / total, 4) if total else 0.0 for name, count in result.items()}
        shares["known"] = round(sum(c for w, c in counted.items() if w in known_set) / total, 4) if total else 0.0
        return shares


def running_counts(paragraphs: Iterable[AnnotatedParagraph]) -> dict[str, int]:
    """How often each word runs in an article (glossary names left out, as in its figures):
    what its level profile is made of."""
    return dict(Counter(word for word, is_name in running_words(paragraphs) if not is_name))


def easy_share(profile: Mapping[str, float]) -> float:
    """The share of the running words at HSK levels 1 to 4: the library's "HSK 1-4" column."""
    return round(sum(profile[name] for name in EASY_LEVELS), 4)


def article_profile(
    levels: Levels, paragraphs: Iterable[AnnotatedParagraph], statuses: Mapping[str, str]
) -> dict[str, float]:
    """`Levels.profile` of an article's running words (glossary names left out, as in its figures),
    with the words marked known: what `vocab stats --json` and the status line show."""
    return levels.profile_of_counts(running_counts(paragraphs), known_words(statuses))


def known_words(statuses: Mapping[str, str]) -> list[str]:
    return [word for word, status in statuses.items() if status == "known"]


def profile_line(profile: Mapping[str, float]) -> str:
    """The profile in a few words for the status line: "HSK 1 31% · 2 12% … · none 20%; 14% known"
    (shares of the running words; "none": in no HSK list)."""
    shares = [f"{name} {profile[name]:.0%}" for name in LEVEL_NAMES.values()]
    return f"HSK {' · '.join(shares)} · none {profile[OFF_LIST]:.0%}; {profile['known']:.0%} known"
