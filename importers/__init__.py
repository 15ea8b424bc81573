"""labelguide: importers."""
