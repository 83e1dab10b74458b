"""The bundled glossary as loaded last time, from the cache folder, while its files stay the same.

Parsing and checking the TOML files costs 30-150 ms a start; the loaded concepts, problems and
sources, kept as marshal data under a digest of the files' bytes, load in a few milliseconds.
Any change to a file (or to the shape written here: FORMAT) makes a new digest, so the entry is
never stale; a damaged one is a miss, built again (app.io.cache_entries).
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import Any, TypeGuard

from app.core.glossary import ChineseTerm, Concept, Glossary
from app.io.atomic import write_bytes_atomic
from app.io.cache_entries import DAMAGED, discard, read_marshal
from app.io.glossary.files import BUNDLED_DIR, LoadResult, Problem, load_glossary

# Bump when the payload's shape or what load_glossary checks changes.
FORMAT = 1


def load_glossary_cached(cache_dir: Path, folder: Path = BUNDLED_DIR) -> LoadResult:
    """`load_glossary(folder)`, from the cache folder when its files are those cached."""
    path = Path(cache_dir) / f"glossary-{_digest(folder)}.marshal"
    payload = read_marshal(path, _is_payload)
    if payload is not None:
        try:
            return _result(payload)
        except DAMAGED:  # the right outline holding values of another kind
            discard(path)
    result = load_glossary(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, marshal.dumps(_payload(result)))
        for old in path.parent.glob("glossary-*.marshal"):  # of files as they were before an edit
            if old != path:
                discard(old)
    except OSError:
        pass  # a read-only cache only costs parsing the files again next time
    return result


def _digest(folder: Path) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{folder.resolve()}\0".encode())
    for file in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            data = file.read_bytes()
        except OSError:
            data = b"\xff unreadable"  # load_glossary reports it; never cached as if it were fine
        digest.update(f"{file.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:16]


def _payload(result: LoadResult) -> tuple[Any, ...]:
    concepts = [
        (
            c.id,
            c.category,
            c.english,
            tuple((t.text, t.regions, t.status, t.script, t.pinyin) for t in c.terms),
            c.note,
            c.sources,
            c.origin,
        )
        for c in result.glossary
    ]
    problems = [(p.file, p.line, p.message) for p in result.problems]
    return (FORMAT, concepts, problems, result.sources)


def _is_payload(value: object) -> TypeGuard[tuple[Any, ...]]:
    return (
        isinstance(value, tuple)
        and len(value) == 4
        and value[0] == FORMAT
        and isinstance(value[1], list)
        and isinstance(value[2], list)
        and isinstance(value[3], dict)
    )


def _strings(value: object) -> tuple[str, ...]:
    if not (isinstance(value, tuple) and all(isinstance(v, str) for v in value)):
        raise TypeError("expected a tuple of strings")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _result(payload: tuple[Any, ...]) -> LoadResult:
    """The LoadResult a payload holds; TypeError or ValueError when it holds something else."""
    _, concepts, problems, sources = payload
    glossary = Glossary.of(
        Concept(
            _text(cid),
            _text(category),
            _strings(english),
            tuple(
                ChineseTerm(_text(text), _strings(regions), _text(status), _text(script), _text(pinyin))
                for text, regions, status, script, pinyin in terms
            ),
            _text(note),
            _strings(cited),
            _text(origin),
        )
        for cid, category, english, terms, note, cited, origin in concepts
    )
    found = tuple(Problem(_text(file), int(line), _text(message)) for file, line, message in problems)
    where = {_text(cid): (_text(file), int(line)) for cid, (file, line) in sources.items()}
    return LoadResult(glossary, found, where)
