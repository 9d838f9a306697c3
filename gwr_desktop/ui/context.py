"""What the window shows: which plan and whose unit, read from services in one place.

Qt-free so the start-up path and tests share it; the window only turns it into widgets. Nothing here
imports SQLAlchemy at import time: the window can paint from a cached StartView before the services load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gwr_desktop.domain.catalogue import PlanCatalogue, PlanSummary, UnitRow
from gwr_desktop.domain.plan import Role
from gwr_desktop.services import start_view
from gwr_desktop.services.start_view import StartView
from gwr_desktop.ui.item_detail import Viewer

if TYPE_CHECKING:
    from gwr_desktop.services.database import Database


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


def load_unit(db: Database, plan_key: str | None, units: list[UnitRow]) -> UnitContext:
    """The chosen unit (None if never chosen or no longer in the registry) and its roles in the plan."""
    unit, groups, roles = start_view.read_unit(db, plan_key, units)
    return _unit_context(unit, groups, roles)


def contexts_of(view: StartView) -> tuple[PlanContext, UnitContext]:
    return PlanContext(plans=view.plans, catalogue=view.catalogue), _unit_context(view.unit, view.groups, view.roles)


def view_of(plan: PlanContext, unit: UnitContext, units: list[UnitRow] | None = None) -> StartView:
    """What the window shows, as the snapshot kept for the next start."""
    return StartView(plans=plan.plans, catalogue=plan.catalogue, unit=unit.unit, groups=tuple(unit.viewer.groups),
                     roles=unit.roles, units=list(units or ()))


def _unit_context(unit: str | None, groups: tuple[str, ...], roles: dict[str, Role]) -> UnitContext:
    if unit is None:
        return UnitContext(unit=None, viewer=Viewer(None))
    return UnitContext(unit=unit, viewer=Viewer(unit, tuple(groups)), roles=roles)
