"""What the CSV and TBX glossary imports share: the error, the report, reading the file, and building concepts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from app.core.glossary import ChineseTerm, Concept, Glossary, derive_script, fold, problems_of
from app.io.textinput import InputError, read_bounded


class GlossaryImportError(Exception):
    """The whole file cannot be imported; the message reads `file: what is wrong`."""


@dataclass
class ImportReport:
    concepts: list[Concept]
    added: int = 0
    updated: int = 0
    rejected: list[str] = field(default_factory=list)


def regions_for(text: str) -> tuple[str, ...]:
    """Where a form is used, judged by its script: Simplified CN, Traditional TW, shared by both CN and TW."""
    script = derive_script(text)
    return {"Hans": ("CN",), "Hant": ("TW",)}.get(script, ("CN", "TW"))


def slug(english: str) -> str:
    """An id from an English term: lower-case ASCII letters and digits joined by hyphens, starting with a letter."""
    ascii_text = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode("ascii").lower()
    base = "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:60].strip("-")
    if not base or not base[0].isalpha():
        base = f"term-{base}" if base else "term"
    return base


class _Ids:
    def __init__(self, taken: set[str]):
        self.taken = set(taken)

    def new(self, english: str) -> str:
        base = slug(english)
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        self.taken.add(candidate)
        return candidate


# The user's glossary is held in memory and every form becomes a word the segmenter never
# splits, so its size sets start-up time: 50,000 imported concepts (100,000 terms) add about
# 2 s to opening an article. A 60 MB CSV of 1.3 million rows took two minutes to import and
# then two and a half minutes and 5.6 GB to open an article; such a file is refused before
# anything is stored, with its count, so the user can import the part they need.
MAX_GLOSSARY_BYTES = 64 * 1024 * 1024
MAX_GLOSSARY_TERMS = 100_000


def too_many_terms(name: str, count: int, what: str) -> None:
    """GlossaryImportError when a file holds more terms than a glossary import takes."""
    if count > MAX_GLOSSARY_TERMS:
        raise GlossaryImportError(
            f"{name}: holds {count:,} {what}, more than the {MAX_GLOSSARY_TERMS:,} terms "
            "one import takes; split the file or export only the terms you need"
        )


def read_glossary(path: Path) -> bytes:
    """The bytes of a glossary file; GlossaryImportError when it cannot be read, is too large or holds nothing."""
    if path.is_dir():
        raise GlossaryImportError(f"{path.name}: is a folder, not a glossary file")
    if not path.exists():
        raise GlossaryImportError(f"{path.name}: no such file")
    try:
        size = path.stat().st_size
        if size > MAX_GLOSSARY_BYTES:
            raise GlossaryImportError(
                f"{path.name}: is too large to import ({size / 2**20:.0f} MB; "
                f"the limit is {MAX_GLOSSARY_BYTES // 2**20} MB)"
            )
        data = read_bounded(path, limit=MAX_GLOSSARY_BYTES)  # refuses a FIFO or a device unread
    except OSError as error:
        raise GlossaryImportError(f"{path.name}: cannot be read ({error.strerror or error})") from None
    except InputError as error:
        raise GlossaryImportError(f"{path.name}: {str(error).removeprefix(f'{path}: ')}") from None
    if not data.strip():
        raise GlossaryImportError(f"{path.name}: the file is empty")
    return data


@dataclass
class Draft:
    id: str
    line: int
    category: str = "other"
    english: list[str] = field(default_factory=list)
    terms: list[ChineseTerm] = field(default_factory=list)
    note: str = ""
    sources: tuple[str, ...] = ()
    origin: str = "user"
    base: Concept | None = None  # the existing concept a plain row merges into

    def __post_init__(self) -> None:
        # Sets beside the lists so each row's checks cost the same however many rows came before:
        # a file of 100,000 rows for one concept must not be quadratic.
        self._texts = {t.text: i for i, t in enumerate(self.terms)}
        self._english = {e.casefold() for e in self.english}
        self._notes = [self.note] if self.note else []
        self._seen_notes = set(self._notes)

    @classmethod
    def editing(cls, base: Concept, line: int, concept_id: str | None = None) -> Draft:
        """A draft that starts as the existing concept, for rows that add to or edit it."""
        return cls(
            concept_id or base.id,
            line,
            base.category,
            list(base.english),
            list(base.terms),
            base.note,
            base.sources,
            base.origin,
            base,
        )

    def holds(self, text: str) -> bool:
        return text in self._texts

    def append_term(self, term: ChineseTerm) -> None:
        self._texts[term.text] = len(self.terms)
        self.terms.append(term)

    def replace_term(self, term: ChineseTerm) -> None:
        """The term of the same text, edited in its place."""
        self.terms[self._texts[term.text]] = term

    def add_english(self, english: list[str]) -> None:
        for item in english:
            if item.casefold() not in self._english:
                self.english.append(item)
                self._english.add(item.casefold())

    def add_note(self, note: str) -> None:
        if note and note not in self._seen_notes and note not in self.note:
            self._notes.append(note)
            self._seen_notes.add(note)

    def edit_note(self, note: str) -> None:
        self.note, self._notes, self._seen_notes = note, [note], {note}

    def concept(self) -> Concept:
        return Concept(
            self.id,
            self.category,
            tuple(self.english),
            tuple(self.terms),
            "\n".join(self._notes),
            self.sources,
            self.origin,
            # An import edits the English it names; what the concept forbids is kept.
            self.base.deprecated_english if self.base is not None else (),
        )


class Builder:
    """Collects drafts, guards term ownership within the file, and reports against a glossary."""

    def __init__(self, name: str, glossary: Glossary | None):
        self.name = name
        self.glossary = glossary or Glossary()
        self.drafts: dict[str, Draft] = {}
        self.owners: dict[str, str] = {}
        self.rejected: list[str] = []
        self.ids = _Ids(set(self.glossary.concepts))
        self.plain: dict[str, str] = {}  # first English term (casefolded) -> id of a concept made here
        self._by_english: dict[str, list[Concept]] | None = None

    def by_english(self) -> dict[str, list[Concept]]:
        """The glossary's concepts by each of their English terms (casefolded), built on first use."""
        if self._by_english is None:
            self._by_english = {}
            for concept in self.glossary:
                for english in {e.casefold() for e in concept.english}:
                    self._by_english.setdefault(english, []).append(concept)
        return self._by_english

    def reject(self, line: int, reason: str) -> None:
        self.rejected.append(f"{self.name}:{line}: {reason}")

    def add_term(self, draft: Draft, term: ChineseTerm, line: int) -> bool:
        key = fold(term.text)
        owner = self.owners.get(key)
        if owner is not None and owner != draft.id:
            self.reject(line, f"term {term.text} is already claimed by concept {owner!r}")
            return False
        if draft.holds(term.text):
            self.reject(line, f"term {term.text} appears twice in concept {draft.id!r}")
            return False
        self.owners[key] = draft.id
        draft.append_term(term)
        return True

    def report(self) -> ImportReport:
        concepts, added, updated = [], 0, 0
        for draft in self.drafts.values():
            if not draft.terms:
                continue  # every row of it was rejected; each is reported already
            concept = draft.concept()
            problems = problems_of(concept)
            if problems:
                for message in problems:
                    self.reject(draft.line, message)
                for key in [k for k, v in self.owners.items() if v == draft.id]:
                    del self.owners[key]
                continue
            concepts.append(concept)
            if concept.id in self.glossary.concepts:
                updated += 1
            else:
                added += 1
        self.rejected.sort(key=_line_key)
        return ImportReport(concepts, added, updated, self.rejected)


def _line_key(message: str) -> int:
    match = re.match(r"^.*?:(\d+): ", message)
    return int(match.group(1)) if match else 0
