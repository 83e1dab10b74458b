"""The SQLite stores: the user's own data, and the cache of derived data."""
