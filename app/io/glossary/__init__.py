"""The glossary as files: the bundled TOML term base, CSV/TBX import, the export formats."""
