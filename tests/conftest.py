"""Test set-up: Qt without a screen, and a private data folder for every test."""

import os
import tempfile

# Before anything imports Qt: the tests never need a display, and QSettings (which follows
# XDG_CONFIG_HOME on Linux) must never write the user's real configuration.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="duben-test-config-")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder, so none touches the user's real data."""
    home = tmp_path / "duben-home"
    monkeypatch.setenv("DUBEN_HOME", str(home))
    return home
