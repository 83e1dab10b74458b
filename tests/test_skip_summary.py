"""The end of a test run says once how many tests need ../shared, not only under -rs."""

from pathlib import Path

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]


def test_tests_needing_shared_data_are_counted_at_the_end(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest("from tests.conftest import pytest_terminal_summary  # noqa: F401\n")
    pytester.makepyfile(
        """
        import pytest

        def test_a():
            pytest.skip("needs ../shared: the data is not there")

        @pytest.mark.skipif(True, reason="needs ../shared: the seeds are not there")
        def test_b():
            pass

        def test_c():
            pytest.skip("another reason")

        def test_d():
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:xdist", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, skipped=3)
    result.stdout.fnmatch_lines(["2 tests skipped: they need ../shared*"])
