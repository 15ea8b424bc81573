"""labelguide: exporters."""
