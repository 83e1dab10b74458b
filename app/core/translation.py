"""Checks on the user's own translation of an article, paragraph by paragraph, against the
glossary and the source, as a translator's QA tool does them: an approved English term
missing, a deprecated one used, a number dropped, a paragraph left untranslated, one source
term rendered differently in different paragraphs, a source form of another region than the
article's target.

Messages number paragraphs from 1, as the user sees them; `TranslationFinding.paragraph` is the
paragraph's index (from 0), as everywhere in the code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.core.annotated import AnnotatedParagraph, TermSpan
from app.core.glossary import REGIONS, Concept, Glossary, fold
from app.core.numerals import english_values, kept, source_numbers
from app.core.text import HAN

KINDS = ("untranslated", "missing-term", "deprecated-term", "number", "inconsistent", "region")

# Dashes and quotes a translation may type either way: "Russia–Ukraine" and "Russia-Ukraine"
# are one spelling to the checks, as are ’ and '.
_FOLD = str.maketrans({"–": "-", "—": "-", "‑": "-", "‐": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class TranslationFinding:
    paragraph: int  # the paragraph's index, from 0
    kind: str  # one of KINDS
    source: str  # what in the source it is about: a term as written, a number, the paragraph's start
    detail: str  # what is wrong, in a sentence
    concept: str | None = None
    start: int | None = None  # offsets of `source` into the article's text
    end: int | None = None


def default_target(script: str, region: str | None = None) -> str:
    """An article's target region before the user sets one: the region its metadata names,
    else TW for a Traditional text and CN for a Simplified one."""
    if region in REGIONS:
        return region
    return "TW" if script == "Hant" else "CN"


@lru_cache(maxsize=4096)
def _folded_term(text: str) -> str:
    return _folded(text)


def _folded(text: str) -> str:
    return " ".join(text.translate(_FOLD).casefold().split())


@lru_cache(maxsize=4096)
def _pattern(english: str) -> re.Pattern[str]:
    # A whole word or phrase, its plural allowed (summits, parties) and a possessive (Putin's).
    folded = _folded(english)
    if re.search(r"[^aeiou]y$", folded):
        return re.compile(r"(?<!\w)" + re.escape(folded[:-1]) + r"(?:y|ies)(?!\w)")
    return re.compile(r"(?<!\w)" + re.escape(folded) + r"(?:e?s)?(?!\w)")


def _spans(english: str, translation: str) -> list[tuple[int, int]]:
    # A substring test first: most terms are nowhere in the paragraph, and the pattern's
    # look-behind makes a scan of the whole translation cost far more than `in` does.
    if _folded_term(english)[:-1] not in translation:
        return []
    return [m.span() for m in _pattern(english).finditer(translation)]


def _written(paragraph: AnnotatedParagraph, span: TermSpan) -> str:
    return paragraph.text[span.start - paragraph.start : span.end - paragraph.start]


def is_untranslated(source: str, translation: str) -> bool:
    """Nothing written, the source copied in, or more Chinese characters than Latin letters."""
    if not translation.strip() or translation.strip() == source.strip():
        return True
    return len(HAN.findall(translation)) > len(_LATIN.findall(translation))


def _first_terms(paragraph: AnnotatedParagraph) -> list[TermSpan]:
    """The paragraph's terms, the first place each concept is found."""
    seen: dict[str, TermSpan] = {}
    for span in paragraph.terms:
        seen.setdefault(span.concept_id, span)
    return list(seen.values())


def _number_text(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def check_translation(
    paragraphs: Sequence[AnnotatedParagraph], translations: Mapping[int, str], glossary: Glossary, target: str
) -> list[TranslationFinding]:
    """Every finding on an article's translation (`translations`: paragraph index → text), by
    paragraph and then in KINDS order. A paragraph without Chinese (a URL, a telephone number)
    needs no translation."""
    found: list[TranslationFinding] = []
    renderings: dict[str, dict[int, str]] = {}  # concept → paragraph → the English form used
    for paragraph in paragraphs:
        source = paragraph.text
        if not HAN.search(source):
            continue
        translation = translations.get(paragraph.index, "")
        if is_untranslated(source, translation):
            shown = source.strip()[:20] + ("…" if len(source.strip()) > 20 else "")
            why = "has no translation" if not translation.strip() else "is still in Chinese"
            found.append(
                TranslationFinding(paragraph.index, "untranslated", shown, f"paragraph {paragraph.index + 1} {why}")
            )
        else:
            found += _terms(paragraph, _folded(translation), glossary, renderings)
            found += _numbers(paragraph, translation)
        found += _regions(paragraph, glossary, target)
    found += _inconsistent(paragraphs, renderings, glossary)
    order = {kind: i for i, kind in enumerate(KINDS)}
    found.sort(key=lambda f: (f.paragraph, order[f.kind], f.start or 0))
    return found


def _terms(
    paragraph: AnnotatedParagraph, translation: str, glossary: Glossary, renderings: dict[str, dict[int, str]]
) -> list[TranslationFinding]:
    found = []
    for span in _first_terms(paragraph):
        concept = glossary.get(span.concept_id)
        if concept is None or not concept.english:
            continue
        written = _written(paragraph, span)
        approved = {e: _spans(e, translation) for e in _approved(concept)}
        covered = [s for spans in approved.values() for s in spans]
        used = [e for e, spans in approved.items() if spans]
        # A deprecated form inside an approved one is not a use of it: "Putin" in "Vladimir Putin".
        deprecated = [
            e
            for e in concept.deprecated_english
            if any(not any(a <= s and t <= b for a, b in covered) for s, t in _spans(e, translation))
        ]
        where = (span.concept_id, span.start, span.end)
        if not used:
            hint = f"; {', '.join(repr(e) for e in deprecated)} is deprecated" if deprecated else ""
            found.append(
                _at(
                    paragraph,
                    "missing-term",
                    written,
                    f"{concept.preferred_english!r} is not in the translation{hint}",
                    where,
                )
            )
        for english in deprecated:
            found.append(
                _at(
                    paragraph,
                    "deprecated-term",
                    written,
                    f"{english!r} is deprecated for {written}; write {concept.preferred_english!r}",
                    where,
                )
            )
        if used or deprecated:
            renderings.setdefault(span.concept_id, {})[paragraph.index] = max(used or deprecated, key=len)
    return found


def _approved(concept: Concept) -> list[str]:
    """The English a translation may write for a concept: its approved forms and, for a person,
    the surname alone (a second mention's "Putin"), unless that is deprecated."""
    forms = list(concept.english)
    if concept.category == "person":
        banned = {e.casefold() for e in (*concept.deprecated_english, *forms)}
        forms += [
            e.split()[-1] for e in concept.english if len(e.split()) > 1 and e.split()[-1].casefold() not in banned
        ]
    return forms


def _at(
    paragraph: AnnotatedParagraph, kind: str, source: str, detail: str, where: tuple[str, int, int]
) -> TranslationFinding:
    return TranslationFinding(paragraph.index, kind, source, detail, *where)


def _numbers(paragraph: AnnotatedParagraph, translation: str) -> list[TranslationFinding]:
    numbers = source_numbers(paragraph.text)
    if not numbers:
        return []
    values = english_values(translation.translate(_FOLD))
    return [
        TranslationFinding(
            paragraph.index,
            "number",
            n.text,
            f"{_number_text(n.value)} (written {n.text}) is not in the translation",
            None,
            paragraph.start + n.start,
            paragraph.start + n.end,
        )
        for n in numbers
        if not kept(n, values)
    ]


def _regions(paragraph: AnnotatedParagraph, glossary: Glossary, target: str) -> list[TranslationFinding]:
    found = []
    for span in _first_terms(paragraph):
        if target in span.regions:
            continue
        concept = glossary.get(span.concept_id)
        if concept is None or not other_region(concept, span.form, span.regions, target):
            continue
        written = _written(paragraph, span)
        forms = _target_forms(concept, target)
        instead = f"; for {target} the glossary has {forms}" if forms else f"; the glossary has no {target} form"
        found.append(
            _at(
                paragraph,
                "region",
                written,
                f"{written} is the {'/'.join(span.regions)} form{instead}",
                (span.concept_id, span.start, span.end),
            )
        )
    return found


def other_region(concept: Concept, form: str, regions: tuple[str, ...], target: str) -> bool:
    """Whether a form found in the source is another region's than the target's. A form whose
    script twin is the target's (美國 for CN, which writes 美国) is a matter of script, which the
    reader converts, not of usage."""
    return target not in regions and not any(fold(t.text) == fold(form) for t in concept.terms_for(target))


def _target_forms(concept: Concept, target: str) -> str:
    rank = {"preferred": 0, "admitted": 1, "deprecated": 2}
    forms = sorted((t for t in concept.terms_for(target) if t.status != "deprecated"), key=lambda t: rank[t.status])
    return ", ".join(t.text for t in forms)


def _same_rendering(a: str, b: str) -> bool:
    """Whether two English forms are one rendering: "Putin" is short for "Vladimir Putin"."""
    return bool(_pattern(a).search(_folded(b)) or _pattern(b).search(_folded(a)) or _stem(a) == _stem(b))


def _stem(english: str) -> str:
    """Each word without a plural ending: "parties directly concerned" is "party directly concerned"."""
    return " ".join(re.sub(r"(?<=[^s])e?s$", "", re.sub(r"ies$", "y", w)) for w in _folded(english).split())


def _inconsistent(
    paragraphs: Sequence[AnnotatedParagraph], renderings: dict[str, dict[int, str]], glossary: Glossary
) -> list[TranslationFinding]:
    by_index = {p.index: p for p in paragraphs}
    found = []
    for concept_id, used in renderings.items():
        # Forms grouped by rendering; the one most paragraphs use is the article's.
        groups: list[list[int]] = []
        for index, form in used.items():
            group = next((g for g in groups if _same_rendering(used[g[0]], form)), None)
            if group is None:
                groups.append([index])
            else:
                group.append(index)
        if len(groups) < 2:
            continue
        groups.sort(key=lambda g: (-len(g), g[0]))
        main = groups[0]
        main_form = Counter(used[i] for i in main).most_common(1)[0][0]
        places = ", ".join(str(i + 1) for i in sorted(main))
        concept = glossary.get(concept_id)
        for group in groups[1:]:
            for index in group:
                paragraph = by_index[index]
                span = next(s for s in paragraph.terms if s.concept_id == concept_id)
                written = _written(paragraph, span)
                name = concept.preferred_english if concept is not None else concept_id
                found.append(
                    _at(
                        paragraph,
                        "inconsistent",
                        written,
                        f"{name}: rendered {used[index]!r} here but {main_form!r} in paragraph"
                        f"{'s' if len(main) > 1 else ''} {places}",
                        (concept_id, span.start, span.end),
                    )
                )
    return found
