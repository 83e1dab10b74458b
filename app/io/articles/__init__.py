"""Articles in and out: bundled ones, importers of user files, notes files, handouts."""
