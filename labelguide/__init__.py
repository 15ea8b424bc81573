"""labelguide: labelguide."""
