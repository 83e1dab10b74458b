"""Where data lives: --data-dir beats $DUBEN_HOME beats the platform's folders."""

from app.io.paths import resolve


def test_an_explicit_folder_holds_its_own_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("DUBEN_CACHE_DIR", raising=False)
    paths = resolve(tmp_path / "d")
    assert paths.data == tmp_path / "d" and paths.cache == tmp_path / "d" / "cache"


def test_duben_home_is_used_when_no_folder_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("DUBEN_HOME", str(tmp_path / "home"))
    assert resolve(None).data == tmp_path / "home"
    assert resolve(tmp_path / "flag").data == tmp_path / "flag"


def test_platform_folders_without_either(monkeypatch):
    monkeypatch.delenv("DUBEN_HOME", raising=False)
    monkeypatch.delenv("DUBEN_CACHE_DIR", raising=False)
    paths = resolve(None)
    assert paths.data.name == "duben" and paths.cache.name == "duben"
    assert paths.data != paths.cache


def test_ensure_creates_both(tmp_path):
    paths = resolve(tmp_path / "new").ensure()
    assert paths.data.is_dir() and paths.cache.is_dir()


def test_an_explicit_cache_folder_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("DUBEN_CACHE_DIR", str(tmp_path / "env-cache"))
    assert resolve(tmp_path / "d").cache == tmp_path / "env-cache"
    assert resolve(tmp_path / "d", tmp_path / "flag-cache").cache == tmp_path / "flag-cache"
    assert resolve(tmp_path / "d").data == tmp_path / "d"
