"""Qt item models over service snapshots. They hold plain data, never a database session."""
