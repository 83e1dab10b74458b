"""The glossary panel: its table model and filter, undoable edits through the store, add, delete, export."""

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.io.glossary.export import export
from app.io.paths import resolve
from app.services.context import AppContext
from app.ui.glossary.export_dialog import Scope, concepts_in_scope
from app.ui.glossary.model import (
    COL_CATEGORY,
    COL_CHINESE,
    COL_CONCEPT,
    COL_ENGLISH,
    COL_ORIGIN,
    COL_PINYIN,
    COL_REGION,
    COL_STATUS,
    ConceptRole,
    GlossaryFilterModel,
    GlossaryTableModel,
    TermRole,
)
from app.ui.glossary.panel import GlossaryPanel


@pytest.fixture
def context(tmp_path):
    return AppContext(resolve(tmp_path / "data"))


@pytest.fixture
def panel(qtbot, context):
    widget = GlossaryPanel(context)
    qtbot.addWidget(widget)
    return widget


def shown(proxy) -> list[tuple[str, str]]:
    """(concept id, Chinese) of each row the proxy shows."""
    rows = []
    for row in range(proxy.rowCount()):
        index = proxy.index(row, COL_CHINESE)
        rows.append((index.data(ConceptRole).id, index.data()))
    return rows


def putin_rows(model) -> dict[str, int]:
    return {model.index(r, COL_CHINESE).data(): r for r in model.rows_of("vladimir-putin")}


def test_model_and_proxy_pass_the_model_tester(qtmodeltester, context):
    model = GlossaryTableModel()
    model.set_glossary(context.glossary)
    qtmodeltester.check(model)
    proxy = GlossaryFilterModel()
    proxy.setSourceModel(model)
    proxy.set_query("putin")
    qtmodeltester.check(proxy)


def test_one_row_per_regional_form(context):
    model = GlossaryTableModel()
    model.set_glossary(context.glossary)
    assert model.rowCount() == sum(len(c.terms) for c in context.glossary)
    rows = putin_rows(model)
    assert set(rows) == {"普京", "普丁", "普亭", "普欽"}
    assert model.index(rows["普京"], COL_REGION).data() == "CN/HK"
    assert model.index(rows["普丁"], COL_REGION).data() == "TW"
    assert model.index(rows["普丁"], COL_PINYIN).data() == "pǔ dīng"
    assert model.index(rows["普丁"], COL_ENGLISH).data() == "Vladimir Putin | Putin"
    assert model.index(rows["普丁"], COL_ORIGIN).data() == "bundled"
    assert model.index(rows["普丁"], COL_CHINESE).data(TermRole).regions == ("TW",)


@pytest.mark.parametrize("query", ["普京", "普丁", "putin", "PUTIN", "pujing", "pu3jing1", "pǔjīng", "pǔ dīng"])
def test_the_query_finds_both_forms_of_putin(panel, query):
    panel.query_edit.setText(query)
    rows = shown(panel.proxy)
    assert ("vladimir-putin", "普京") in rows and ("vladimir-putin", "普丁") in rows


def test_tones_in_the_query_are_compared(panel):
    panel.proxy.set_query("pu4jing1")
    assert "vladimir-putin" not in {cid for cid, _ in shown(panel.proxy)}


def test_either_script_finds_the_same_rows(panel):
    panel.proxy.set_query("乌克兰")
    simplified = shown(panel.proxy)
    panel.proxy.set_query(" 烏克蘭 ")  # nor does white space around the query matter
    assert simplified and shown(panel.proxy) == simplified


def test_category_and_region_filters(panel):
    panel.category_combo.setCurrentIndex(panel.category_combo.findData("person"))
    rows = shown(panel.proxy)
    assert rows and all(panel.model.glossary.get(cid).category == "person" for cid, _ in rows)
    panel.region_combo.setCurrentIndex(panel.region_combo.findData("TW"))
    rows = shown(panel.proxy)
    assert ("vladimir-putin", "普丁") in rows and ("vladimir-putin", "普京") not in rows
    panel.query_edit.setText("putin")
    assert shown(panel.proxy) == [("vladimir-putin", "普丁"), ("vladimir-putin", "普亭"), ("vladimir-putin", "普欽")]
    panel.category_combo.setCurrentIndex(panel.category_combo.findData("place"))
    assert shown(panel.proxy) == []


def test_editing_the_english_saves_and_undo_restores_the_bundled_text(panel, context, tmp_path):
    model = panel.model
    row = putin_rows(model)["普丁"]
    assert model.setData(model.index(row, COL_ENGLISH), "Vladimir Putin | Putin | V. V. Putin")
    # Both forms show the concept's new English, and the store has it for a fresh start.
    for r in putin_rows(model).values():
        assert model.index(r, COL_ENGLISH).data() == "Vladimir Putin | Putin | V. V. Putin"
        assert model.index(r, COL_ORIGIN).data() == "user"
    fresh = AppContext(resolve(tmp_path / "data"))
    assert fresh.glossary.get("vladimir-putin").english[-1] == "V. V. Putin"
    assert panel.undo_stack.count() == 1

    panel.undo_stack.undo()
    again = AppContext(resolve(tmp_path / "data"))
    assert "vladimir-putin" not in again.store.user_concepts()
    assert again.glossary.get("vladimir-putin").english == ("Vladimir Putin", "Putin")
    assert model.index(putin_rows(model)["普丁"], COL_ORIGIN).data() == "bundled"
    panel.undo_stack.redo()
    assert context.glossary.get("vladimir-putin").english[-1] == "V. V. Putin"


def test_an_edit_updates_only_the_concepts_rows(panel, qtbot):
    model = panel.model
    rows = sorted(putin_rows(model).values())
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as blocker:
        assert model.setData(model.index(rows[0], COL_REGION), "cn, hk, tw")
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), bottom.row()) == (rows[0], rows[-1])


@pytest.mark.parametrize(
    "column, value",
    [
        (COL_REGION, "RU"),
        (COL_REGION, ""),
        (COL_CHINESE, "  "),
        (COL_ENGLISH, " | "),
        (COL_CHINESE, "烏克蘭"),  # another concept's form (in Traditional, too)
    ],
)
def test_invalid_edits_are_refused(panel, column, value, qtbot):
    model = panel.model
    row = putin_rows(model)["普丁"]
    with qtbot.waitSignal(model.edit_refused):
        assert not model.setData(model.index(row, column), value)
    assert panel.undo_stack.count() == 0
    assert panel.message_label.text()


def test_unknown_status_and_category_are_refused(panel):
    model = panel.model
    row = putin_rows(model)["普丁"]
    assert not model.setData(model.index(row, COL_STATUS), "official")
    assert not model.setData(model.index(row, COL_CATEGORY), "politician")
    assert model.setData(model.index(row, COL_STATUS), "admitted")


def test_a_numbered_pinyin_edit_is_stored_with_tone_marks(panel, context):
    model = panel.model
    row = putin_rows(model)["普丁"]
    assert model.setData(model.index(row, COL_PINYIN), "pu3 ding1")
    assert context.glossary.get("vladimir-putin").term("普丁").pinyin == "pǔ dīng"


def test_add_term_makes_a_new_concept_that_segments_as_one_word(panel, context):
    assert context.pipeline.words("他喜歡讀本貓咪") != ["他", "喜歡", "讀本貓咪"]
    concept_id = panel.add_term("讀本貓咪", "", "Duben cat", "TW", "preferred", "other")
    assert concept_id == "duben-cat"
    assert context.pipeline.words("他喜歡讀本貓咪") == ["他", "喜歡", "讀本貓咪"]
    assert ("duben-cat", "讀本貓咪") in shown(panel.proxy)
    assert panel.current_concept().id == "duben-cat"
    panel.undo_stack.undo()
    assert context.glossary.get("duben-cat") is None
    assert panel.model.rows_of("duben-cat") == []


def test_add_term_to_an_existing_concept(panel, context):
    concept_id = panel.add_term("蒲亭", "", "Putin", "HK", "deprecated", "person", concept_id="vladimir-putin")
    assert concept_id == "vladimir-putin"
    concept = context.glossary.get("vladimir-putin")
    assert [t.text for t in concept.terms] == ["普京", "普丁", "普亭", "普欽", "蒲亭"]
    assert concept.english == ("Vladimir Putin", "Putin")  # no duplicate English
    assert set(putin_rows(panel.model)) == {"普京", "普丁", "普亭", "普欽", "蒲亭"}
    with pytest.raises(ValueError):
        panel.add_term("普京", "", "Putin", "CN", "preferred", "person")


def test_delete_hides_a_bundled_concept_and_undo_brings_it_back(panel, context):
    panel.select_concept("vladimir-putin")
    panel.delete_button.click()
    assert context.glossary.get("vladimir-putin") is None
    assert panel.model.rows_of("vladimir-putin") == []
    assert context.store.user_concepts()["vladimir-putin"] is None
    panel.undo_stack.undo()
    assert context.glossary.get("vladimir-putin").origin == "bundled"
    assert len(panel.model.rows_of("vladimir-putin")) == len(context.glossary.get("vladimir-putin").terms) == 4
    assert "vladimir-putin" not in context.store.user_concepts()


def test_export_only_the_users_concepts(panel, tmp_path):
    panel.add_term("讀本貓咪", "", "Duben cat", "TW", "preferred", "other")
    panel.model.setData(panel.model.index(putin_rows(panel.model)["普丁"], COL_ENGLISH), "Putin")
    path = tmp_path / "mine.csv"
    glossary = panel.model.glossary
    # One row per Chinese term: the cat's one and the edited Putin's four.
    assert export(concepts_in_scope(glossary, Scope.USER), path, "csv", derive=True) == 5
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["concept_id"] for r in rows} == {"duben-cat", "vladimir-putin"}
    assert {r["origin"] for r in rows} == {"user"}
    everything = export(concepts_in_scope(glossary, Scope.ALL), tmp_path / "all.csv", "csv", derive=True)
    assert everything == panel.model.rowCount()


def test_double_click_activates_the_concept(panel, qtbot):
    panel.show()
    panel.query_edit.setText("普丁")
    index = panel.proxy.index(0, COL_CONCEPT)
    with qtbot.waitSignal(panel.concept_activated) as blocker:
        panel.view.doubleClicked.emit(index)
    assert blocker.args == ["vladimir-putin"]


def test_an_edit_typed_in_the_view_is_saved_and_keeps_the_selection(panel, qtbot):
    panel.show()
    panel.query_edit.setText("普丁")
    panel.select_concept("vladimir-putin", "普丁")
    index = panel.view.currentIndex().siblingAtColumn(COL_STATUS)
    panel.view.edit(index)
    editor = panel.view.findChild(QLineEdit)
    qtbot.waitUntil(lambda: editor is not None and editor.isVisible())
    editor.setText("admitted")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.undo_stack.count() == 1)
    assert panel.model.glossary.get("vladimir-putin").term("普丁").status == "admitted"
    assert panel.view.currentIndex().data(TermRole).text == "普丁"
    panel.undo_stack.undo()
    assert panel.view.currentIndex().data(TermRole).status == "preferred"


def test_importing_a_glossary_file_is_one_undoable_step(panel, context, tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("蒲亭,Vladimir Putin,a rare spelling\n北約組織,NATO alliance\n雅爾達\n", encoding="utf-8")
    before = context.store.user_concepts()
    message = panel.import_from(path)
    assert message.startswith("terms.csv: 1 added, 1 updated, 1 rejected (first: has 1 field")
    assert "\n" not in message and panel.message_label.text() == message
    assert "蒲亭" in {t.text for t in context.glossary.get("vladimir-putin").terms}
    assert any(p[1] == "北約組織" for p in shown(panel.proxy))
    panel.undo_stack.undo()
    assert context.store.user_concepts() == before
    assert "蒲亭" not in {t.text for t in context.glossary.get("vladimir-putin").terms}
    panel.undo_stack.redo()
    assert "蒲亭" in {t.text for t in context.glossary.get("vladimir-putin").terms}


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "the file is empty"),
        ("普丁,Putin\n".encode("cp950"), "not UTF-8 (it looks like Big5"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ],
)
def test_a_glossary_file_that_cannot_be_imported_changes_nothing(panel, context, tmp_path, data, expected):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    before = context.store.user_concepts()
    message = panel.import_from(path)
    assert message.startswith("bad.csv: ") and expected in message and "\n" not in message
    assert context.store.user_concepts() == before and panel.undo_stack.count() == 0
