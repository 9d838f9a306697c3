"""A new year's plan starts with an empty 附表2; the people who answer for the unit seldom change. Offered after
an import: the unit's 督办工作人员名单 of the previous plan, copied into the new plan's (only while it is empty)."""

from __future__ import annotations

from dataclasses import replace

from gwr_desktop.domain.forms import FormContent, Person
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import Database
from gwr_desktop.services.plan_similarity import previous_plan_key


def _people(content: FormContent) -> list[Person]:
    return [person for person in content.people if any(person.values.values())]


def contacts_to_carry(db: Database, plan_key: str, unit: str) -> tuple[str, list[Person]] | None:
    """(previous plan, its people) when the plan's 附表2 is empty and the previous plan's is not; else None."""
    previous = previous_plan_key(db, plan_key)
    forms = fc.definitions(db, plan_key)
    if previous is None or FormKind.CONTACTS not in forms or FormKind.CONTACTS not in fc.definitions(db, previous):
        return None
    if _people(fc.load_content(db, plan_key, unit, FormKind.CONTACTS)):
        return None
    people = _people(fc.load_content(db, previous, unit, FormKind.CONTACTS))
    return (previous, people) if people else None


def copy_contacts(db: Database, plan_key: str, unit: str, from_plan: str) -> int:
    """Copy the people (roles and values this plan's form has) into the empty 附表2; the number copied."""
    target = fc.load_content(db, plan_key, unit, FormKind.CONTACTS)
    if _people(target):
        raise fc.FormInputError(f"{target.definition.display_name}已经填写，没有覆盖。")
    source = fc.load_content(db, from_plan, unit, FormKind.CONTACTS)
    definition = target.definition
    keys = {f.key for spec in definition.columns for f in spec.fields()}
    people = []
    for spec in definition.rows:
        chosen = [p for p in _people(source) if p.role == spec.key][:spec.max]
        people += [Person(spec.key, {k: v for k, v in p.values.items() if k in keys}) for p in chosen]
    fc.replace_content(db, replace(target, people=tuple(people)))
    return len(people)
