"""File modes of every export (issue 14, item 6): a new file follows the umask, a replaced one
keeps its mode, so a handout or glossary in a shared folder stays readable to others."""

from __future__ import annotations

import contextlib
import io
import os
import stat

import pytest

from app.cli import main
from app.io.glossary.export import FORMATS
from app.io.paths import resolve
from app.io.store.user_store import Store
from tests.helpers import run_cli
from tests.test_bad_input_exports import EXPORTS as OTHER_EXPORTS

# Every export of the command line, with every glossary format.
EXPORTS = {**OTHER_EXPORTS, **{f"glossary-{name}": ("glossary", "export", "--format", name) for name in FORMATS}}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A data folder with one imported article, a word being learnt and a note; (folder, id)."""
    home = tmp_path_factory.mktemp("modes") / "home"
    source = home.parent / "mine.txt"
    source.write_text("普丁與川普在阿拉斯加會面。\n", encoding="utf-8")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["--data-dir", str(home), "import", str(source)]) == 0
        assert main(["--data-dir", str(home), "vocab", "mark", "普丁", "learning"]) == 0
    article = printed.getvalue().split()[0]
    store = Store(resolve(home).data)
    store.set_user_note(article, 0, "", "a note of mine")
    store.close()
    return home, article


@pytest.fixture
def umask_027():
    previous = os.umask(0o027)
    yield
    os.umask(previous)


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_a_new_export_follows_the_umask_and_a_replaced_one_keeps_its_mode(capsys, library, tmp_path, kind, umask_027):
    home, article = library
    args = [part.format(id=article) for part in EXPORTS[kind]]
    new = tmp_path / "new.out"
    code, _, err = run_cli(capsys, home, *args, "-o", str(new))
    assert code == 0, err
    assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0666 under the umask 027
    for mode in (0o644, 0o600, 0o664):
        shared = tmp_path / f"shared-{mode:o}.out"
        shared.write_bytes(b"previous")
        shared.chmod(mode)
        code, _, err = run_cli(capsys, home, *args, "-o", str(shared))
        assert code == 0, err
        assert shared.read_bytes() != b"previous"
        assert stat.S_IMODE(shared.stat().st_mode) == mode, kind
