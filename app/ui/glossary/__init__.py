"""The glossary panel: its table model, undoable edits, categories."""
