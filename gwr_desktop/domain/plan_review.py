"""What an officer must see about a parsed plan before it is stored: who answers for how many items, and the
loud warnings (issue 9 #6: never silently wrong). Pure rules over a ParsedPlan and the unit registry.

    counts = UnitCounter(parsed.items, registry)
    counts.of("市商务局")          # UnitCount(lead=23, responsible=21, undecided=0) — as the window will show it
    review_flags(parsed, counts, officer="市商务局")
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gwr_desktop.domain.plan import Assignment, ParsedPlan, PlanItem, Role
from gwr_desktop.domain.units import UnitRegistry

# "Many items with no units": a share of the plan, or a count, whichever is reached first. A clean plan has
# none; a plan read with the wrong layout (items glued to titles, clauses not recognised) has dozens.
NO_UNITS_SHARE = 0.05
NO_UNITS_COUNT = 10


@dataclass(frozen=True)
class UnitCount:
    """How many items reach a unit (directly, through a group it belongs to, or as the host in 〈〉)."""

    lead: int = 0
    responsible: int = 0
    undecided: int = 0  # named, but no rule of the notice says whether it leads: a problem to review

    @property
    def total(self) -> int:
        return self.lead + self.responsible + self.undecided


@dataclass(frozen=True)
class ReviewFlag:
    """A loud warning shown above everything else in the review. `items` are the keys concerned."""

    kind: str  # "many_without_units" | "officer_has_none" | "no_named_rule" | "count_mismatch"
    text: str  # Chinese, for the officer
    items: tuple[str, ...] = ()


def assignment_role(assignment: Assignment, item: PlanItem) -> Role | None:
    """The role after the plan's lead rule; None when no rule of the notice decides it (a problem)."""
    return assignment.effective_role


class UnitCounter:
    """Per-unit counts for any unit, from one pass over the assignments (linear in the plan's size)."""

    def __init__(self, items: Sequence[PlanItem], registry: UnitRegistry) -> None:
        # name → role → indexes of the items naming it so (directly, or as the host in 〈〉)
        self._named: dict[str, dict[Role | None, set[int]]] = {}
        self._hosting: dict[str, dict[Role | None, set[int]]] = {}
        for index, item in enumerate(items):
            for assignment in item.assignments:
                role = assignment_role(assignment, item)
                self._named.setdefault(assignment.unit, {}).setdefault(role, set()).add(index)
                if assignment.via:
                    self._hosting.setdefault(assignment.via, {}).setdefault(role, set()).add(index)
        self._groups_of = _group_index(registry)

    def named(self) -> list[str]:
        """Every name the plan's clauses use (units, groups and hosts), in order of first appearance."""
        return list(dict.fromkeys([*self._named, *self._hosting]))

    def of(self, unit: str) -> UnitCount:
        """Lead wins over responsible, a decided role over an undecided one (as the window shows roles)."""
        sources = [self._named.get(unit, {}), self._hosting.get(unit, {})]
        sources += [self._named.get(group, {}) for group in self._groups_of.get(unit, ())]
        lead, responsible, undecided = (set().union(*(source.get(role, ()) for source in sources))
                                        for role in (Role.LEAD, Role.RESPONSIBLE, None))
        responsible -= lead
        undecided -= lead | responsible
        return UnitCount(lead=len(lead), responsible=len(responsible), undecided=len(undecided))


def _group_index(registry: UnitRegistry) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for group in registry.groups:
        for member in registry.members(group):
            groups.setdefault(member, []).append(group)
    return groups


def items_without_units(items: Sequence[PlanItem]) -> list[str]:
    return [item.key for item in items if not item.assignments]


def items_without_rule(items: Sequence[PlanItem]) -> list[str]:
    """Items naming units whose roles no named rule decides (the notice states none and prints no lead)."""
    return [item.key for item in items
            if any(assignment_role(a, item) is None for a in item.assignments)]


def review_flags(parsed: ParsedPlan, counts: UnitCounter, officer: str | None) -> list[ReviewFlag]:
    flags = []
    missing = items_without_units(parsed.items)
    if missing and (len(missing) >= NO_UNITS_COUNT or len(missing) >= NO_UNITS_SHARE * len(parsed.items)):
        text = (f"{len(missing)} 项（共 {len(parsed.items)} 项）没有识别出任何单位：可能是方案的版式未被正确识别。"
                "导入后这些事项不会出现在任何单位的清单中。")
        flags.append(ReviewFlag("many_without_units", text, tuple(missing)))
    if officer is not None and counts.of(officer).total == 0:
        flags.append(ReviewFlag("officer_has_none", f"本单位（{officer}）在这份方案中没有任何事项。"
                                "请核对单位名称是否改变，或方案是否被正确识别。"))
    unruled = items_without_rule(parsed.items)
    if unruled:
        text = (f"{len(unruled)} 项列有多个单位但没有牵头单位，通知也没有说明由谁牵头："
                "这些事项暂不算作任何单位牵头，请对照原件核对。")
        flags.append(ReviewFlag("no_named_rule", text, tuple(unruled)))
    flags.extend(_count_flags(parsed))
    return flags


def _count_flags(parsed: ParsedPlan) -> list[ReviewFlag]:
    """The notice's own item counts (e.g. "共322项") against what was read."""
    found = parsed.per_part()
    flags = []
    for key, count in parsed.expected_items.items():
        # A part's numeral ("二") counts that part; any other key (the notice's "共N项") the whole plan.
        read, where = (found.get(key, 0), f"第{key}部分") if _is_part(key, parsed) else (len(parsed.items), "全文")
        if read != count:
            flags.append(ReviewFlag("count_mismatch", f"通知写明{where}共 {count} 项，实际识别出 {read} 项。"))
    return flags


def _is_part(key: str, parsed: ParsedPlan) -> bool:
    return any(part.numeral == key for part in parsed.parts)
