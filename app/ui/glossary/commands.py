"""Undoable glossary changes: each writes the user layer of the store, then asks the panel to refresh."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.core.glossary import Concept
from app.io.store.user_store import Store

# refresh(concept_id): reload the glossary and show it, selecting that concept's row where it shows.
Refresh = Callable[[str | None], None]

_ABSENT = object()  # the store had no row for the id: the bundled concept (or nothing) showed


def _user_row(store: Store, concept_id: str) -> object:
    """The store's row for an id: a Concept, None (the user deleted it) or _ABSENT."""
    return store.user_concepts().get(concept_id, _ABSENT)


def _restore(store: Store, concept_id: str, row: object) -> None:
    # Undo puts back the exact row that was there, so undoing the first edit of a bundled
    # concept forgets the user's version instead of freezing a copy of the bundled one.
    if row is _ABSENT:
        store.reset_concept(concept_id)
    elif row is None:
        store.delete_concept(concept_id)
    elif isinstance(row, Concept):
        store.put_concept(row)


class _ConceptCommand(QUndoCommand):
    """Redo writes `after` (or deletes, when None); undo restores the store's earlier row."""

    def __init__(self, store: Store, concept_id: str, after: Concept | None, refresh: Refresh, text: str):
        super().__init__(text)
        self._store = store
        self._id = concept_id
        self._after = after
        self._refresh = refresh
        self._previous = _user_row(store, concept_id)

    @property
    def concept_id(self) -> str:
        return self._id

    def redo(self) -> None:
        if self._after is None:
            self._store.delete_concept(self._id)
        else:
            self._store.put_concept(self._after)
        self._refresh(self._id)

    def undo(self) -> None:
        _restore(self._store, self._id, self._previous)
        self._refresh(self._id)


class EditConceptCommand(_ConceptCommand):
    """A concept changed (a cell edited in the table): `before` is what showed, `after` what is saved."""

    def __init__(self, store: Store, before: Concept, after: Concept, refresh: Refresh):
        super().__init__(store, after.id, after, refresh, f"Edit {before.preferred_english or before.id}")
        self.before = before


class AddTermCommand(_ConceptCommand):
    """A Chinese term added: to an existing concept (`before` given) or as a new concept (`before` None)."""

    def __init__(self, store: Store, before: Concept | None, after: Concept, text: str, refresh: Refresh):
        label = f"Add {text} to {after.id}" if before is not None else f"Add {text} ({after.id})"
        super().__init__(store, after.id, after, refresh, label)
        self.before = before


class DeleteConceptCommand(_ConceptCommand):
    """A concept hidden, bundled or the user's own; undo shows it again as it was."""

    def __init__(self, store: Store, concept: Concept, refresh: Refresh):
        super().__init__(store, concept.id, None, refresh, f"Delete {concept.preferred_english or concept.id}")
        self.concept = concept


class ImportGlossaryCommand(QUndoCommand):
    """A glossary file's concepts written in one transaction; undo puts back every earlier row at once."""

    def __init__(self, store: Store, concepts: list[Concept], existing: set[str], name: str, refresh: Refresh):
        super().__init__(f"Import {name}")
        self._store = store
        self._concepts = concepts
        self._existing = existing  # the ids the import saw: the others are new concepts
        self._refresh = refresh
        self._previous: dict[str, object] | None = None  # each concept's row before the first redo

    def redo(self) -> None:
        if self._previous is None:
            # The first time: new concepts may be renamed if another process took their ids.
            rows = self._store.user_concepts()
            self._concepts = self._store.import_concepts(self._concepts, self._existing)
            self._previous = {c.id: rows.get(c.id, _ABSENT) for c in self._concepts}
        else:
            self._store.put_concepts(self._concepts)
        self._refresh(None)

    def undo(self) -> None:
        rows = self._previous or {}  # a command is undone only after it was done
        self._store.apply_user_rows(
            put=[row for row in rows.values() if isinstance(row, Concept)],
            hidden=[cid for cid, row in rows.items() if row is None],
            reset=[cid for cid, row in rows.items() if row is _ABSENT],
        )
        self._refresh(None)
