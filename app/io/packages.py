"""Where installed packages keep their data files, found without importing the packages."""

from __future__ import annotations

import importlib.util
from pathlib import Path


class ModelMissing(RuntimeError):
    """A package that ships a model is not installed (the message names it)."""


def package_dir(name: str) -> Path:
    """Where an installed package's files are, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"the {name} package is not installed (pip install -e . installs it)")
    return Path(next(iter(spec.submodule_search_locations)))
