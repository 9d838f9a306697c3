"""Small preferences kept in the database (settings table), shared by the app and the command line.

The chosen unit lives here rather than in the desktop's QSettings so that `main.py tasks` and the window
agree on whose items are "mine", and so that a database copied to another PC keeps its owner. The same
goes for the current plan: the one the window shows and the command line's `--plan` defaults to.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.storage import models as m

UNIT_KEY = "unit"  # canonical name of the unit whose liaison officer uses this database
PLAN_KEY = "plan"  # key of the current plan: shown in the window, the command line's default --plan

SETTINGS_TOPIC = "settings"


def get_setting(db: Database, key: str) -> str | None:
    if db.login is not None:  # a shared server's login: its own unit, its own choices (see set_setting)
        if key == UNIT_KEY and db.login.unit is not None:
            return db.login.unit
        if key in db.session_settings:
            return db.session_settings[key]
    with db.reading() as session:
        return read_setting(session, key)


def read_setting(session: Session, key: str) -> str | None:
    # Core, not session.get: the first ORM statement of a process configures every mapper (~30 ms), and the
    # command line's reads stay clear of it (services/catalogue.py, issue 15).
    settings = m.Setting.__table__.c
    return session.scalar(select(settings.value).where(settings.key == key))


def set_setting(db: Database, key: str, value: str | None) -> None:
    """Store (or with None, remove) one setting; announces Change("settings", detail={"key", "value"}).

    On a shared server a login keeps its choices for its session only: the settings table is shared by every
    unit and none of them may write it; a unit's login belongs to its unit.
    """
    if db.login is not None:
        changed = _session_setting(db, key, value)
    else:
        with db.transaction() as session:
            changed = put_setting(session, key, value)
    if changed:
        unit = value if key == UNIT_KEY else None
        db.hub.emit(Change(SETTINGS_TOPIC, unit=unit, detail={"key": key, "value": value}))


def _session_setting(db: Database, key: str, value: str | None) -> bool:
    from gwr_desktop.services.database import DatabaseReadOnlyError

    login = db.login
    assert login is not None
    if key == UNIT_KEY and login.unit is not None and value != login.unit:
        raise DatabaseReadOnlyError(f"这个服务器登录属于{login.unit}，只能查看和填写本单位的表格。"
                                    "其他单位请用各自的登录。")
    old = db.session_settings.get(key)
    if value is None:
        db.session_settings.pop(key, None)
    else:
        db.session_settings[key] = value
    return old != value


def put_setting(session: Session, key: str, value: str | None) -> bool:
    """Write one setting inside a caller's transaction (no change announced); True when it changed."""
    row = session.get(m.Setting, key)
    if value is None:
        if row is None:
            return False
        session.delete(row)
    elif row is None:
        session.add(m.Setting(key=key, value=value))
    elif row.value == value:
        return False
    else:
        row.value = value
    return True


def current_plan_key(db: Database) -> str | None:
    """The current plan: the one chosen (in the window, or at import), else the newest; None without plans."""
    with db.reading() as session:
        chosen = db.session_settings.get(PLAN_KEY) if db.login is not None else None
        return resolve_current_plan(session, chosen)


def resolve_current_plan(session: Session, chosen: str | None = None) -> str | None:
    plans = m.Plan.__table__.c
    keys = list(session.scalars(select(plans.key).order_by(plans.year.desc(), plans.key)))
    chosen = chosen or read_setting(session, PLAN_KEY)
    return chosen if chosen in keys else (keys[0] if keys else None)
