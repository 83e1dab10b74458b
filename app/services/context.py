"""The application's parts, made once from its folders and shared by the window and the command line."""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING

from app.core.glossary import Glossary
from app.core.levels import Levels
from app.io.glossary.cached import load_glossary_cached
from app.io.glossary.files import LoadResult
from app.io.paths import Paths
from app.io.store.paragraph_cache import ParagraphCache
from app.io.store.user_store import Store

if TYPE_CHECKING:
    from app.core.orthography import ProperNames
    from app.core.pipeline import Pipeline
    from app.core.segment import Segmenter
    from app.io.anki_deck import NoteStamps
    from app.io.cedict.dictionary import Cedict


class AppContext:
    """Lazily built: a command that only segments never opens the store or the dictionary."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths.ensure()
        self._lock = threading.RLock()
        from app.io import core_data

        core_data.provide(self.paths.cache)

    @cached_property
    def levels(self) -> Levels:
        """HSK levels and frequencies, read from their packages when first asked for."""
        from app.io.word_levels import cached_hsk_words, cached_zipf_lookup

        with self._lock:
            return Levels(cached_hsk_words(self.paths.cache), cached_zipf_lookup(self.paths.cache))

    @cached_property
    def store(self) -> Store:
        return Store(self.paths.data)

    def anki_stamps(self) -> NoteStamps:
        """The stamps of the Anki notes exported so far, read afresh for each export (another
        process may have exported since)."""
        from app.io.anki_deck import NoteStamps

        return NoteStamps.in_folder(self.paths.data)

    @cached_property
    def paragraph_cache(self) -> ParagraphCache:
        """Annotated paragraphs, derived data: in the cache folder, never in the user's store."""
        return ParagraphCache(self.paths.cache)

    @cached_property
    def bundled_glossary(self) -> LoadResult:
        return load_glossary_cached(self.paths.cache)

    @cached_property
    def glossary(self) -> Glossary:
        """The bundled glossary with the user's edits and imports over it."""
        return self.bundled_glossary.glossary.layered(self.store.user_concepts())

    def reload_glossary(self) -> Glossary:
        with self._lock:
            self.__dict__.pop("glossary", None)
            glossary = self.glossary
            if "segmenter" in self.__dict__:  # one not built yet takes the new words when it is
                self.segmenter.set_words(glossary.user_words())
            return glossary

    @cached_property
    def segmenter(self) -> Segmenter:
        from app.io.segment_models import load_segmenter

        # Glossary terms (every form, both scripts) join the lexicons as words.
        segmenter: Segmenter = load_segmenter(self.paths.cache / "segment", self.glossary.user_words())
        return segmenter

    @cached_property
    def pipeline(self) -> Pipeline:
        from app.core.pipeline import Pipeline

        return Pipeline(self.segmenter)

    @cached_property
    def proper_names(self) -> ProperNames:
        """Which words are proper names (capitalised in pinyin): CC-CEDICT's and the glossary's."""
        from app.core.orthography import ProperNames

        return ProperNames(self.cedict.proper_names(), self.glossary)

    @cached_property
    def cedict(self) -> Cedict:
        from app.io.cedict.dictionary import Cedict

        return Cedict(self.paths.cache)
