"""The glossary model: concepts that own all their regional Chinese forms, and matching that folds scripts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from app.core.reading_styles import convert_reading, pinyin_keys
from app.core.scripts import converter, simplified_shadow
from app.core.text import Paragraph

REGIONS = ("CN", "TW", "HK")
STATUSES = ("preferred", "admitted", "deprecated")
CATEGORIES = ("person", "place", "organisation", "event", "treaty", "weapon", "concept", "other")
SCRIPTS = ("Hans", "Hant", "both")
ORIGINS = ("bundled", "user")

# Ids end up as XML ids in TBX, which may not start with a digit.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

# Middle dots written in names (瓦西里‧涅边贾 etc.) differ by source; matching treats them as one.
_DOTS = str.maketrans({"‧": "·", "・": "·", "．": "·", "•": "·", "‐": "·", "‑": "·"})


@dataclass(frozen=True)
class ChineseTerm:
    """One Chinese form of a concept, with where it is used and how it is rated."""

    text: str
    regions: tuple[str, ...]
    status: str = "preferred"
    script: str = ""  # Hans, Hant or both; derived from the text when empty
    pinyin: str = ""  # tone marks, one syllable per character, space-separated; derived when empty

    @property
    def region_label(self) -> str:
        return "/".join(self.regions)


@dataclass(frozen=True)
class Concept:
    id: str
    category: str
    english: tuple[str, ...]  # preferred first
    terms: tuple[ChineseTerm, ...]
    note: str = ""
    sources: tuple[str, ...] = ()
    origin: str = "bundled"
    # English renderings a translation must not use (an old spelling, a rejected name): the
    # translation checks flag them.
    deprecated_english: tuple[str, ...] = ()

    @property
    def preferred_english(self) -> str:
        return self.english[0] if self.english else ""

    def terms_for(self, region: str) -> list[ChineseTerm]:
        return [t for t in self.terms if region in t.regions]

    def term(self, text: str) -> ChineseTerm | None:
        """The form written `text`: the one written exactly so, else one that folds to it.

        Exact first: 俄军 (CN) and 俄軍 (TW) fold to the same key, and a Traditional text
        uses the TW form, not whichever of the two is listed first.
        """
        written = _written(text)
        exact = next((t for t in self.terms if _written(t.text) == written), None)
        if exact is not None:
            return exact
        key = fold(text)
        return next((t for t in self.terms if fold(t.text) == key), None)

    def other_forms(self, found: ChineseTerm) -> list[ChineseTerm]:
        """The concept's forms other than `found`, leaving out its script twin in the same regions.

        A twin used elsewhere is another region's form (俄军 CN beside 俄軍 TW) and is kept.
        """
        key = fold(found.text)
        return [t for t in self.terms if t != found and not (fold(t.text) == key and t.regions == found.regions)]


def _written(text: str) -> str:
    """The text as written, with one kind of middle dot and no white space (scripts not folded)."""
    return "".join(text.translate(_DOTS).split())


def fold(text: str) -> str:
    """The key text is matched by: Simplified characters, one kind of middle dot, no white space."""
    return "".join(simplified_shadow(text).translate(_DOTS).split())


def derive_script(text: str) -> str:
    """Hans when only Simplified writes it so, Hant when only Traditional does, else both."""
    if simplified_shadow(text) != text:
        return "Hant"
    if converter("s2t").convert(text).text != text:
        return "Hans"
    return "both"


def derive_pinyin(text: str) -> str:
    """Readings of a term read as one word, in tone marks, one syllable per character."""
    from app.core.readings import read_spans

    readings = read_spans(simplified_shadow(text), [(0, len(text))])
    return " ".join(convert_reading(r, "marks") for r in readings if r)


def complete(concept: Concept) -> Concept:
    """The concept with each term's script and pinyin filled in where the source left them out."""
    terms = tuple(
        replace(t, script=t.script or derive_script(t.text), pinyin=t.pinyin or derive_pinyin(t.text))
        for t in concept.terms
    )
    return replace(concept, terms=terms)


def problems_of(concept: Concept) -> list[str]:
    """What is wrong with one concept on its own (each a message without a location)."""
    found = []
    if not ID_PATTERN.match(concept.id or ""):
        found.append(
            f"concept id {concept.id!r} must be lower-case letters, digits and hyphens, starting with a letter"
        )
    if concept.category not in CATEGORIES:
        found.append(f"{concept.id}: unknown category {concept.category!r} (expected one of {', '.join(CATEGORIES)})")
    if not [e for e in concept.english if e.strip()]:
        found.append(f"{concept.id}: no English term")
    if not concept.terms:
        found.append(f"{concept.id}: no Chinese term")
    approved = {e.casefold() for e in concept.english}
    for english in concept.deprecated_english:
        if english.casefold() in approved:
            found.append(f"{concept.id}: English {english!r} is both approved and deprecated")
    for term in concept.terms:
        if not term.text.strip():
            found.append(f"{concept.id}: an empty Chinese term")
        for region in term.regions:
            if region not in REGIONS:
                found.append(f"{concept.id}: {term.text}: unknown region {region!r} (expected {', '.join(REGIONS)})")
        if not term.regions:
            found.append(f"{concept.id}: {term.text}: no region")
        if term.status not in STATUSES:
            found.append(f"{concept.id}: {term.text}: unknown status {term.status!r} (expected {', '.join(STATUSES)})")
        if term.script and term.script not in SCRIPTS:
            found.append(f"{concept.id}: {term.text}: unknown script {term.script!r} (expected {', '.join(SCRIPTS)})")
    return found


@dataclass(frozen=True)
class Match:
    """A glossary term found in a text: where, which concept, and which of its forms."""

    start: int
    end: int
    concept: Concept
    term: ChineseTerm


@dataclass
class Glossary:
    """Concepts by id, with an index from folded Chinese text to (concept, term)."""

    concepts: dict[str, Concept] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index: dict[str, tuple[str, ChineseTerm]] | None = None
        self._pattern: re.Pattern[str] | None = None
        self._start_pattern: re.Pattern[str] | None = None
        self._pinyin: list[tuple[str, str, str, str]] | None = None

    @classmethod
    def of(cls, concepts: Iterable[Concept]) -> Glossary:
        return cls({c.id: c for c in concepts})

    def layered(self, user: Mapping[str, Concept | None]) -> Glossary:
        """This glossary with the user's concepts over it (None deletes a concept)."""
        merged = dict(self.concepts)
        for concept_id, concept in user.items():
            if concept is None:
                merged.pop(concept_id, None)
            else:
                merged[concept_id] = concept
        return Glossary(merged)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def get(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)

    # -- Chinese ---------------------------------------------------------------------------
    @property
    def index(self) -> dict[str, tuple[str, ChineseTerm]]:
        if self._index is None:
            index: dict[str, tuple[str, ChineseTerm]] = {}
            for concept in self.concepts.values():
                for term in concept.terms:
                    index.setdefault(fold(term.text), (concept.id, term))
            self._index = index
        return self._index

    def find_term(self, text: str) -> tuple[Concept, ChineseTerm] | None:
        """The concept and exact form for a Chinese text in either script."""
        hit = self.index.get(fold(text))
        return self._as_written(hit, text) if hit else None

    def _as_written(self, hit: tuple[str, ChineseTerm], text: str) -> tuple[Concept, ChineseTerm]:
        # The index holds one form per folded key; the text may write its script twin.
        concept = self.concepts[hit[0]]
        return concept, concept.term(text) or hit[1]

    def user_words(self) -> list[str]:
        """Every Chinese form of every concept, as written (the segmenter adds the other scripts)."""
        return sorted({t.text for c in self.concepts.values() for t in c.terms if t.text.strip()})

    def matches(self, text: str, bounds: Iterable[int] | None = None) -> list[Match]:
        """Every glossary term in `text`, longest first at each place, left to right, not overlapping.

        Matching runs on a folded copy (Simplified, one middle dot, white space left out) mapped
        back to the text's own offsets, so 普丁 in a Simplified text and 第 ES-11/1 號 with its
        spaces are found too. With `bounds` (the word boundaries of a segmented text, offsets
        into it) a term counts only where it starts and ends on them: 歐盟 inside 亞歐|盟邦
        is not the European Union.
        """
        if not self.index:
            return []
        folded_chars, origin = [], []
        shadow = simplified_shadow(text).translate(_DOTS)
        for i, ch in enumerate(shadow):
            if not ch.isspace():
                folded_chars.append(ch)
                origin.append(i)
        folded = "".join(folded_chars)
        if bounds is None:
            found = []
            for m in self._regex().finditer(folded):
                start, end = origin[m.start()], origin[m.end() - 1] + 1
                concept, term = self._as_written(self.index[m.group()], text[start:end])
                found.append(Match(start, end, concept, term))
            return found
        return self._aligned(text, folded, origin, set(bounds))

    def paragraph_matches(self, paragraph: Paragraph) -> list[Match]:
        """The terms of a segmented paragraph (offsets into its text): only whole words count."""
        bounds = [t.start - paragraph.start for t in paragraph.tokens] + [paragraph.end - paragraph.start]
        return self.matches(paragraph.text, bounds)

    def _aligned(self, text: str, folded: str, origin: list[int], bounds: set[int]) -> list[Match]:
        # Every place a term starts (overlapping ones too, by a lookahead), then at each place
        # that is a word start the longest term there that also ends on a boundary.
        index = self.index
        lengths = sorted({len(k) for k in index}, reverse=True)
        found: list[Match] = []
        pos = 0
        for m in self._starts().finditer(folded):
            i = m.start()
            if i < pos or origin[i] not in bounds:
                continue
            for length in lengths:
                key = folded[i : i + length]
                if len(key) == length and key in index and origin[i + length - 1] + 1 in bounds:
                    start, end = origin[i], origin[i + length - 1] + 1
                    concept, term = self._as_written(index[key], text[start:end])
                    found.append(Match(start, end, concept, term))
                    pos = i + length
                    break
        return found

    def _starts(self) -> re.Pattern[str]:
        if self._start_pattern is None:
            self._start_pattern = re.compile("(?=" + self._regex().pattern + ")")
        return self._start_pattern

    def _regex(self) -> re.Pattern[str]:
        if self._pattern is None:
            keys = sorted(self.index, key=len, reverse=True)
            self._pattern = re.compile("|".join(map(re.escape, keys)))
        return self._pattern

    # -- search ----------------------------------------------------------------------------
    def search(self, query: str) -> list[Concept]:
        """Concepts for a query in Chinese (either script), English, or pinyin with or without tones."""
        query = query.strip()
        if not query:
            return []
        hit = self.find_term(query)
        if hit:
            return [hit[0]]
        results: list[Concept] = []
        if any(unicodedata.name(ch, "").startswith("CJK") for ch in query):
            key = fold(query)
            results = [c for c in self.concepts.values() if any(key in fold(t.text) for t in c.terms)]
            return results
        lowered = query.casefold()
        exact = [c for c in self.concepts.values() if any(e.casefold() == lowered for e in c.english)]
        if exact:
            return exact
        by_pinyin = self._search_pinyin(query)
        if by_pinyin:
            return by_pinyin
        return [c for c in self.concepts.values() if any(lowered in e.casefold() for e in c.english)]

    def _search_pinyin(self, query: str) -> list[Concept]:
        numbered, toneless = pinyin_keys(query)
        if not toneless:
            return []
        if self._pinyin is None:
            rows = []
            for concept in self.concepts.values():
                for term in concept.terms:
                    reading = term.pinyin or derive_pinyin(term.text)
                    rows.append((concept.id, *pinyin_keys(reading), term.text))
            self._pinyin = rows
        has_tones = any(ch.isdigit() for ch in numbered)
        ids = []
        for concept_id, term_numbered, term_toneless, _ in self._pinyin:
            matched = (term_numbered == numbered) if has_tones else (term_toneless == toneless)
            if matched and concept_id not in ids:
                ids.append(concept_id)
        return [self.concepts[i] for i in ids]
