"""Whether this database is the 督查室's (its window opens on the 督查室 workspace), kept as a setting.

The 督查室 uses the same program on its own database: chosen at first run in the unit chooser
(督查室（汇总各单位报送）) or from the 督查室 menu. The setting changes what the window shows first, nothing
else: a unit's forms and the office's returns live in separate tables of whatever database is open.
"""

from __future__ import annotations

from gwr_desktop.services.database import Database
from gwr_desktop.services.preferences import get_setting, set_setting

ROLE_KEY = "role"
OFFICE = "office"
OFFICE_CHOICE = "督查室（汇总各单位报送）"


def is_office(db: Database) -> bool:
    return get_setting(db, ROLE_KEY) == OFFICE


def set_office(db: Database, on: bool) -> None:
    """Announces Change("settings", detail={"key": "role", …}) when it changes."""
    set_setting(db, ROLE_KEY, OFFICE if on else None)
