"""The user's own translation of an article: paragraph by paragraph in the user store, checked
against the glossary and the source, exported as bilingual files and imported back. Shared by
the window and the command line; paragraphs are indices from 0 here, numbered from 1 where a
user reads or types them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.consistency import WARNING, Finding
from app.core.glossary import REGIONS
from app.core.notes import fingerprint
from app.core.script_detection import SIMPLIFIED, detect_script
from app.core.translation import TranslationFinding, check_translation, default_target
from app.io.articles.bundled import Article
from app.io.bilingual import BilingualFileError, Unit, read_bilingual, write_bilingual
from app.io.store.translations import StoredTranslation, Translations
from app.io.textinput import InputError
from app.services.documents import Documents
from app.services.notes import counted

SOURCES = ("mine", "bundled")


@dataclass(frozen=True)
class TranslationImport:
    """What importing a bilingual file stores, and which of its units are left out."""

    name: str
    rows: list[StoredTranslation]
    skipped: list[str]  # `file:line: why`, one line for each unit left out

    def summary(self) -> str:
        return f"{self.name}: {counted(len(self.rows), 'translation')} imported, {len(self.skipped)} skipped"


class ArticleTranslation:
    """One article's paragraphs and the user's translation of them."""

    def __init__(self, documents: Documents, article: Article) -> None:
        self.documents = documents
        self.article = article
        self.store = Translations(documents.context.store)
        self.texts = [article.text[a:b] for a, b in documents.spans(article.text)]
        self.fingerprints = [fingerprint(t) for t in self.texts]

    # -- the user's translation ---------------------------------------------------------------
    def mine(self) -> dict[int, str]:
        """The user's translation of each paragraph whose text is still the one it was written for."""
        return {
            row.paragraph: row.text
            for row in self.store.of(self.article.id)
            if row.paragraph < len(self.texts) and row.fingerprint == self.fingerprints[row.paragraph]
        }

    def stale(self) -> list[StoredTranslation]:
        """The user's translations of paragraphs that have changed (or gone) since."""
        return [
            row
            for row in self.store.of(self.article.id)
            if row.paragraph >= len(self.texts) or row.fingerprint != self.fingerprints[row.paragraph]
        ]

    def bundled(self) -> dict[int, str]:
        """The translation the article ships with (its notes file's texts), where it still matches."""
        return {
            note.paragraph: note.text
            for note in self.documents.bundled_notes(self.article)
            if note.paragraph < len(self.texts) and note.fingerprint == self.fingerprints[note.paragraph]
        }

    def chosen(self, source: str) -> dict[int, str]:
        return self.bundled() if source == "bundled" else self.mine()

    def index_of(self, number: int) -> int:
        """The index of paragraph `number` (from 1, as the user types it); InputError if there is none."""
        if not 1 <= number <= len(self.texts):
            raise InputError(f"{self.article.id}: no paragraph {number} (the article has {len(self.texts)}, from 1)")
        return number - 1

    def set(self, index: int, text: str) -> None:
        """Save (or, with empty text, remove) the user's translation of a paragraph."""
        self.store.put(self.article.id, [StoredTranslation(index, self.fingerprints[index], text.strip())])

    def set_many(self, rows: Sequence[StoredTranslation]) -> None:
        self.store.put(self.article.id, rows)

    # -- target region ------------------------------------------------------------------------
    def target(self) -> str:
        """The region the translation is for: the user's choice, else from the article."""
        chosen = self.store.target(self.article.id)
        if chosen in REGIONS:
            return chosen
        meta = self.article.meta
        script = meta.get("script") or ("Hans" if detect_script(self.article.text[:20_000]) == SIMPLIFIED else "Hant")
        region = meta.get("region")
        return default_target(str(script), region if isinstance(region, str) else None)

    def set_target(self, region: str | None) -> None:
        if region is not None and region not in REGIONS:
            raise InputError(f"{region}: not a region (expected one of {', '.join(REGIONS)})")
        self.store.set_target(self.article.id, region)

    # -- checks -------------------------------------------------------------------------------
    def check(self, target: str | None = None, translations: dict[int, str] | None = None) -> list[TranslationFinding]:
        """The findings on the user's translation (or on `translations`), for `target` (default: the article's)."""
        paragraphs = self.documents.annotated(self.article)
        mine = self.mine() if translations is None else translations
        return check_translation(paragraphs, mine, self.documents.context.glossary, target or self.target())

    # -- bilingual files ----------------------------------------------------------------------
    def units(self, source: str = "mine") -> list[Unit]:
        """Every paragraph as a unit, with the chosen translation where there is one and the
        notes (the user's, then the bundled annotations) for a reviewer."""
        targets = self.chosen(source)
        notes = self.documents.notes(self.article)
        units = []
        for index, text in enumerate(self.texts):
            remarks = []
            for note in notes.get(index, []):
                if note.source == "user":
                    remarks.append(note.text)
                remarks += [a.text for a in note.annotations]
            units.append(Unit(index + 1, self.fingerprints[index], text, targets.get(index, ""), "\n\n".join(remarks)))
        return units

    def source_language(self) -> str:
        return f"zh-{self.target()}"

    def export(self, fmt: str, path: Path, source: str = "mine") -> int:
        """Write a bilingual file; returns how many units hold a translation."""
        units = self.units(source)
        write_bilingual(path, fmt, units, title=self.article.id, source_lang=self.source_language())
        return sum(1 for u in units if u.target.strip())

    def plan_import(self, path: Path) -> TranslationImport:
        """Read a TMX or XLIFF and match its units to the paragraphs by number and fingerprint
        (or, for a unit without our id, by its source text); stores nothing.

        A unit is left out when its paragraph is not there or has changed since the file was
        written, when the paragraph already has a unit earlier in the file, or when it has no
        target (an untranslated unit must not delete what the user wrote). Raises InputError
        when the file cannot be read.
        """
        try:
            units = read_bilingual(path)
        except BilingualFileError as error:
            raise InputError(str(error)) from None
        by_fingerprint = {mark: i for i, mark in reversed(list(enumerate(self.fingerprints)))}
        kept: dict[int, tuple[int, StoredTranslation]] = {}
        skipped = []
        for unit in units:
            where = f"{path.name}:{unit.line}: "
            if unit.number is None:
                index = by_fingerprint.get(fingerprint(unit.source))
                if index is None:
                    skipped.append(f"{where}no paragraph has this unit's source text")
                    continue
            elif not 1 <= unit.number <= len(self.texts):
                skipped.append(f"{where}no paragraph {unit.number} (the article has {len(self.texts)}, from 1)")
                continue
            else:
                index = unit.number - 1
                if unit.fingerprint != self.fingerprints[index]:
                    skipped.append(f"{where}paragraph {unit.number} changed since the file was written")
                    continue
            if index in kept:
                skipped.append(
                    f"{where}a second unit for paragraph {index + 1} (the first is at line {kept[index][0]})"
                )
            elif not unit.target.strip():
                skipped.append(f"{where}paragraph {index + 1} has no translation")
            else:
                kept[index] = (unit.line, StoredTranslation(index, self.fingerprints[index], unit.target.strip()))
        return TranslationImport(
            path.name, [row for _, row in sorted(kept.values(), key=lambda k: k[1].paragraph)], skipped
        )


def as_check_findings(work: ArticleTranslation, findings: Sequence[TranslationFinding]) -> list[Finding]:
    """The findings as the consistency panel lists them (kind `translation: number`...), each at
    its source text, or at its paragraph's start when it has no place of its own."""
    starts = [a for a, _ in work.documents.spans(work.article.text)]
    return [
        Finding(
            f"translation: {f.kind}",
            WARNING,
            work.article.id,
            f.paragraph,
            f.start if f.start is not None else starts[f.paragraph],
            f.end,
            f.concept,
            f.source,
            1,
            f.detail,
        )
        for f in findings
    ]


def findings_json(findings: Sequence[TranslationFinding]) -> str:
    """The findings as the command line's `check --json` prints them, paragraphs from 1."""
    rows = [
        {"paragraph": f.paragraph + 1, "kind": f.kind, "source": f.source, "detail": f.detail, "concept": f.concept}
        for f in findings
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def findings_text(findings: Sequence[TranslationFinding]) -> list[str]:
    return [f"{f.paragraph + 1}\t{f.kind}\t{f.source}\t{f.detail}" for f in findings]
