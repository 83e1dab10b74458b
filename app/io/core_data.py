"""The data app.core works with, read from installed packages and the cache folder when first needed."""

from __future__ import annotations

import hashlib
import json
import marshal
import pickle
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, TypeGuard

from app.core import g2pm_weights, opencc_tables, reading_styles, reading_tables, term_forms
from app.core.g2pm_weights import G2pmWeights
from app.core.reading_tables import ReadingTables
from app.io.atomic import write_bytes_atomic
from app.io.cache_entries import marshal_cached, read_marshal
from app.io.packages import package_dir

# Bump when the reading-style table changes shape, so an old file is not read.
READING_TABLE_VERSION = 1


class OpenccFiles:
    """OpenCC's configurations and dictionaries in the folder of the opencc package (`opencc_tables.OpenccTables`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def candidates(self, name: str) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        with open(self.root / "dictionary" / name, encoding="utf-8") as handle:
            for line in handle:
                key, _, values = line.rstrip("\n").partition("\t")
                if key and values:
                    table.setdefault(key, values.split(" "))
        return table

    def chain(self, config: str) -> list[list[str]]:
        with open(self.root / "config" / f"{config}.json", encoding="utf-8") as handle:
            spec = json.load(handle)
        return [_dictionary_files(step["dict"]) for step in spec["conversion_chain"]]


def _dictionary_files(node: Mapping[str, Any]) -> list[str]:
    if node.get("type") == "group":
        return [name for child in node["dicts"] for name in _dictionary_files(child)]
    return [str(node["file"])]


@cache
def opencc_files() -> OpenccFiles:
    """The installed opencc package's data, one object per process (handing it over again rebuilds nothing)."""
    return OpenccFiles(package_dir("opencc"))


def load_g2pm_weights() -> G2pmWeights:
    """g2pM's weights and vocabularies, from the pickles its wheel ships (a dependency we install, not user data)."""
    root = package_dir("g2pM")

    def load(name: str) -> Any:
        with open(root / name, "rb") as handle:
            return pickle.load(handle)

    return G2pmWeights(load("np_ckpt.pkl"), load("char2idx.pkl"), load("class2idx.pkl"), load("digest_cedict.pkl"))


def load_reading_table(cache_dir: Path) -> dict[str, tuple[str, str]]:
    """The reading-style table from the cache folder, built there first when missing or damaged."""
    path = Path(cache_dir) / f"reading-styles-{READING_TABLE_VERSION}.marshal"
    return marshal_cached(path, _is_reading_table, reading_styles.build_table)


def _is_reading_table(table: object) -> TypeGuard[dict[str, tuple[str, str]]]:
    """A file of the right version may still hold anything: only a table of this shape is used."""
    return isinstance(table, dict) and all(
        isinstance(key, str)
        and isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], str)
        for key, value in table.items()
    )


@cache
def _reading_table_loader(cache_dir: Path) -> Callable[[], dict[str, tuple[str, str]]]:
    # One loader per folder, so that a second context on the same folder keeps the loaded table.
    return lambda: load_reading_table(cache_dir)


@cache
def _reading_tables_loader(cache_dir: Path) -> Callable[[], ReadingTables]:
    def load() -> ReadingTables:
        from app.io.reading_data import load_tables

        return load_tables(cache_dir)

    return load


class SavedTermForms:
    """term_forms' conversions of the last glossary's terms, one file in the cache folder.

    Keyed by the terms and the OpenCC dictionaries they were converted with; a new glossary
    replaces the file rather than adding one, so the folder does not fill with old glossaries."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = Path(cache_dir) / "term-forms.marshal"

    def _key(self, terms: str) -> str:
        from app.io.segment_models import fingerprint

        tables = fingerprint(sorted((opencc_files().root / "dictionary").iterdir()))
        return hashlib.sha256(f"{tables}\n{terms}".encode()).hexdigest()

    def read(self, terms: str) -> list[list[str]] | None:
        saved = read_marshal(self.path, _is_saved_forms)
        return saved[1] if saved is not None and saved[0] == self._key(terms) else None

    def write(self, terms: str, shadows: list[list[str]]) -> None:
        try:
            write_bytes_atomic(self.path, marshal.dumps((self._key(terms), shadows)))
        except OSError:
            pass  # a read-only cache only costs converting the terms again next time


def _is_saved_forms(value: object) -> TypeGuard[tuple[str, list[list[str]]]]:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], list)
        and all(isinstance(forms, list) and all(isinstance(f, str) for f in forms) for forms in value[1])
    )


def provide(cache_dir: Path) -> None:
    """Hand app.core where its data comes from; nothing is read until a conversion, a reading or a
    styled syllable first needs it."""
    opencc_tables.use_tables(opencc_files())
    term_forms.use_saved(SavedTermForms(Path(cache_dir)))
    g2pm_weights.use_weights(load_g2pm_weights)
    reading_styles.use_table(_reading_table_loader(Path(cache_dir)))
    reading_tables.use_tables(_reading_tables_loader(Path(cache_dir)))
