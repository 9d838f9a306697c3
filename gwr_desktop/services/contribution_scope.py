"""Who answers for an item as lead, and which items a unit helps with: the roles contributions run along.

A lead assignment names a unit, a group (各区人民政府: every member leads for itself) or a unit with another
in 〈〉 (…领导小组办公室〈市商务局〉: an office whose host's liaison officer does the work; 市委宣传部〈市文明办〉:
both hold the item), so the units a helper writes to — and that report on the item — are the expanded ones,
the same units whose forms hold the item (form_scope.led_items).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwr_desktop.domain.contribution import ItemText
from gwr_desktop.domain.plan import Role
from gwr_desktop.services.catalogue import find_unit, plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.storage import models as m


@dataclass(frozen=True)
class HelpedItem:
    item: ItemText
    leads: tuple[str, ...]  # the units the contribution goes to


def item_texts(session: Session, plan: m.Plan) -> dict[str, ItemText]:
    """Every item of the plan as printed, in the plan's order."""
    query = (select(m.Item.key, m.PlanPart.numeral, m.Item.number, m.Item.text, m.PlanPart.title)
             .join(m.PlanPart, m.PlanPart.id == m.Item.part_id).where(m.Item.plan_id == plan.id)
             .order_by(m.Item.position))
    return {key: ItemText(key, part, number, text, title) for key, part, number, text, title in session.execute(query)}


def lead_units(session: Session, plan: m.Plan) -> dict[str, list[str]]:
    """Item key → the units that answer for it as lead, groups expanded and hosts in place of their offices."""
    names = dict(session.execute(select(m.Unit.id, m.Unit.name)).all())
    hosted = set(session.scalars(select(m.Unit.id).where(m.Unit.host.is_not(None))))
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, member_id in session.execute(select(m.GroupMember.group_id, m.GroupMember.member_id)):
        members[group_id].append(member_id)
    found: dict[str, list[str]] = defaultdict(list)
    query = (select(m.Item.key, m.ItemAssignment.unit_id, m.ItemAssignment.via_unit_id)
             .join(m.ItemAssignment, m.ItemAssignment.item_id == m.Item.id)
             .where(m.Item.plan_id == plan.id, m.ItemAssignment.effective_role == Role.LEAD.value)
             .order_by(m.Item.position, m.ItemAssignment.ordinal))
    for key, unit_id, via_id in session.execute(query):
        for target in _answering(unit_id, via_id, members, hosted):
            if names[target] not in found[key]:
                found[key].append(names[target])
    return dict(found)


def _answering(unit_id: int, via_id: int | None, members: dict[int, list[int]], hosted: set[int]) -> list[int]:
    """The units whose forms hold an assignment (as form_scope.led_items reads it): a group's members, else the
    unit itself — unless it is an office hosted by another unit — and the unit named in 〈〉."""
    own = members.get(unit_id) or ([] if unit_id in hosted and via_id else [unit_id])
    return [*own, via_id] if via_id else own


def helped_items(db: Database, plan_key: str, helper: str) -> list[HelpedItem]:
    """The items the unit takes part in without leading them, with the units it writes to, in plan order."""
    from gwr_desktop.services.catalogue import unit_roles

    roles = unit_roles(db, plan_key, helper)
    with db.reading() as session:
        plan = plan_row(session, plan_key)
        name = find_unit(session, helper).name
        texts, leads = item_texts(session, plan), lead_units(session, plan)
    return [HelpedItem(texts[key], tuple(u for u in leads.get(key, ()) if u != name))
            for key in texts if roles.get(key) is Role.RESPONSIBLE and any(u != name for u in leads.get(key, ()))]
