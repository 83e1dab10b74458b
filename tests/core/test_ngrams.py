"""Sorted hash sets: adding a few keys into many gives what building them all afresh gives."""

import numpy as np
import pytest

from app.core import ngrams
from app.core.ngrams import LayeredKeys, LayeredValues, SortedKeys, SortedValues


def _random_keys(rng: np.random.Generator, count: int) -> np.ndarray:
    return rng.integers(0, 2**64 - 1, size=count, dtype=np.uint64, endpoint=True)


@pytest.mark.parametrize("seed", range(5))
def test_adding_keys_equals_building_them_all(seed):
    rng = np.random.default_rng(seed)
    held = _random_keys(rng, 5000)
    # New keys with duplicates among themselves, keys already held, and the extremes.
    extra = np.concatenate([_random_keys(rng, 300), held[:50], held[:10], np.array([0, 2**64 - 1], dtype=np.uint64)])
    extra = np.concatenate([extra, extra[:20]])
    base = SortedKeys.build(held)
    assert np.array_equal(base.with_keys(extra).keys, SortedKeys.build(np.concatenate([held, extra])).keys)


@pytest.mark.parametrize("seed", range(5))
def test_adding_items_keeps_held_values_and_takes_the_first_new_one(seed):
    rng = np.random.default_rng(seed)
    held = _random_keys(rng, 5000)
    values = rng.random(5000)
    extra = np.concatenate([_random_keys(rng, 300), held[:50]])
    extra = np.concatenate([extra, extra[:20]])
    extra_values = rng.random(len(extra))
    base = SortedValues.build_with(held, values)
    added = base.with_items(extra, extra_values)
    # The old way: everything concatenated, held ones first, the first value of a key wins.
    rebuilt = SortedValues.build_with(np.concatenate([base.keys, extra]), np.concatenate([base.values, extra_values]))
    assert np.array_equal(added.keys, rebuilt.keys)
    assert np.array_equal(added.values, rebuilt.values)


@pytest.mark.parametrize("seed, held_count, asked", [(0, 5000, 400), (1, 5000, 3000), (2, 100_000, 3000), (3, 0, 600)])
def test_a_few_keys_layered_over_many_answer_as_one_merged_table(seed, held_count, asked):
    # The lexicon's glossary words sit in a small table over the cached one instead of a merged
    # copy: every question (few or many, at small or large tables) must get the merged answer.
    rng = np.random.default_rng(seed)
    held = _random_keys(rng, held_count)
    base = SortedValues.build_with(held, rng.random(held_count))
    top_keys = np.concatenate([_random_keys(rng, 300), held[:50]])
    top = SortedValues.build_with(top_keys, rng.random(len(top_keys)))
    layered, keys = LayeredValues(base, top), LayeredKeys(base, top)
    # The top's values win, so the merged table takes them first.
    merged = SortedValues.build_with(np.concatenate([top.keys, base.keys]), np.concatenate([top.values, base.values]))
    queries = np.concatenate([held[::3], top_keys, _random_keys(rng, asked)])
    rng.shuffle(queries)
    hit, values = layered.lookup(queries)
    merged_hit, merged_values = merged.lookup(queries)
    assert np.array_equal(hit, merged_hit) and np.array_equal(values, merged_values)
    assert np.array_equal(keys.contains(queries), merged.contains(queries))
    assert hit.sum() >= len(top_keys) and not hit.all()


def test_adding_nothing_or_only_held_keys_changes_nothing():
    base = SortedKeys.build(ngrams.of_many(["普丁", "普京", "雅爾達"]))
    assert np.array_equal(base.with_keys(np.array([], dtype=np.uint64)).keys, base.keys)
    assert np.array_equal(base.with_keys(ngrams.of_many(["普京"])).keys, base.keys)
    empty = SortedValues(np.array([], dtype=np.uint64), np.array([], dtype=np.float64))
    one = empty.with_items(ngrams.of_many(["普京"]), np.array([-3.0]))
    assert one.find(ngrams.of_many(["普京", "普丁"])).tolist() == [0, -1] and one.values.tolist() == [-3.0]
