"""Small preferences kept in the database (settings table), shared by the app and the command line.

The chosen unit lives here rather than in the desktop's QSettings so that `main.py tasks` and the window
agree on whose items are "mine", and so that a database copied to another PC keeps its owner.
"""

from __future__ import annotations

from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.storage import models as m

UNIT_KEY = "unit"  # canonical name of the unit whose liaison officer uses this database
PLAN_KEY = "plan"  # key of the plan last looked at in the window

SETTINGS_TOPIC = "settings"


def get_setting(db: Database, key: str) -> str | None:
    with db.reading() as session:
        row = session.get(m.Setting, key)
        return row.value if row is not None else None


def set_setting(db: Database, key: str, value: str | None) -> None:
    """Store (or with None, remove) one setting; announces Change("settings", detail={"key", "value"})."""
    with db.transaction() as session:
        row = session.get(m.Setting, key)
        if value is None:
            if row is None:
                return
            session.delete(row)
        elif row is None:
            session.add(m.Setting(key=key, value=value))
        elif row.value == value:
            return
        else:
            row.value = value
    unit = value if key == UNIT_KEY else None
    db.hub.emit(Change(SETTINGS_TOPIC, unit=unit, detail={"key": key, "value": value}))
