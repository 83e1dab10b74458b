"""pypinyin's tables as readings use them (app.core.reading_tables), kept as arrays in the cache folder.

Made once from the installed pypinyin, which that one run imports (about 55 MB and a few
seconds); every later run memory-maps the arrays and never imports pypinyin to read a text.
The folder is named by a digest of pypinyin's files and written as the segmentation models are
(app.io.segment_models): under a temporary name, a `done` marker last, renamed into place.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

from app.core.reading_tables import ReadingTables

# Bump when the arrays or the way they are made change, so an old folder is not read.
TABLES_VERSION = 1

# What the tables are made of: the two dictionaries, the tone conversion and the cut they copy.
_SOURCES = ("pinyin_dict.json", "phrases_dict.json", "style/_tone_convert.py", "seg/mmseg.py")
_ARRAYS = {
    "char_codes": "uint32",
    "char_offsets": "uint32",
    "char_readings": "uint16",
    "phrase_keys": "uint64",
    "phrase_offsets": "uint32",
    "phrase_readings": "uint16",
    "prefix_keys": "uint64",
}


def tables_folder(cache_dir: Path) -> Path:
    """Where the tables of the installed pypinyin are kept in `cache_dir`."""
    from app.io.packages import package_dir

    root = package_dir("pypinyin")
    digest = hashlib.sha256(str(TABLES_VERSION).encode())
    for name in _SOURCES:
        stat = (root / name).stat()
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return Path(cache_dir) / f"reading-tables-{digest.hexdigest()[:16]}"


def load_tables(cache_dir: Path) -> ReadingTables:
    """The reading tables from `cache_dir`, made there from pypinyin first when missing or damaged."""
    from app.io.cache_entries import load_cached

    return load_cached(tables_folder(cache_dir), _build, _read)


def _build(tmp: Path) -> None:
    import numpy as np

    from app.core.reading_tables import from_pypinyin

    tables = from_pypinyin()
    arrays = {
        "char_codes": tables.char_codes,
        "char_offsets": tables.char_offsets,
        "char_readings": tables.char_readings,
        "phrase_keys": tables.phrase_keys.keys,
        "phrase_offsets": tables.phrase_offsets,
        "phrase_readings": tables.phrase_readings,
        "prefix_keys": tables.prefixes.keys,
    }
    for name, array in arrays.items():
        np.save(tmp / f"{name}.npy", array)
    (tmp / "meta.marshal").write_bytes(marshal.dumps((tables.syllables, tables.longest)))


def _read(folder: Path) -> ReadingTables:
    import numpy as np

    from app.core.ngrams import SortedKeys
    from app.io.segment_models import load_array

    syllables, longest = marshal.loads((folder / "meta.marshal").read_bytes())
    if not (isinstance(syllables, tuple) and all(isinstance(s, str) for s in syllables) and type(longest) is int):
        raise ValueError(f"{folder.name}/meta.marshal: not the reading tables'")
    a = {name: load_array(folder, name, np.dtype(dtype).type) for name, dtype in _ARRAYS.items()}
    # Arrays of the right types may still not fit together: every offset and index is checked
    # once here (a few hundred thousand numbers), so a reading never looks outside them.
    for keys, offsets, items in (
        (a["char_codes"], a["char_offsets"], a["char_readings"]),
        (a["phrase_keys"], a["phrase_offsets"], a["phrase_readings"]),
    ):
        if not (
            len(offsets) == len(keys) + 1
            and int(offsets[0]) == 0
            and int(offsets[-1]) == len(items)
            and bool(np.all(offsets[1:] >= offsets[:-1]))
            and bool(np.all(keys[1:] > keys[:-1]))
            and (not len(items) or int(items.max()) < len(syllables))
        ):
            raise ValueError(f"{folder.name}: arrays that do not fit together")
    if not (0 <= longest < 1000) or not bool(np.all(a["prefix_keys"][1:] > a["prefix_keys"][:-1])):
        raise ValueError(f"{folder.name}: not the reading tables' prefixes")
    return ReadingTables(
        syllables=syllables,
        char_codes=a["char_codes"],
        char_offsets=a["char_offsets"],
        char_readings=a["char_readings"],
        phrase_keys=SortedKeys(a["phrase_keys"]),
        phrase_offsets=a["phrase_offsets"],
        phrase_readings=a["phrase_readings"],
        prefixes=SortedKeys(a["prefix_keys"]),
        longest=longest,
    )
