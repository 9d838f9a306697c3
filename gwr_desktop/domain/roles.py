"""Who answers for an item: the notice's own lead rule, scoped sub-assignments, hosts and groups (domain.md §2).

Which unit leads an item printed without a 牵头单位 is decided by a sentence of the notice, never by a constant:
"无牵头单位的,责任单位即为牵头单位" (every listed unit leads its own work), or "列第一位的(责任)单位为牵头单位",
"排名第一的责任单位为牵头单位,其他列入单位为参与单位", "列在首位的为牵头部门" (the first listed unit leads, the others
take part). Where the notice states no rule and an item names several units without a lead, nobody is made
lead: the item is a problem for a person to decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from gwr_desktop.domain.plan import FIRST_LISTED_LEADS, NO_LEAD_RESPONSIBLE_LEADS, Assignment, LeadRule, PlanItem, Role
from gwr_desktop.domain.units import UnitRegistry

_FIRST_LISTED = re.compile(
    r"(?:列|排|名列|排名|排列)(?:在)?(?:第一位|第一|首位|前面|最前)的?(?:责任)?(?:单位|部门)?[^。；;，,]{0,12}?"
    r"(?:为|是|作为)(?:牵头|主办|主责)(?:单位|部门)")
_NO_LEAD = re.compile(r"(?:无|没有|未明确|未列)牵头(?:单位|部门)的?\s*[,，]?\s*(?:由)?(?:责任|列出的|所列)?"
                      r"(?:单位|部门)?(?:即为|即是|为|作为)牵头(?:单位|部门)")
_SENTENCE_END = "。；;！!\n"


def find_lead_rule(notice: str) -> LeadRule | None:
    """The notice's rule for items printed without a lead, quoted as printed; None when it states none."""
    compact = re.sub(r"[ \t\u3000\r\n]+", "", notice)
    for kind, pattern in ((FIRST_LISTED_LEADS, _FIRST_LISTED), (NO_LEAD_RESPONSIBLE_LEADS, _NO_LEAD)):
        match = pattern.search(compact)
        if match:
            return LeadRule(kind=kind, quote=_quote(compact, match.start(), match.end()))
    return None


def _quote(text: str, start: int, end: int) -> str:
    """The clause around a match: back to the last bracket or sentence end, on to the next."""
    left = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END + "(（")
    stops = [i for i in (text.find(ch, end) for ch in _SENTENCE_END + ")）,，") if i >= 0]
    right = min(stops) if stops else len(text)
    return text[left + 1:right].strip(" ,，")


def apply_lead_rule(assignments: Sequence[Assignment], rule: LeadRule | None, *,
                    each_leads: bool = False) -> tuple[tuple[Assignment, ...], bool]:
    """The assignments (in printed order) with effective_role filled, and whether the item is undecided
    (several units, no lead, no rule). Each scope is decided on its own (二-75: two scoped 责任单位, no lead)."""
    roles: dict[int, Role | None] = {}
    undecided = False
    for scope in dict.fromkeys(a.scope for a in assignments):
        members = [(i, a) for i, a in enumerate(assignments) if a.scope == scope]
        has_lead = any(a.role is Role.LEAD for a in assignments if scope is None or a.scope == scope)
        found, unsure = _scope_roles([a for _, a in members], has_lead, rule, each_leads)
        undecided |= unsure
        roles.update((i, role) for (i, _), role in zip(members, found, strict=True))
    decided = tuple(Assignment(role=a.role, unit=a.unit, raw=a.raw, via=a.via, scope=a.scope, effective_role=roles[i])
                    for i, a in enumerate(assignments))
    return decided, undecided


def _scope_roles(members: list[Assignment], has_lead: bool, rule: LeadRule | None,
                 each_leads: bool) -> tuple[Sequence[Role | None], bool]:
    if has_lead:
        return [a.role for a in members], False
    if each_leads or len(members) == 1:
        return [Role.LEAD] * len(members), False
    if rule is not None and rule.kind == NO_LEAD_RESPONSIBLE_LEADS:
        return [Role.LEAD] * len(members), False
    if rule is not None and rule.kind == FIRST_LISTED_LEADS:
        return [Role.LEAD] + [Role.RESPONSIBLE] * (len(members) - 1), False
    return [None] * len(members), True


def effective_role(assignment: Assignment, siblings: Sequence[Assignment] = ()) -> Role:
    """The role an assignment really carries: the parser's decision after the notice's rule (apply_lead_rule).

    An assignment the parser left undecided (several units, no lead, no rule: a problem to review) keeps its
    printed role — nobody is guessed into leading.
    """
    return assignment.effective_role if assignment.effective_role is not None else assignment.role


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
