"""Loading the curated glossary from its TOML files, reporting every problem as file:line: message."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.glossary import ChineseTerm, Concept, Glossary, fold, problems_of
from app.io.textinput import InputError, read_bounded

BUNDLED_DIR = Path(__file__).resolve().parents[3] / "glossary"
_HEADER = re.compile(r"^\s*\[\[\s*concept\s*\]\]\s*(#.*)?$")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class LoadResult:
    glossary: Glossary
    problems: tuple[Problem, ...]
    sources: dict[str, tuple[str, int]]  # concept id -> (file, line) it came from


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    raise ValueError(f"expected a string or a list of strings, not {type(value).__name__}")


def concept_from_record(record: dict[str, Any], origin: str = "bundled") -> Concept:
    """A Concept from one `[[concept]]` table (raises ValueError with a readable message)."""
    if not isinstance(record, dict):
        raise ValueError("a concept must be a table")
    unknown = set(record) - {"id", "category", "english", "english_deprecated", "note", "sources", "terms"}
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}")
    terms = []
    for item in record.get("terms") or []:
        if not isinstance(item, dict) or "zh" not in item:
            raise ValueError('each term needs zh = "..."')
        extra = set(item) - {"zh", "region", "status", "script", "pinyin"}
        if extra:
            raise ValueError(f"term {item.get('zh')!r}: unknown key(s) {', '.join(sorted(extra))}")
        terms.append(
            ChineseTerm(
                text=str(item["zh"]).strip(),
                regions=_as_tuple(item.get("region")),
                status=str(item.get("status", "preferred")),
                script=str(item.get("script", "")),
                pinyin=str(item.get("pinyin", "")),
            )
        )
    return Concept(
        id=str(record.get("id", "")).strip(),
        category=str(record.get("category", "")).strip(),
        english=tuple(e.strip() for e in _as_tuple(record.get("english")) if e.strip()),
        terms=tuple(terms),
        note=str(record.get("note", "")).strip(),
        sources=_as_tuple(record.get("sources")),
        origin=origin,
        deprecated_english=tuple(e.strip() for e in _as_tuple(record.get("english_deprecated")) if e.strip()),
    )


def _line_of(lines: list[str], first: int, last: int, needle: str) -> int:
    """The 1-based line in [first, last) holding `needle`, else `first`."""
    for number in range(first, last):
        if needle in lines[number - 1]:
            return number
    return first


def _needle(concept: Concept, message: str) -> str:
    """What to look for in the concept's lines to point at the line a problem is on."""
    term = next((t.text for t in concept.terms if t.text and t.text in message), None)
    if term:
        return term
    for key, needle in (("English", "english"), ("category", "category"), ("concept id", "id"), ("Chinese", "terms")):
        if key in message:
            return needle
    return "[[concept]]"


def load_file(path: Path, label: str | None = None) -> tuple[list[tuple[Concept, int]], list[Problem]]:
    """The valid concepts of one file with the line each starts on, and its problems."""
    name = label or path.name
    try:
        raw = read_bounded(path)  # a FIFO or a device is refused, not read forever
    except InputError as error:
        return [], [Problem(name, 0, f"cannot be read ({str(error).removeprefix(f'{path}: ')})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [], [Problem(name, line, "not valid UTF-8; glossary files must be saved as UTF-8")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = (
            int(match.group(1)) if match else (max(1, len(text.splitlines())) if "end of document" in str(error) else 1)
        )
        return [], [Problem(name, line, f"not valid TOML: {error}")]
    except RecursionError:  # tomllib parses arrays and inline tables recursively
        return [], [Problem(name, 1, "arrays or tables nested too deeply to read (a glossary file needs three levels)")]
    lines = text.splitlines()
    headers = [i + 1 for i, line in enumerate(lines) if _HEADER.match(line)] + [len(lines) + 1]
    records = data.get("concept", [])
    problems = [Problem(name, 1, f"unknown top-level key {k!r}") for k in data if k != "concept"]
    found = []
    for position, record in enumerate(records):
        first = headers[position] if position < len(headers) - 1 else 1
        last = headers[position + 1] if position + 1 < len(headers) else len(lines) + 1
        try:
            concept = concept_from_record(record)
        except ValueError as error:
            problems.append(Problem(name, first, str(error)))
            continue
        own = problems_of(concept)
        for message in own:
            problems.append(Problem(name, _line_of(lines, first, last, _needle(concept, message)), message))
        if not own:
            found.append((concept, first))
    return found, problems


def load_glossary(folder: Path = BUNDLED_DIR) -> LoadResult:
    """Every `*.toml` of a glossary folder: what loads, and every problem, each with file and line.

    A concept with a problem of its own is left out; of two concepts with one id, or two
    claiming one Chinese form (in either script), the first keeps it and the second is reported.
    """
    concepts: dict[str, Concept] = {}
    sources: dict[str, tuple[str, int]] = {}
    owners: dict[str, str] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return LoadResult(Glossary(), (Problem(str(folder), 0, "glossary folder not found"),), {})
    for path in sorted(folder.glob("*.toml")):
        found, file_problems = load_file(path)
        problems.extend(file_problems)
        lines = path.read_text(encoding="utf-8-sig").splitlines() if found else []
        for concept, line in found:
            if concept.id in concepts:
                first_file, first_line = sources[concept.id]
                problems.append(
                    Problem(path.name, line, f"duplicate id {concept.id!r} (first at {first_file}:{first_line})")
                )
                continue
            clash = next((t for t in concept.terms if owners.get(fold(t.text), concept.id) != concept.id), None)
            if clash:
                other = owners[fold(clash.text)]
                problems.append(
                    Problem(
                        path.name,
                        _line_of(lines, line, len(lines) + 1, clash.text),
                        f"{concept.id}: term {clash.text} is already claimed by concept {other!r}",
                    )
                )
                continue
            for term in concept.terms:
                owners.setdefault(fold(term.text), concept.id)
            concepts[concept.id] = concept
            sources[concept.id] = (path.name, line)
    return LoadResult(Glossary(concepts), tuple(problems), sources)
