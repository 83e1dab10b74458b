"""The checks service: a run over annotated articles, and its report as text, CSV and JSON."""

import json

import pytest

from app.io.textinput import InputError
from app.services.checks import checked_articles, needs_fixing, report, run_checks, write_report

ARTICLES = ["newtalk-alaska-concert", "prospect-alaska-northeast-asia"]


@pytest.fixture
def findings(documents):
    return run_checks(documents, ARTICLES)


def test_checked_articles_are_the_annotated_paragraphs(documents):
    [checked] = checked_articles(documents, ARTICLES[1:])
    assert checked.paragraphs == documents.annotated(documents.article(ARTICLES[1]))
    assert any(t.concept_id == "vladimir-putin" for p in checked.paragraphs for t in p.terms)


def test_a_run_finds_mixed_variants_across_articles_and_warnings(findings):
    putin = {(f.article, f.term) for f in findings if f.kind == "mixed-variants" and f.concept == "vladimir-putin"}
    assert putin == {("newtalk-alaska-concert", "普京"), ("prospect-alaska-northeast-asia", "普丁")}
    assert needs_fixing(findings) and not needs_fixing([f for f in findings if f.severity == "info"])


def test_the_report_formats(findings, tmp_path):
    text = report(findings, "text")
    assert (
        text.startswith("== ")
        and not text.endswith("\n")
        and text.splitlines()[-1].startswith(f"{len(findings)} findings")
    )
    rows = report(findings, "csv").splitlines()
    assert rows[0].startswith("kind,severity,article") and len(rows) == len(findings) + 1
    assert len(json.loads(report(findings, "json"))) == len(findings)
    write_report(findings, "csv", tmp_path / "report.csv")
    raw = (tmp_path / "report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # for a spreadsheet
    write_report(findings, "json", tmp_path / "report.json")
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8")) == json.loads(report(findings, "json"))


def test_a_report_that_cannot_be_written_is_one_input_error(findings, tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(InputError, match="cannot be written"):
        write_report(findings, "text", tmp_path / "taken")
