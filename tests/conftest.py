"""Test set-up: Qt without a screen, and a private data folder for every test."""

import os
import tempfile

# Before anything imports Qt: the tests never need a display, and QSettings (which follows
# XDG_CONFIG_HOME on Linux) must never write the user's real configuration.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="duben-test-config-")
# Derived data (segmentation models, the CC-CEDICT index) is the same for every test: one warm
# cache for the whole run, inherited by the command-line processes the tests start. A test
# that checks where the cache goes removes this and names its own.
os.environ.setdefault("DUBEN_CACHE_DIR", tempfile.mkdtemp(prefix="duben-test-cache-"))

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.io import core_data  # noqa: E402

# app.core's data, handed over as the app's context does, for tests that call core directly
# (some build their tables when collected, before any fixture runs).
core_data.provide(Path(os.environ["DUBEN_CACHE_DIR"]))


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder, so none touches the user's real data."""
    home = tmp_path / "duben-home"
    monkeypatch.setenv("DUBEN_HOME", str(home))
    return home


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """Say once, at the end, how many tests could not run for want of ../shared (the benchmark
    data and seed articles beside the project), instead of only under -rs."""
    needing = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and "needs ../shared" in str(report.longrepr[2])
    ]
    if needing:
        terminalreporter.write_line(
            f"{len(needing)} tests skipped: they need ../shared (the shared data and seeds) beside the "
            "project; put a copy of it there to run them",
            yellow=True,
        )
