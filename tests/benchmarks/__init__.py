"""Benchmarks: run one with `python -m tests.benchmarks.bench_NAME`; not part of the default test run."""
