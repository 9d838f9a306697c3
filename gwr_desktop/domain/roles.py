"""Who answers for an item: the no-lead rule, scoped sub-assignments, hosts and groups (domain.md §2)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gwr_desktop.domain.plan import Assignment, PlanItem, Role
from gwr_desktop.domain.units import UnitRegistry


def effective_role(assignment: Assignment, siblings: Sequence[Assignment]) -> Role:
    """The role an assignment really carries once "无牵头单位的,责任单位即为牵头单位" is applied.

    A 责任单位 leads when nobody leads its scope: for a scoped sub-assignment (二-75) that is its own
    scope; for the whole item it means the item names no lead at all (三-1: each unit answers for itself).
    An assignment the parser has already decided (after the notice's own rule) keeps that decision.
    """
    if assignment.effective_role is not None:
        return assignment.effective_role
    if assignment.role is Role.LEAD:
        return Role.LEAD
    if assignment.scope is not None:
        scope_has_lead = any(a.role is Role.LEAD and a.scope == assignment.scope for a in siblings)
        return Role.RESPONSIBLE if scope_has_lead else Role.LEAD
    item_has_lead = any(a.role is Role.LEAD for a in siblings)
    return Role.RESPONSIBLE if item_has_lead else Role.LEAD


def identities(unit: str, registry: UnitRegistry) -> set[str]:
    """Every name under which a unit is addressed: itself and each group it belongs to."""
    return {unit, *registry.groups_of(unit)}


def role_for(item: PlanItem, unit: str, registry: UnitRegistry) -> Role | None:
    """The unit's role on an item: lead if any assignment that reaches it leads, else responsible."""
    names = identities(unit, registry)
    roles = {
        effective_role(a, item.assignments)
        for a in item.assignments
        if a.unit in names or a.via == unit
    }
    if not roles:
        return None
    return Role.LEAD if Role.LEAD in roles else Role.RESPONSIBLE


def tasks_for(items: Iterable[PlanItem], unit: str, registry: UnitRegistry) -> dict[str, Role]:
    """Item key → role, for every item that reaches the unit."""
    found = {}
    for item in items:
        role = role_for(item, unit, registry)
        if role is not None:
            found[item.key] = role
    return found
