"""CC-CEDICT: the parsed data file, indexed once into SQLite in the cache folder."""
