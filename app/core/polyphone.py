"""Batched polyphone disambiguation with the g2pM BiLSTM weights (numpy only, many sentences at once)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from app.core.g2pm_weights import G2pmWeights, weights_loader
from app.core.provided import MadeFrom
from app.core.reading_styles import numbered_from_cedict

# Sentences longer than this are cut at clause punctuation: the model was trained on
# CPP sentences of at most about 50 characters, and a longer window adds cost, not accuracy
# (cpp-dev: the same 97.38% / 96.48% with 64, 48 or 32; 97.35% / 96.45% with 24; 32 reads
# a novel's 400,000 characters 15% faster than 64).
MAX_SENTENCE = 32
# Rows per padded batch: 128 keeps a time step's arrays in the CPU cache; measured 3.6x faster
# than 512 rows over 6,000 sentences of a novel (0.37 s against 1.35 s), same outputs.
BATCH_ROWS = 128
# float64 like g2pM's own recurrence (so outputs match it); float32 was measured slower here
# (OpenBLAS's small sgemm calls stalled, 10-100x on small batches), not faster.
DTYPE = np.float64
# The tabulated input half of the gates (a row per vocabulary entry in each direction) is the
# model's bulk: kept in float32 it takes half the memory (5.5 MB less), and is widened to DTYPE
# as a batch gathers its rows, so the recurrence itself still runs in float64. Every reading of
# the 70,569 polyphones of cpp-dev comes out the same as with a float64 table.
TABLE_DTYPE = np.float32

_SENTENCE_ENDS = frozenset("。！？!?；;…\n\r\u2029")
_CLAUSE_ENDS = frozenset("，,、：:」』”’）)")

_BOS, _EOS, _UNK = "시", "끝", "<UNK>"  # g2pM's own boundary tokens (it was trained with these)


class PolyphoneModel:
    """g2pM's embedding + one-layer BiLSTM + two FC layers, run over a padded batch of sentences."""

    def __init__(self, weights: G2pmWeights, table_dtype: type[np.floating] = TABLE_DTYPE) -> None:
        state = weights.state
        self.char2idx = weights.char2idx
        class2idx = weights.class2idx
        cedict = weights.cedict

        self.classes: list[str] = [""] * len(class2idx)
        for reading, index in class2idx.items():
            self.classes[index] = numbered_from_cedict(reading)
        # Only characters with several CEDICT readings are sent to the model, exactly as g2pM does.
        self.candidates: dict[str, tuple[str, ...]] = {
            char: tuple(dict.fromkeys(numbered_from_cedict(r) for r in readings))
            for char, readings in cedict.items()
            if len(readings) > 1
        }
        self._unk = self.char2idx[_UNK]
        self._bos = self.char2idx[_BOS]
        self._eos = self.char2idx[_EOS]

        dt = DTYPE
        emb = state["embedding.weight"]
        hidden = state["lstm.weight_hh_l0"].shape[1]
        self.hidden = hidden
        # The input half of every gate depends only on the token, so it is tabulated once per
        # vocabulary entry; each time step is then one gather plus one small matmul. Both
        # directions share one matmul per step through a block-diagonal recurrent matrix.
        self._proj = tuple(
            _tabulated(
                emb,
                state[f"lstm.weight_ih_l0{suffix}"].astype(dt).T,
                (state[f"lstm.bias_ih_l0{suffix}"], state[f"lstm.bias_hh_l0{suffix}"]),
                table_dtype,
            )
            for suffix in ("", "_reverse")
        )
        w_hh = np.zeros((2 * hidden, 8 * hidden), dtype=dt)
        w_hh[:hidden, : 4 * hidden] = state["lstm.weight_hh_l0"].astype(dt).T
        w_hh[hidden:, 4 * hidden :] = state["lstm.weight_hh_l0_reverse"].astype(dt).T
        self._w_hh = w_hh
        self._fc0 = (state["logit_layer.0.weight"].astype(dt).T, state["logit_layer.0.bias"].astype(dt))
        self._fc1 = (state["logit_layer.2.weight"].astype(dt).T, state["logit_layer.2.bias"].astype(dt))

    def is_polyphone(self, char: str) -> bool:
        return char in self.candidates

    def encode(self, sentence: str) -> list[int]:
        get, unk = self.char2idx.get, self._unk
        return [self._bos, *(get(c, unk) for c in sentence), self._eos]

    def logits(self, rows: Sequence[Sequence[int]], targets: Sequence[Sequence[int]]) -> list[np.ndarray]:
        """Class scores for each target position (0-based, in the sentence without BOS) of each row."""
        out: list[np.ndarray] = [np.empty((0, len(self.classes)))] * len(rows)
        order = sorted((i for i in range(len(rows)) if targets[i]), key=lambda i: len(rows[i]))
        for start in range(0, len(order), BATCH_ROWS):
            chunk = order[start : start + BATCH_ROWS]
            scores = self._run([rows[i] for i in chunk], [targets[i] for i in chunk])
            for i, s in zip(chunk, scores):
                out[i] = s
        return out

    def _run(self, rows: list[Sequence[int]], targets: list[Sequence[int]]) -> list[np.ndarray]:
        batch = len(rows)
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=batch)
        steps = int(lengths.max())
        ids = np.zeros((batch, steps), dtype=np.int64)  # index 0 is <PAD>
        for b, row in enumerate(rows):
            ids[b, : len(row)] = row
        # Right-padded reversal: padding stays at the end, so every real position only ever sees
        # real tokens in both directions and the padded batch equals one-at-a-time inference.
        back = lengths[:, None] - 1 - np.arange(steps)[None, :]
        rev = np.where(back >= 0, np.take_along_axis(ids, np.clip(back, 0, None), axis=1), 0)

        h4 = self.hidden * 4
        proj_fw, proj_bw = self._proj
        gates_in = np.empty((steps, batch, 2 * h4), dtype=DTYPE)
        gates_in[:, :, :h4] = proj_fw[ids.T]
        gates_in[:, :, h4:] = proj_bw[rev.T]

        hidden = self.hidden
        h = np.zeros((batch, 2 * hidden), dtype=DTYPE)
        c = np.zeros((batch, 2, hidden), dtype=DTYPE)
        states = np.empty((steps, batch, 2 * hidden), dtype=DTYPE)
        for t in range(steps):
            g = (gates_in[t] + h @ self._w_hh).reshape(batch, 2, 4, hidden)
            # sigmoid via tanh: same function, and no overflow warnings for large inputs
            i_gate = 0.5 + 0.5 * np.tanh(0.5 * g[:, :, 0])
            f_gate = 0.5 + 0.5 * np.tanh(0.5 * g[:, :, 1])
            o_gate = 0.5 + 0.5 * np.tanh(0.5 * g[:, :, 3])
            c = f_gate * c + i_gate * np.tanh(g[:, :, 2])
            h = (o_gate * np.tanh(c)).reshape(batch, 2 * hidden)
            states[t] = h

        row_ix: list[int] = []
        pos: list[int] = []
        for b, tgt in enumerate(targets):
            row_ix.extend([b] * len(tgt))
            pos.extend(p + 1 for p in tgt)  # +1 for BOS
        row_ix_a = np.asarray(row_ix, dtype=np.int64)
        pos_a = np.asarray(pos, dtype=np.int64)
        fw = states[pos_a, row_ix_a, :hidden]
        bw = states[lengths[row_ix_a] - 1 - pos_a, row_ix_a, hidden:]
        feats = np.concatenate([fw, bw], axis=1)
        w0, b0 = self._fc0
        w1, b1 = self._fc1
        scores = np.maximum(feats @ w0 + b0, 0.0) @ w1 + b1
        result, k = [], 0
        for tgt in targets:
            result.append(scores[k : k + len(tgt)])
            k += len(tgt)
        return result

    def predict(
        self, sentences: Sequence[str], targets: Sequence[Sequence[int]], restrict: bool = True
    ) -> list[list[str]]:
        """Readings (tone-number form) at the target offsets of each sentence.

        restrict=False is g2pM's own rule (argmax over all 876 classes); restrict=True only lets a
        character take one of its own CEDICT readings, so the model can never invent one.
        """
        all_scores = self.logits([self.encode(s) for s in sentences], targets)
        out: list[list[str]] = []
        for sentence, tgt, scores in zip(sentences, targets, all_scores):
            readings = []
            for p, row in zip(tgt, scores):
                best = self.classes[int(np.argmax(row))]
                allowed = self.candidates.get(sentence[p]) if restrict else None
                if allowed and best not in allowed:
                    ranked = [self.classes[j] for j in np.argsort(-row)]
                    best = next((r for r in ranked if r in allowed), best)
                readings.append(best)
            out.append(readings)
        return out


def _tabulated(
    emb: np.ndarray, w_ih_t: np.ndarray, biases: tuple[np.ndarray, ...], dtype: type[np.floating]
) -> np.ndarray:
    """emb @ w_ih_t + each bias in turn, in float64, stored as `dtype`: a block of rows at a time,
    so the float64 products never stand in memory whole beside the table (the process would keep
    their pages: 13 MB more at a first open)."""
    table = np.empty((len(emb), w_ih_t.shape[1]), dtype=dtype)
    for start in range(0, len(emb), 512):
        block = emb[start : start + 512].astype(DTYPE) @ w_ih_t
        for bias in biases:
            block += bias
        table[start : start + 512] = block
    return table


def split_sentences(text: str, cap: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """(start, end) spans covering text: sentences, long ones cut at clauses, at most `cap` chars each."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _SENTENCE_ENDS or i == n - 1:
            _cut(text, start, i + 1, cap, spans)
            start = i + 1
    return spans


def _cut(text: str, start: int, end: int, cap: int, spans: list[tuple[int, int]]) -> None:
    while end - start > cap:
        # Prefer the last clause break inside the window so each piece keeps whole clauses.
        brk = max((j for j in range(start + cap // 2, start + cap) if text[j] in _CLAUSE_ENDS), default=None)
        stop = brk + 1 if brk is not None else start + cap
        spans.append((start, stop))
        start = stop
    if end > start:
        spans.append((start, end))


# The readings of every caller share one model (its 1.6 MB of weights and their tables), loaded
# only when a text is first read: displaying or segmenting never pays for it.
_model: MadeFrom[Callable[[], G2pmWeights], PolyphoneModel] = MadeFrom(lambda load: PolyphoneModel(load()))


def get_model() -> PolyphoneModel:
    """The process-wide model, loaded on first use (again if other weights were handed over)."""
    return _model.get(weights_loader())


def disambiguate(texts: Sequence[str], offsets: Sequence[Iterable[int]], restrict: bool = True) -> list[dict[int, str]]:
    """For each text, readings at the given offsets, each decided within its own sentence.

    Offsets at characters the model does not treat as polyphones are left out of the result.
    Every sentence of every text goes into one sorted, padded batch run.
    """
    model = get_model()
    sentences: list[str] = []
    targets: list[list[int]] = []
    owners: list[tuple[int, int]] = []  # (text index, sentence start)
    for ti, (text, wanted) in enumerate(zip(texts, offsets)):
        wanted_set = sorted({o for o in wanted if 0 <= o < len(text) and model.is_polyphone(text[o])})
        if not wanted_set:
            continue
        k = 0
        for s, e in split_sentences(text):
            local = []
            while k < len(wanted_set) and wanted_set[k] < e:
                local.append(wanted_set[k] - s)
                k += 1
            if local:
                sentences.append(text[s:e])
                targets.append(local)
                owners.append((ti, s))
            if k == len(wanted_set):
                break
    results: list[dict[int, str]] = [{} for _ in texts]
    for (ti, s), tgt, readings in zip(owners, targets, model.predict(sentences, targets, restrict=restrict)):
        for p, r in zip(tgt, readings):
            results[ti][s + p] = r
    return results
