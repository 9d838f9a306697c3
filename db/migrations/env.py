"""Alembic environment: the engine comes from the app (config.attributes["engine"]), never from an ini file."""

from alembic import context

from gwr_desktop.storage.models import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    context.run_migrations()
