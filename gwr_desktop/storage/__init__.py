"""SQLAlchemy models, the engine with its SQLite pragmas, and Alembic migrations applied at start-up."""
