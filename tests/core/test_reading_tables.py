"""The compact reading tables (app.core.reading_tables) against pypinyin itself: every character and
phrase of its tables reads the same, its strict maximum-matching cut cuts every span the same, and
real text (the shared data, both scripts) gets the same readings as when readings asked pypinyin."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pytest

from app.core import reading_tables, readings
from app.core.pipeline import Pipeline
from app.core.reading_styles import character_readings
from app.core.scripts import forms
from tests.helpers import make_segmenter

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
NOVEL_CHAPTERS = 12  # chapters of each novel, spread over it (each chapter is one paragraph)
# The default run tries every EVERY-th sentence and two chapters of each novel; `-m slow` all of them.
EVERY = 10


class PypinyinTables:
    """What readings asked of pypinyin before the compact tables, asked of pypinyin as it was."""

    def __init__(self) -> None:
        from pypinyin.contrib.tone_convert import to_tone3
        from pypinyin.phrases_dict import phrases_dict
        from pypinyin.pinyin_dict import pinyin_dict
        from pypinyin.seg.mmseg import seg

        self.single, self.phrases, self.seg = pinyin_dict, phrases_dict, seg
        self.numbered = lambda marked: to_tone3(marked, neutral_tone_with_five=True)

    def knows(self, char: str) -> bool:
        return len(char) == 1 and ord(char) in self.single

    def readings_of(self, char: str) -> tuple[str, ...]:
        entry = self.single.get(ord(char)) if len(char) == 1 else None
        return tuple(self.numbered(s) for s in entry.split(",")) if entry else ()

    def phrase(self, word: str) -> tuple[str, ...] | None:
        entry = self.phrases.get(word)
        if entry is None or len(entry) != len(word) or not all(entry):
            return None
        return tuple(self.numbered(item[0]) for item in entry)

    def cut(self, text: str) -> list[str]:
        return list(self.seg.cut(text))


@cache
def old() -> PypinyinTables:
    return PypinyinTables()


@cache
def texts(whole: bool = False) -> tuple[str, ...]:
    """Every sentence of the shared data in both scripts (cpp-dev, UD-GSD and its Simplified twin)
    and chapters of the two novels (a sample unless `whole`); without the data, the bundled
    articles' lines."""
    if not DATA.is_dir():
        articles = sorted((ROOT / "resources" / "articles").glob("*/article.txt"))
        return tuple(line for path in articles for line in path.read_text(encoding="utf-8").splitlines() if line)
    import opencc

    cpp = [line.replace("\u2581", "") for line in (DATA / "cpp-dev" / "dev.sent").read_text("utf-8").splitlines()]
    to_taiwan = opencc.OpenCC("s2twp").convert
    ud = [
        line.replace(" ", "")
        for folder in ("ud-gsd", "ud-gsdsimp")
        for name in ("dev.seg.utf8", "test.seg.utf8")
        for line in (DATA / folder / name).read_text("utf-8").splitlines()
    ]
    chapters = []
    for name in ("sanguo-yanyi.txt", "xiyouji.txt"):
        paragraphs = [p for p in (DATA / "longtext" / name).read_text("utf-8").split("\n\n") if p.strip()]
        step = max(1, len(paragraphs) // NOVEL_CHAPTERS)
        chapters += paragraphs[::step][:NOVEL_CHAPTERS] if whole else paragraphs[::step][:2]
    sentences = [*cpp, *(to_taiwan(s) for s in cpp), *ud]
    return tuple(t for t in (*(sentences if whole else sentences[::EVERY]), *chapters) if t)


@cache
def batch(whole: bool = False) -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    """Each text as the pipeline hands it to readings: its Simplified form and the segmenter's words."""
    pipeline = Pipeline(make_segmenter())
    items = texts(whole)
    out = []
    for text, bounds in zip(items, pipeline.bounds_many([(t, 0) for t in items])):
        out.append((forms(text)[1], tuple(zip(bounds, bounds[1:]))))
    return tuple(out)


def test_every_character_reads_as_in_pypinyin():
    tables = reading_tables.tables()
    chars = [chr(code) for code in old().single] + ["a", "，", "\U0002ffff", "", "中国"]
    assert [tables.readings_of(c) for c in chars] == [old().readings_of(c) for c in chars]
    assert [tables.knows(c) for c in chars] == [old().knows(c) for c in chars]
    # the candidates offered when the user corrects a reading
    expected = [tuple(dict.fromkeys(s.replace("ü", "v") for s in old().readings_of(c))) for c in chars]
    assert [character_readings(c) for c in chars] == expected


def test_every_phrase_reads_as_in_pypinyin():
    tables = reading_tables.tables()
    words = list(old().phrases)
    # prefixes of phrases that are not phrases themselves, and words of the data
    words += [w[:-1] for w in words] + [text[i : i + 3] for text in texts()[:500] for i in range(len(text) - 2)]
    assert [tables.phrase(w) for w in words] == [old().phrase(w) for w in words]


def _cut_everywhere(whole: bool) -> None:
    tables = reading_tables.tables()
    rng = random.Random(19)
    spans = []
    for text, words in batch(whole):
        spans.append(text)  # a whole sentence or chapter: the cut met in every state
        spans += [text[a:b] for a, b in words if b - a >= 3]  # what readings cut
        for _ in range(10):
            start = rng.randrange(len(text))
            spans.append(text[start : start + rng.randint(1, 14)])
    spans += ["", "中", "中华人民共和国中央人民政府", "长长长长长长长长长长长长"]
    mismatches = [span for span in spans if tables.cut(span) != old().cut(span)]
    assert mismatches == []
    assert len(spans) > 1000


def test_the_cut_is_pypinyins_on_every_span_tried():
    _cut_everywhere(whole=False)


@pytest.mark.slow
def test_the_cut_is_pypinyins_on_every_span_of_the_whole_data():
    _cut_everywhere(whole=True)


def _clear() -> None:
    for function in (readings.default_reading, readings.has_reading, readings._phrase_readings):
        function.cache_clear()


def _read(
    monkeypatch: pytest.MonkeyPatch, tables: object, policy: str, whole: bool = False
) -> list[tuple[list[str | None], set[int]]]:
    """Readings and the offsets the phrase table fixed, with `tables` in place of the compact ones."""
    monkeypatch.setattr(readings, "tables", lambda: tables)
    _clear()
    try:
        items = batch(whole)
        found = readings.read_many(items, policy=policy)
        fixed = [readings._phrase_pass(shadow, spans, [None] * len(shadow)) for shadow, spans in items]
    finally:
        monkeypatch.undo()
        _clear()
    return list(zip(found, fixed))


def test_readings_of_real_text_are_as_with_pypinyin(monkeypatch):
    # Without the model: everything the model is then given (default readings, what the phrase
    # table fixed, which 著 stand for 着) comes from the tables, so equal here is equal after it.
    compact = _read(monkeypatch, reading_tables.tables(), "no_model")
    assert compact == _read(monkeypatch, old(), "no_model")


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["no_model", readings.DEFAULT_POLICY])
def test_readings_of_the_whole_data_are_as_with_pypinyin(monkeypatch, policy):
    compact = _read(monkeypatch, reading_tables.tables(), policy, whole=True)
    assert compact == _read(monkeypatch, old(), policy, whole=True)


def test_the_tables_come_from_the_cache_and_match_those_made_in_memory():
    from app.io.reading_data import load_tables
    from tests.helpers import shared_cache

    cached, made = load_tables(shared_cache()), reading_tables.from_pypinyin()
    assert cached.syllables == made.syllables and cached.longest == made.longest == 10
    for name in ("char_codes", "char_offsets", "char_readings", "phrase_offsets", "phrase_readings"):
        assert getattr(cached, name).tolist() == getattr(made, name).tolist(), name
    assert cached.phrase_keys.keys.tolist() == made.phrase_keys.keys.tolist()
    assert cached.prefixes.keys.tolist() == made.prefixes.keys.tolist()
