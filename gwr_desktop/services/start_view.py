"""What the main window shows first — the chosen plan's catalogue, the plans, the chosen unit and its roles —
read from the services, and kept as a JSON snapshot in the database so the next start can paint from it.

    view = read_view(db, units)     # the services' answer (SQLAlchemy); the window shows it
    store(db, view)                 # keep it for the next start (written only when it changed)
    cached = read_cached(url)       # next start, before SQLAlchemy is imported: stdlib sqlite3, read-only
    first = registry_view()         # no usable snapshot: no plan yet, the registry's units (for the chooser)

Importing SQLAlchemy costs about as much as painting a bare window, so this module imports the services
only inside the functions that need them; `read_cached` uses the standard library alone. A cached view is
used only when the app version and a fingerprint of everything it is read from (the unit and plan
settings, each plan's content digest, its deadlines and form settings, which the command line can change)
still match. Once the services are open (ui/services_loader.py) `cache_fits` checks that again: when it
still holds the painted view is kept; otherwise the view is read from the services and replaces it. The
whole plan is thus not read twice at every start (for a 32,000-item plan: seconds and a second copy in
memory), and a stale snapshot is never kept.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gwr_desktop import __version__
from gwr_desktop.domain.catalogue import PlanCatalogue, PlanSummary, UnitRow
from gwr_desktop.domain.plan import Role
from gwr_desktop.domain.snapshot_codec import from_plain, to_plain
from gwr_desktop.safety.sqlite_files import connect_read_only
from gwr_desktop.storage.urls import sqlite_file

if TYPE_CHECKING:
    from gwr_desktop.services.database import Database

SCHEMA = 3  # 2: items' printed leader/deadline/grammar, the plan's lead rule and source format; 3: units
CACHE_NAME = "window"
CACHE_VERSION = f"{__version__}/{SCHEMA}"
# Everything the view is read from: the unit and plan settings, each plan's content, and what the command line
# can change in a plan after its import (deadlines, form labels and titles); run through sqlite3 and
# SQLAlchemy alike. When it matches, the view read from the services would equal the snapshot.
FINGERPRINT_SQL = ("SELECT 'setting', key, value FROM settings WHERE key IN ('unit', 'plan') "
                   "UNION ALL SELECT 'plan', key, content_digest FROM plans "
                   "UNION ALL SELECT 'deadline', plan_id || '/' || kind || '/' || COALESCE(quarter, ''), due "
                   "FROM plan_deadlines "
                   "UNION ALL SELECT 'form', plan_id || '/' || kind, version FROM plan_forms ORDER BY 1, 2")
_READ_SQL = "SELECT app_version, fingerprint, body FROM start_view_cache WHERE name = :name"
_STAMP_SQL = "SELECT app_version, fingerprint FROM start_view_cache WHERE name = :name"


@dataclass(frozen=True)
class StartView:
    plans: list[PlanSummary]
    catalogue: PlanCatalogue | None  # the current plan (chosen, else the newest); None before any import
    unit: str | None = None  # canonical name; None when never chosen or no longer in the registry
    groups: tuple[str, ...] = ()  # the unit's groups (各区人民政府 …), for the item detail
    roles: dict[str, Role] = field(default_factory=dict)  # item key → the unit's role in the chosen plan
    units: list[UnitRow] = field(default_factory=list)  # every unit the chooser offers (切换单位 before attach)

    @property
    def plan_key(self) -> str | None:
        return self.catalogue.summary.key if self.catalogue else None


# --- from the services (SQLAlchemy) -------------------------------------------------------------------

def read_plan(db: Database) -> tuple[list[PlanSummary], PlanCatalogue | None]:
    """The plans, and the catalogue of the current one (chosen in settings when it still exists, else the newest)."""
    from gwr_desktop.services import catalogue as catalogue_service
    from gwr_desktop.services.preferences import current_plan_key

    key = current_plan_key(db)
    return catalogue_service.plans(db), catalogue_service.catalogue(db, key) if key else None


def read_unit(db: Database, plan_key: str | None,
              units: list[UnitRow]) -> tuple[str | None, tuple[str, ...], dict[str, Role]]:
    """The chosen unit (None if never chosen or no longer in the registry), its groups and roles in the plan."""
    from gwr_desktop.services import catalogue as catalogue_service
    from gwr_desktop.services.preferences import UNIT_KEY, get_setting

    stored = get_setting(db, UNIT_KEY)
    try:
        unit = catalogue_service.canonical_unit(db, stored) if stored else None
    except catalogue_service.UnknownUnitError:
        unit = None
    if unit is None:
        return None, (), {}
    groups = tuple(next((row.groups for row in units if row.name == unit), ()))
    roles = catalogue_service.unit_roles(db, plan_key, unit) if plan_key else {}
    return unit, groups, roles


def read_view(db: Database, units: list[UnitRow]) -> StartView:
    plans, catalogue = read_plan(db)
    unit, groups, roles = read_unit(db, catalogue.summary.key if catalogue else None, units)
    return StartView(plans=plans, catalogue=catalogue, unit=unit, groups=groups, roles=roles, units=list(units))


def registry_view() -> StartView:
    """What the window shows before the services answer when no snapshot fits: no plan yet, and the units of
    the bundled registry, so the officer can choose a unit at once (a first run). Standard library only."""
    return StartView(plans=[], catalogue=None, units=registry_units())


def registry_units() -> list[UnitRow]:
    """The bundled registry's units and groups as the chooser lists them (catalogue.units reads the same
    registry from the database, where a plan import may have added units it did not know)."""
    from gwr_desktop.domain.units import GROUP_KIND, UnitRegistry
    from gwr_desktop.paths import registry_path

    registry = UnitRegistry.from_json(registry_path())
    rows = [UnitRow(name=unit.name, kind=unit.kind, kind_label=registry.kinds.get(unit.kind, unit.kind),
                    registered=True, aliases=tuple(sorted(unit.aliases)),
                    groups=tuple(sorted(registry.groups_of(unit.name))), host=unit.host)
            for unit in registry.units.values()]
    return rows + [UnitRow(name=group.name, kind=GROUP_KIND, kind_label=registry.kinds.get(GROUP_KIND, GROUP_KIND),
                           registered=True) for group in registry.groups.values()]


def store(db: Database, view: StartView) -> bool:
    """Keep view for the next start (SQLite only); True when the stored row changed. Emits no change."""
    from sqlalchemy import text

    from gwr_desktop.storage.cache_models import StartViewCache

    if sqlite_file(db.url) is None:
        return False  # a server database is never read with sqlite3: nothing to gain
    body = encode(view)
    with db.transaction() as session:
        stamp = fingerprint(session.execute(text(FINGERPRINT_SQL)).all())
        row = session.get(StartViewCache, CACHE_NAME)
        if row is not None and (row.app_version, row.fingerprint, row.body) == (CACHE_VERSION, stamp, body):
            return False
        if row is None:
            row = StartViewCache(name=CACHE_NAME)
            session.add(row)
        row.app_version, row.fingerprint, row.body = CACHE_VERSION, stamp, body
    return True


def cache_fits(db: Database) -> bool:
    """The stored snapshot is still what the services would say (same app version and fingerprint): the
    services loader then keeps the view it painted instead of reading the whole plan again."""
    from sqlalchemy import text

    if sqlite_file(db.url) is None:
        return False
    with db.reading() as session:
        row = session.execute(text(_STAMP_SQL), {"name": CACHE_NAME}).first()  # not the body: megabytes
        if row is None or row[0] != CACHE_VERSION:
            return False
        return bool(row[1] == fingerprint(session.execute(text(FINGERPRINT_SQL)).all()))


# --- the snapshot (standard library only) ---------------------------------------------------------------

def encode(view: StartView) -> str:
    return json.dumps({"schema": SCHEMA, "view": to_plain(view)}, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> StartView | None:
    """The view in text, or None when it cannot be read back (another schema, damaged)."""
    return view_of(parse(text))


def parse(text: str) -> Any:
    """The snapshot's plain data (one object per distinct text), or None when it is not JSON."""
    try:
        return json.loads(text, object_hook=_SharedStrings())
    except ValueError:
        return None


def view_of(data: Any) -> StartView | None:
    """The view from parse()'s data, or None for another schema or damaged data."""
    try:
        return from_plain(StartView, data["view"]) if data.get("schema") == SCHEMA else None
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


class _SharedStrings:
    """json.loads object_hook: one str object for each distinct text value. A catalogue repeats the same
    texts on every item (unit names, roles, section and heading titles, part, grammar), and json makes a new
    object for each occurrence: at 32,000 items about 40 MB, held for the session. Each object's duplicates
    are dropped as soon as the object is read, so they never pile up while the rest is decoded."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def __call__(self, obj: dict[str, Any]) -> dict[str, Any]:
        seen = self._seen
        for key, value in obj.items():
            if type(value) is str:
                obj[key] = seen.setdefault(value, value)
        return obj


def fingerprint(rows: Sequence[Any]) -> str:
    plain = [[str(value) if value is not None else None for value in row] for row in rows]
    return hashlib.sha256(json.dumps(plain, ensure_ascii=False).encode("utf-8")).hexdigest()


def read_cached(url: str) -> StartView | None:
    """The stored view when it still fits the database at url; None for PostgreSQL, an older schema
    (no cache table yet), another app version, changed settings or plans, or an unreadable row."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        data = _cached_data(path)
    except sqlite3.Error:
        return None
    return view_of(data)


def _cached_data(path: Path) -> Any:
    """The stored snapshot parsed, when it fits; the row's text is gone once this returns (at 32,000 items
    it is ~40 MB as a Python str), so it is never held while the view is built from the data."""
    connection = connect_read_only(path)
    try:
        row = connection.execute(_READ_SQL, {"name": CACHE_NAME}).fetchone()
        if row is None or row[0] != CACHE_VERSION:
            return None
        if row[1] != fingerprint(connection.execute(FINGERPRINT_SQL).fetchall()):
            return None
        return parse(row[2])
    finally:
        connection.close()
