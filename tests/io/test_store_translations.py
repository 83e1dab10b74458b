"""The user's translations and target regions in the user store."""

from app.io.store.migrations import SCHEMA_VERSION
from app.io.store.translations import StoredTranslation, Translations
from app.io.store.user_store import Store


def test_translations_are_kept_per_paragraph_and_an_empty_one_removes(tmp_path):
    store = Store(tmp_path)
    translations = Translations(store)
    translations.put("a1", [StoredTranslation(0, "aaaaaaaa", "One."), StoredTranslation(2, "cccccccc", "Three.")])
    translations.put("a1", [StoredTranslation(0, "abababab", "One, again."), StoredTranslation(2, "cccccccc", " ")])
    assert translations.of("a1") == [StoredTranslation(0, "abababab", "One, again.")]
    assert translations.of("a2") == []
    # Another process (a new connection) sees the same.
    assert Translations(Store(tmp_path)).of("a1") == [StoredTranslation(0, "abababab", "One, again.")]


def test_a_target_region_is_set_and_forgotten(tmp_path):
    translations = Translations(Store(tmp_path))
    assert translations.target("a1") is None
    translations.set_target("a1", "HK")
    assert translations.target("a1") == "HK"
    translations.set_target("a1", None)
    assert translations.target("a1") is None


def test_deleting_an_article_deletes_its_translation(tmp_path):
    store = Store(tmp_path)
    article = store.add_article("T", "正文。", "pasted", "txt")
    translations = Translations(store)
    translations.put(article, [StoredTranslation(0, "aaaaaaaa", "Text.")])
    translations.set_target(article, "CN")
    store.delete_article(article)
    assert translations.of(article) == [] and translations.target(article) is None
    assert store.schema_version == SCHEMA_VERSION


def test_deprecated_english_is_read_from_a_glossary_file_and_kept_in_the_store(tmp_path):
    from app.io.glossary.files import concept_from_record

    record = {
        "id": "vladimir-putin",
        "category": "person",
        "english": ["Vladimir Putin"],
        "english_deprecated": ["Poutine", " "],
        "terms": [{"zh": "普丁", "region": "TW"}],
    }
    concept = concept_from_record(record)
    assert concept.deprecated_english == ("Poutine",)
    store = Store(tmp_path)
    store.put_concept(concept)
    assert store.user_concepts()["vladimir-putin"].deprecated_english == ("Poutine",)
