"""The layering rule: app/core and app/io never import Qt (checked in the source and at run time)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            names.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return names


@pytest.mark.parametrize("layer", ["core", "io"])
def test_layer_source_never_imports_qt(layer):
    offenders = [
        f"{path.relative_to(APP.parent)} imports {name}"
        for path in sorted((APP / layer).rglob("*.py"))
        for name in _imported_modules(path)
        if name.split(".")[0] in QT_MODULES
    ]
    assert offenders == []


def test_importing_every_core_and_io_module_loads_no_qt():
    modules = [
        ".".join(path.relative_to(APP.parent).with_suffix("").parts)
        for layer in ("core", "io")
        for path in sorted((APP / layer).rglob("*.py"))
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=APP.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_guard_sees_a_qt_import(tmp_path):
    # The checker itself must notice each way of importing Qt, or the test above proves nothing.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom PySide6.QtCore import QObject\nimport importlib\nimportlib.import_module('shiboken6')\n"
    )
    assert {"PySide6.QtCore", "shiboken6"} <= _imported_modules(sample)
