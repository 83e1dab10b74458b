"""The glossary service: a file imported into the user's layer and used at once, and exports."""

import csv
import io

import pytest

from app.io.textinput import InputError
from app.services.glossary import export_glossary, import_glossary


def test_an_import_lands_in_the_users_layer_and_the_segmenter_takes_its_words(context, tmp_path):
    source = tmp_path / "mine.csv"
    source.write_text(
        "source,target,note\n蒲亭,Vladimir Putin,HK press spelling\n龍貓公車,Catbus,\n,,\n", encoding="utf-8"
    )
    segmenter = context.segmenter
    report = import_glossary(context, source)
    assert (report.added, report.updated, len(report.rejected)) == (1, 1, 1)
    assert context.glossary.find_term("蒲亭")[0].id == "vladimir-putin"
    stored = {c.id for c in context.store.user_concepts().values() if c}
    assert "vladimir-putin" in stored and len(stored) == 2
    assert "龍貓公車" in segmenter.words("他們坐上龍貓公車了")


def test_a_file_that_cannot_be_imported_is_one_input_error_and_changes_nothing(context, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_bytes(b"")
    with pytest.raises(InputError, match="the file is empty"):
        import_glossary(context, source)
    assert context.store.user_concepts() == {}


def test_an_export_of_one_articles_concepts(context, tmp_path):
    exported = export_glossary(context, tmp_path / "g.csv", "csv", "prospect-alaska-northeast-asia")
    rows = list(csv.DictReader(io.StringIO(exported.target.read_text(encoding="utf-8-sig"))))
    concepts = {r["concept_id"] for r in rows}
    assert exported.concepts == len(concepts) and exported.entries == len(rows)
    assert "vladimir-putin" in concepts and "concert-of-europe" not in concepts
    everything = export_glossary(context, tmp_path / "all.csv", "csv")
    assert everything.concepts == len(context.glossary) > exported.concepts


@pytest.mark.parametrize(
    "output, article, message",
    [
        ("no/such/folder/g.csv", None, "no such folder"),
        ("g.csv", "no-such-article", "neither a bundled article id nor a file"),
    ],
)
def test_an_export_that_cannot_be_made_is_one_input_error(context, tmp_path, output, article, message):
    with pytest.raises(InputError, match=message):
        export_glossary(context, tmp_path / output, "csv", article)
