"""What the window shows: which plan and whose unit, read from services in one place.

Qt-free so the start-up path and tests share it; the window only turns it into widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gwr_desktop.domain.catalogue import PlanCatalogue, PlanSummary, UnitRow
from gwr_desktop.domain.plan import Role
from gwr_desktop.services import catalogue as catalogue_service
from gwr_desktop.services.database import Database
from gwr_desktop.services.preferences import PLAN_KEY, UNIT_KEY, get_setting
from gwr_desktop.ui.item_detail import Viewer


@dataclass
class PlanContext:
    plans: list[PlanSummary]
    catalogue: PlanCatalogue | None

    @property
    def key(self) -> str | None:
        return self.catalogue.summary.key if self.catalogue else None


@dataclass
class UnitContext:
    unit: str | None
    viewer: Viewer
    roles: dict[str, Role] = field(default_factory=dict)

    def count(self, role: Role) -> int:
        return sum(1 for value in self.roles.values() if value is role)


def load_plan(db: Database) -> PlanContext:
    """The plan remembered in settings when it still exists, else the newest one."""
    plans = catalogue_service.plans(db)
    keys = [plan.key for plan in plans]
    wanted = get_setting(db, PLAN_KEY)
    key = wanted if wanted in keys else (keys[0] if keys else None)
    return PlanContext(plans=plans, catalogue=catalogue_service.catalogue(db, key) if key else None)


def load_unit(db: Database, plan_key: str | None, units: list[UnitRow]) -> UnitContext:
    """The chosen unit (None if never chosen or no longer in the registry) and its roles in the plan."""
    stored = get_setting(db, UNIT_KEY)
    try:
        unit = catalogue_service.canonical_unit(db, stored) if stored else None
    except catalogue_service.UnknownUnitError:
        unit = None
    if unit is None:
        return UnitContext(unit=None, viewer=Viewer(None))
    groups = next((row.groups for row in units if row.name == unit), ())
    roles = catalogue_service.unit_roles(db, plan_key, unit) if plan_key else {}
    return UnitContext(unit=unit, viewer=Viewer(unit, tuple(groups)), roles=roles)
