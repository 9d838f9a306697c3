"""Derived data kept only to start faster; it can always be rebuilt from the real tables.

`start_view_cache` holds one row: the JSON snapshot of what the main window shows first (the chosen plan's
catalogue, the plans list, the chosen unit and its roles). The window paints from it with the stdlib
sqlite3 module before SQLAlchemy is imported; see services/start_view.py.
"""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gwr_desktop.storage.models import Base


class StartViewCache(Base):
    __tablename__ = "start_view_cache"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)  # "window": one row today
    app_version: Mapped[str] = mapped_column(String(40))  # another version may have other dataclass fields
    fingerprint: Mapped[str] = mapped_column(String(64))  # services.start_view.FINGERPRINT_SQL rows, hashed
    body: Mapped[str] = mapped_column(Text)  # services.start_view.encode(view)
