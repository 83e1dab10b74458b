"""Files and persistence: paths, importers, stores. Never imports Qt."""
