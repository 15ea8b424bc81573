"""labelguide: ml_backend."""
