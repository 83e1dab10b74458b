"""Terminology checks over a set of articles: mixed variants, missing translations, deprecated terms, candidates."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from app.core.annotated import AnnotatedParagraph
from app.core.glossary import Concept, Glossary, Match
from app.core.text import HAN, WORD

INFO, WARNING = "info", "warning"
# The order findings come in: what needs fixing first, then what is worth knowing.
KINDS = ("missing-translation", "deprecated", "mixed-variants", "candidate")
SEVERITY = {"missing-translation": WARNING, "deprecated": WARNING, "mixed-variants": INFO, "candidate": INFO}


@dataclass(frozen=True)
class CheckedArticle:
    id: str
    title: str
    text: str
    paragraphs: Sequence[AnnotatedParagraph]  # tokens, terms and notes (translations); offsets into `text`


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    severity: str  # info or warning
    article: str  # where it is (for a candidate: where it first occurs)
    paragraph: int | None  # its number as people count, from 1 (the window and the command line show it so)
    start: int | None  # offsets into the article's text
    end: int | None
    concept: str | None
    term: str  # the Chinese form(s), several joined by |
    count: int
    message: str
    title: str = ""  # the article's title, shown where people read (the window's Article column)


@dataclass(frozen=True)
class _Place:
    article: int  # position in the checked articles
    paragraph: int
    start: int
    end: int


def check(articles: Sequence[CheckedArticle], glossary: Glossary, known_word: Callable[[str], bool]) -> list[Finding]:
    """Every finding over `articles`, in KINDS order, then article order, then position (candidates:
    most frequent first). `known_word` says whether a general dictionary (CC-CEDICT) has a word."""
    matches = [_matches(article, glossary) for article in articles]
    found = (
        _missing_translations(articles, matches)
        + _deprecated(articles, matches)
        + _mixed_variants(articles, matches)
        + _candidates(articles, matches, glossary, known_word)
    )
    return found


def _matches(article: CheckedArticle, glossary: Glossary) -> list[tuple[int, Match]]:
    """(paragraph number from 1, match with article offsets) of each term the annotation found, with
    its concept and the very term of the concept that was found (TermSpan.form is that term's text)."""
    found = []
    for paragraph in article.paragraphs:
        for span in paragraph.terms:
            concept = glossary.get(span.concept_id)
            term = next((t for t in concept.terms if t.text == span.form), None) if concept is not None else None
            if concept is not None and term is not None:
                found.append((paragraph.index + 1, Match(span.start, span.end, concept, term)))
    return found


def _times(counts: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{form} ×{n}" for form, n in counts)


# -- (a) one concept in several forms ---------------------------------------------------------
def _mixed_variants(articles: Sequence[CheckedArticle], matches: list[list[tuple[int, Match]]]) -> list[Finding]:
    # Forms are told apart by the glossary term they match (script twins are one form) but
    # shown as each article writes them: 俄國 in a Traditional text, 俄国 in a Simplified one.
    uses: dict[str, dict[int, Counter[str]]] = {}
    first: dict[tuple[str, int, str], tuple[int, Match]] = {}
    written: dict[tuple[int, str], str] = {}
    concepts: dict[str, Concept] = {}
    for a, found in enumerate(matches):
        for paragraph, m in found:
            concepts[m.concept.id] = m.concept
            uses.setdefault(m.concept.id, {}).setdefault(a, Counter())[m.term.text] += 1
            first.setdefault((m.concept.id, a, m.term.text), (paragraph, m))
            written.setdefault((a, m.term.text), articles[a].text[m.start : m.end])
    findings = []
    for concept_id, per_article in uses.items():
        forms = {form for counts in per_article.values() for form in counts}
        if len(forms) < 2:
            continue
        concept = concepts[concept_id]
        for a, counts in per_article.items():
            here = counts.most_common()
            # Point at the odd one out: the rarest form here, or the only one.
            paragraph, anchor = first[(concept_id, a, here[-1][0])]
            elsewhere = [
                f"{_times((written[b, form], n) for form, n in other.most_common())} in {articles[b].title}"
                for b, other in sorted(per_article.items())
                if b != a
            ]
            shown = [(written[a, form], n) for form, n in here]
            message = "; ".join([f"{concept.preferred_english}: {_times(shown)} here", *elsewhere])
            findings.append(
                (
                    (a, anchor.start),
                    Finding(
                        "mixed-variants",
                        INFO,
                        articles[a].id,
                        paragraph,
                        anchor.start,
                        anchor.end,
                        concept_id,
                        "|".join(form for form, _ in shown),
                        sum(counts.values()),
                        message,
                        articles[a].title,
                    ),
                )
            )
    return _in_order(findings)


# -- (b) words the glossary and the dictionary both lack ---------------------------------------
def _candidates(
    articles: Sequence[CheckedArticle],
    matches: list[list[tuple[int, Match]]],
    glossary: Glossary,
    known_word: Callable[[str], bool],
) -> list[Finding]:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int, int, int]] = {}
    for a, article in enumerate(articles):
        covered = _covered(matches[a])
        for paragraph in article.paragraphs:
            for token in paragraph.tokens:
                word = token.text
                if (
                    token.kind != WORD
                    or len(word) < 2
                    or not HAN.search(word)
                    or _overlaps(covered, token.start, token.end)
                ):
                    continue
                counts[word] += 1
                first.setdefault(word, (a, paragraph.index + 1, token.start, token.end))
    findings = []
    known: dict[str, bool] = {}
    for word, count in counts.items():
        if count < 2 or _numeral(word) or glossary.find_term(word) is not None:
            continue
        if word not in known:
            known[word] = known_word(word)
        if known[word]:
            continue
        a, where, start, end = first[word]
        findings.append(
            (
                (-count, a, start),
                Finding(
                    "candidate",
                    INFO,
                    articles[a].id,
                    where,
                    start,
                    end,
                    None,
                    word,
                    count,
                    f"{word} ×{count}: in neither the glossary nor CC-CEDICT",
                    articles[a].title,
                ),
            )
        )
    return _in_order(findings)


# Dates and amounts (二〇二五, 三十五萬) are not terms, and no dictionary lists them all.
_NUMERAL = re.compile(r"^[〇零一二三四五六七八九十百千萬万億亿兩两幾几第年月日號号個个多餘余]+$")


def _numeral(word: str) -> bool:
    return _NUMERAL.match(word) is not None and any(ch in "〇零一二三四五六七八九十百千萬万億亿兩两" for ch in word)


def _covered(found: list[tuple[int, Match]]) -> list[tuple[int, int]]:
    return sorted((m.start, m.end) for _, m in found)


def _overlaps(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    # Matches never overlap one another, so only the one before `end` can reach into the token.
    i = bisect_left(covered, (end, end)) - 1
    return i >= 0 and covered[i][1] > start


# -- (c) a paragraph's translation that does not use the approved English -----------------------
def _missing_translations(articles: Sequence[CheckedArticle], matches: list[list[tuple[int, Match]]]) -> list[Finding]:
    findings = []
    patterns: dict[str, re.Pattern[str]] = {}
    for a, article in enumerate(articles):
        notes = {p.index + 1: p.notes for p in article.paragraphs}
        seen: set[tuple[int, str]] = set()
        for paragraph, m in matches[a]:
            key = (paragraph, m.concept.id)
            if key in seen:
                continue
            seen.add(key)
            english = [n.text for n in notes.get(paragraph, ()) if n.lang == "en" and n.text.strip()]
            if not english or not m.concept.english:
                continue  # nothing to check against
            if m.concept.id not in patterns:
                patterns[m.concept.id] = english_pattern(m.concept)
            if patterns[m.concept.id].search("\n".join(english)):
                continue
            accepted = ", ".join(m.concept.english)
            form = article.text[m.start : m.end]
            findings.append(
                Finding(
                    "missing-translation",
                    WARNING,
                    article.id,
                    paragraph,
                    m.start,
                    m.end,
                    m.concept.id,
                    form,
                    1,
                    f"{form}: the translation of paragraph {paragraph} has none of {accepted}",
                    article.title,
                )
            )
    return findings


_DASHES = r"[\s\-‐‑‒–—]+"
_PLURAL = r"(?:s|es)?"
_POSSESSIVE = r"(?:['’]s|['’])?"


def english_pattern(concept: Concept) -> re.Pattern[str]:
    """What counts as rendering the concept: any English term, any case, hyphens and spaces
    interchangeable, any word in the plural (spheres of influence), possessive at the end; a
    person also by the last word of the name, a place also by its adjective (Russian, Ukrainian)."""
    names = {e.strip() for e in concept.english if e.strip()}
    if concept.category == "person":
        names |= {e.split()[-1] for e in list(names) if len(e.split()) > 1}
    if concept.category == "place":
        names |= {d for e in list(names) for d in _demonyms(e)}
    alternatives = sorted(
        (_DASHES.join(re.escape(word) + _PLURAL for word in re.split(_DASHES, name)) for name in names),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")" + _POSSESSIVE + r"(?!\w)", re.IGNORECASE)


def _demonyms(name: str) -> set[str]:
    """Likely adjectives of a place name; a wrong guess costs nothing since it must still occur."""
    if not name[-1:].isalpha() or not name[-1].islower():
        return set()  # US, EU: abbreviations have none
    if name[-1] in "aeo":
        stem = name[:-1]
        return {stem + "an", stem + "ian", stem + "ean"}
    if name[-1] == "y":
        return {name[:-1], name[:-1] + "ian"}  # Germany: German; Italy: Italian
    return {name + "ese", name + "ian", name + "an", name + "i"}


# -- (d) deprecated terms ----------------------------------------------------------------------
def _deprecated(articles: Sequence[CheckedArticle], matches: list[list[tuple[int, Match]]]) -> list[Finding]:
    findings = []
    for a, article in enumerate(articles):
        counts = Counter(m.term.text for _, m in matches[a] if m.term.status == "deprecated")
        done: set[str] = set()
        for paragraph, m in matches[a]:
            if m.term.status != "deprecated" or m.term.text in done:
                continue
            done.add(m.term.text)
            better = [
                t.text
                for t in m.concept.terms
                if t.status == "preferred" and (set(t.regions) & set(m.term.regions) or not m.term.regions)
            ]
            better = better or [t.text for t in m.concept.terms if t.status == "preferred"]
            advice = f"; use {' or '.join(better)}" if better else ""
            form = article.text[m.start : m.end]
            findings.append(
                Finding(
                    "deprecated",
                    WARNING,
                    article.id,
                    paragraph,
                    m.start,
                    m.end,
                    m.concept.id,
                    form,
                    counts[m.term.text],
                    f"{form} ×{counts[m.term.text]} is deprecated ({m.term.region_label}) for "
                    f"{m.concept.preferred_english}{advice}",
                    article.title,
                )
            )
    return findings


def _in_order(keyed: Sequence[tuple[tuple[int, ...], Finding]]) -> list[Finding]:
    return [finding for _, finding in sorted(keyed, key=lambda item: item[0])]
