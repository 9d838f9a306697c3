"""The unit registry in the database: seeded from resources/units.json, extended by names met in plans."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gwr_desktop.domain.units import GROUP_KIND, UNKNOWN_KIND, Group, Unit, UnitRegistry
from gwr_desktop.storage import models as m


def sync_registry(session: Session, registry: UnitRegistry) -> None:
    """Write the shipped registry into the database; only rows that differ are touched."""
    existing = {unit.name: unit for unit in session.scalars(select(m.Unit))}
    for unit in registry.units.values():
        _upsert(session, existing, unit.name, unit.kind, unit.host, unit.note, registered=True)
    for group in registry.groups.values():
        _upsert(session, existing, group.name, GROUP_KIND, None, group.note, registered=True)
    session.flush()
    _sync_aliases(session, registry, existing)
    _sync_members(session, registry, existing)


def _upsert(session: Session, existing: dict[str, m.Unit], name: str, kind: str, host: str | None,
            note: str, *, registered: bool) -> None:
    row = existing.get(name)
    if row is None:
        row = m.Unit(name=name, kind=kind, host=host, note=note, registered=registered)
        session.add(row)
        existing[name] = row
        return
    for attribute, value in (("kind", kind), ("host", host), ("note", note), ("registered", registered)):
        if getattr(row, attribute) != value:
            setattr(row, attribute, value)


def _sync_aliases(session: Session, registry: UnitRegistry, units: dict[str, m.Unit]) -> None:
    wanted = {alias: units[unit.name].id for unit in registry.units.values() for alias in unit.aliases}
    current = {row.alias: row for row in session.scalars(select(m.UnitAlias))}
    for alias, unit_id in wanted.items():
        row = current.get(alias)
        if row is None:
            session.add(m.UnitAlias(alias=alias, unit_id=unit_id))
        elif row.unit_id != unit_id:
            row.unit_id = unit_id


def _sync_members(session: Session, registry: UnitRegistry, units: dict[str, m.Unit]) -> None:
    wanted = {
        (units[group].id, units[member].id)
        for group in registry.groups
        for member in registry.members(group)
        if member in units
    }
    current = set(session.execute(select(m.GroupMember.group_id, m.GroupMember.member_id)).all())
    for group_id, member_id in wanted - current:
        session.add(m.GroupMember(group_id=group_id, member_id=member_id))
    for group_id, member_id in current - wanted:
        session.execute(delete(m.GroupMember).where(
            m.GroupMember.group_id == group_id, m.GroupMember.member_id == member_id))


def add_unknown_unit(session: Session, name: str, existing: dict[str, m.Unit]) -> m.Unit:
    """A name met in a plan but missing from the registry: added, flagged, never rejected."""
    row = existing.get(name)
    if row is None:
        row = m.Unit(name=name, kind=UNKNOWN_KIND, registered=False, note="导入方案时发现，未在单位名录中登记")
        session.add(row)
        existing[name] = row
    return row


def load_registry(session: Session, kinds: dict[str, str]) -> UnitRegistry:
    """The live registry as stored (shipped units, unknown names added by imports, groups)."""
    registry = UnitRegistry(kinds=dict(kinds))
    rows = list(session.scalars(select(m.Unit)))
    by_id = {row.id: row for row in rows}
    aliases: dict[int, list[str]] = {}
    for alias in session.scalars(select(m.UnitAlias)):
        aliases.setdefault(alias.unit_id, []).append(alias.alias)
    members: dict[int, list[str]] = {}
    for group_id, member_id in session.execute(select(m.GroupMember.group_id, m.GroupMember.member_id)):
        members.setdefault(group_id, []).append(by_id[member_id].name)
    for row in rows:
        if row.kind == GROUP_KIND:
            registry.add_group(Group(name=row.name, members=tuple(sorted(members.get(row.id, ()))), note=row.note))
        else:
            registry.add_unit(Unit(name=row.name, kind=row.kind, aliases=tuple(aliases.get(row.id, ())),
                                   host=row.host, note=row.note))
    return registry
