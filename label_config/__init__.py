"""labelguide: label_config."""
