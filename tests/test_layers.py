"""The layering rules: app/core and app/io never import Qt, and app/core does no I/O (checked in the
source and at run time)."""

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


# What only a module doing I/O needs: app/core is handed its data by app/io instead.
IO_MODULES = ("platformdirs", "tempfile", "shutil", "sqlite3", "importlib.resources")
IO_METHODS = frozenset(
    {"open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "makedirs", "touch", "unlink", "rmdir"}
)
ENVIRONMENT = frozenset({"environ", "environb", "getenv", "putenv", "unsetenv"})


def _io_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "open":
                found.append(f"{where} calls open()")
            elif isinstance(node.func, ast.Attribute) and node.func.attr in IO_METHODS:
                found.append(f"{where} calls .{node.func.attr}()")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
            if node.attr in ENVIRONMENT:
                found.append(f"{where} reads os.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found.extend(f"{where} imports os.{a.name}" for a in node.names if a.name in ENVIRONMENT)
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if isinstance(node, ast.ImportFrom) and node.module == "importlib":
                names += [f"importlib.{a.name}" for a in node.names]
            found.extend(
                f"{where} imports {n}" for n in names if any(n == m or n.startswith(m + ".") for m in IO_MODULES)
            )
    return found


def test_core_source_does_no_io():
    offenders = [use for path in sorted((APP / "core").rglob("*.py")) for use in _io_uses(path)]
    assert offenders == []


def test_the_guard_sees_io(tmp_path):
    # Each way the check must notice, or the test above proves nothing.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nimport platformdirs\nfrom importlib import resources\nfrom os import getenv\n"
        "from pathlib import Path\n"
        "with open('x') as f: pass\n"
        "Path('x').read_text()\nPath('x').write_bytes(b'')\nPath('x').mkdir()\n"
        "home = os.environ['HOME']\nos.getenv('HOME')\nresources.files('g2pM').joinpath('a').open('rb')\n"
    )
    found = " ".join(_io_uses(sample))
    for expected in (
        "imports platformdirs",
        "imports importlib.resources",
        "imports os.getenv",
        "calls open()",
        "calls .read_text()",
        "calls .write_bytes()",
        "calls .mkdir()",
        "reads os.environ",
        "reads os.getenv",
        "calls .open()",
    ):
        assert expected in found


def test_importing_every_core_module_reads_no_file():
    # Only code may be opened while app.core loads: its data is handed over later, and read
    # only when first used (pypinyin, which reads its dictionaries when imported, included).
    modules = [
        ".".join(path.relative_to(APP.parent).with_suffix("").parts) for path in sorted((APP / "core").rglob("*.py"))
    ]
    code = (
        "import importlib, sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(args[0]) if event == 'open' and isinstance(args[0], str) else None)\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print([p for p in opened if not p.endswith(('.py', '.pyc', '.so'))])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=APP.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
