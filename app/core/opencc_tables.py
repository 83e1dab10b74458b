"""OpenCC's data as app.core takes it, and the tables in use.

Both script detection (app.core.script_detection) and conversion (app.core.scripts) are made
from these tables; each keeps what it built from them, so the tables are handed over once, by
app.io, and nothing is read until a text is first looked at or converted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol


class OpenccTables(Protocol):
    """OpenCC's configurations and dictionaries, as app.io reads them from the opencc package.

    We only replace OpenCC's conversion loop, which neither keeps offsets nor is fast enough to
    build a shadow of a 2 MB novel; its data stays the authority.
    """

    def candidates(self, name: str) -> Mapping[str, Sequence[str]]:
        """A dictionary file by name ("TSCharacters.txt"): each key with its candidates, the most common first."""
        ...

    def chain(self, config: str) -> Sequence[Sequence[str]]:
        """A configuration by name ("t2s"): the dictionary files of each step, earlier files of a step first."""
        ...


# Module-level, because every layer detects and converts scripts (the reader, the library's
# filter, the pipeline): the tables are handed over once by whoever builds the app.
_tables: OpenccTables | None = None


def use_tables(tables: OpenccTables) -> None:
    """Detect and convert with these tables from now on (handing over the same ones again keeps what was built)."""
    global _tables
    _tables = tables


def tables_in_use() -> OpenccTables:
    tables = _tables
    if tables is None:
        raise RuntimeError("no OpenCC tables yet: app.io.core_data.provide() hands them to app.core.opencc_tables")
    return tables
