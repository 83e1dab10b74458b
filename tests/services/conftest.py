"""Services on real stores: a data folder of the test's own and a paragraph cache of its own.

The models and the dictionary index come from the run's shared cache folder (they are the same
for every test); the annotated paragraphs go to a folder of the test's own, so what one test
annotated is never another's cache hit.
"""

import pytest

from app.core.text import paragraph_spans
from app.io.paths import resolve
from app.io.store.paragraph_cache import ParagraphCache
from app.services.context import AppContext
from app.services.documents import Documents


@pytest.fixture
def context(private_data_dir, tmp_path):
    made = AppContext(resolve(private_data_dir))
    made.paragraph_cache = ParagraphCache(tmp_path / "paragraph-cache")
    yield made
    made.paragraph_cache.close()
    made.store.close()


@pytest.fixture
def documents(context):
    return Documents(context)


class PipelineCalls:
    """The paragraph indices the pipeline was asked to annotate, batch by batch."""

    def __init__(self, monkeypatch, context):
        self.batches: list[list[int]] = []
        original = type(context.pipeline).paragraphs

        def counted(pipeline, text, *args, only=None, **kwargs):
            self.batches.append(sorted(only) if only is not None else list(range(len(paragraph_spans(text)))))
            return original(pipeline, text, *args, only=only, **kwargs)

        monkeypatch.setattr(type(context.pipeline), "paragraphs", counted)

    @property
    def paragraphs(self) -> list[int]:
        return sorted(i for batch in self.batches for i in batch)


@pytest.fixture
def pipeline_calls(monkeypatch, context):
    return PipelineCalls(monkeypatch, context)
