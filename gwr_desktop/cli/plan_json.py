"""The JSON shapes of `catalogue --json` (a stored plan, whole) and `import-plan --dry-run --json` (a preview).

Both speak of items the same way: canonical unit names after the plan's lead rule (`lead`, `responsible`),
the clause as printed (`printed`), scoped sub-assignments, hosts in 〈〉, and the printed 牵头领导/完成时限.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gwr_desktop.domain.catalogue import AssignmentRow, ItemRow, PlanCatalogue
from gwr_desktop.domain.plan import Deadline, LeadRule, Problem, Role
from gwr_desktop.domain.snapshot_codec import to_plain

if TYPE_CHECKING:  # previews exist only in import-plan --dry-run, which imports them itself
    from gwr_desktop.domain.plan_review import UnitCount
    from gwr_desktop.services.plan_preview import PlanPreview


def catalogue_json(catalogue: PlanCatalogue, *, current: bool) -> dict:
    summary = catalogue.summary
    return {
        "plan": {"key": summary.key, "title": summary.title, "doc_number": summary.doc_number,
                 "issuer": summary.issuer, "issue_date": summary.issue_date, "year": summary.year,
                 "items": summary.item_count, "source_format": catalogue.source_format, "current": current},
        "lead_rule": lead_rule_json(catalogue.lead_rule),
        "deadlines": [deadline_json(d) for d in catalogue.deadlines],
        "forms": [to_plain(form) for form in catalogue.forms],
        "office_contacts": [to_plain(contact) for contact in catalogue.office_contacts],
        "parts": [{"numeral": node.part, "title": node.label, "items": node.count} for node in catalogue.tree],
        "problems": [problem_json(p) for p in catalogue.problems],
        "items": [item_json(item) for item in catalogue.items],
    }


def item_json(item: ItemRow) -> dict:
    data = {
        "key": item.key, "part": item.part, "number": item.number, "section": item.section_title,
        "heading": item.heading_title, "text": item.text, "clause": item.clause, "grammar": item.grammar,
        "lead": item.lead, "responsible": item.participants,
        "printed": {"lead": _names(item.assignments, Role.LEAD, printed=True),
                    "responsible": _names(item.assignments, Role.RESPONSIBLE, printed=True)},
        "sub_assignments": _scoped(item.assignments),
        "hosts": [{"unit": a.unit, "host": a.via} for a in item.assignments if a.via],
    }
    data.update({name: value for name, value in (("leader", item.leader), ("deadline", item.deadline)) if value})
    return data


def _names(assignments: tuple[AssignmentRow, ...], role: Role, *, printed: bool,
           scope: str | None = None) -> list[str]:
    chosen = [a.unit for a in assignments if (a.role if printed else a.effective_role) is role and a.scope == scope]
    return list(dict.fromkeys(chosen))


def _scoped(assignments: tuple[AssignmentRow, ...]) -> list[dict]:
    scopes = dict.fromkeys(a.scope for a in assignments if a.scope)
    return [{"scope": scope, "lead": _names(assignments, Role.LEAD, printed=False, scope=scope),
             "responsible": _names(assignments, Role.RESPONSIBLE, printed=False, scope=scope)}
            for scope in scopes]


def lead_rule_json(rule: LeadRule | None) -> dict | None:
    return {"kind": rule.kind, "quote": rule.quote} if rule is not None else None


def deadline_json(deadline: Deadline) -> dict:
    return {"kind": deadline.kind.value, "quarter": deadline.quarter, "due": deadline.due, "label": deadline.label}


def problem_json(problem: Problem) -> dict:
    return {"kind": problem.kind, "text": problem.text, "location": problem.location, "line": problem.line,
            "after_item": problem.after_item}


def count_json(count: UnitCount) -> dict:
    return {"lead": count.lead, "responsible": count.responsible, "undecided": count.undecided}


def preview_json(preview: PlanPreview, unit: str | None) -> dict:
    """What importing would do; `unit` is whose counts to show (default: the unit chosen in the database)."""
    from gwr_desktop.domain.plan_review import UnitCount

    meta = preview.meta
    who = unit or preview.officer
    return {
        "dry_run": True, "file": preview.source_name, "source_format": preview.source_format,
        "outcome": _outcome(preview), "existing_plan": preview.existing_key, "conflict": preview.conflict,
        "meta": {"title": meta.title, "doc_number": meta.doc_number, "issuer": meta.issuer,
                 "issue_date": meta.issue_date, "year": meta.year, "notice_title": meta.notice_title},
        "lead_rule": lead_rule_json(preview.lead_rule),
        "deadlines": [deadline_json(d) for d in preview.deadlines],
        "forms": [to_plain(form) for form in preview.forms],
        "items": len(preview.parsed.items),
        "parts": [to_plain(part) for part in preview.parts],
        "units": [{"name": u.name, "kind": u.kind, "status": u.status, **count_json(u.count)} for u in preview.units],
        "new_units": preview.new_units,
        "unit": {"name": who, **count_json(preview.counts.get(who, UnitCount()))} if who else None,
        "flags": [to_plain(flag) for flag in preview.flags],
        "problems": [problem_json(p) for p in preview.problems],
        "current_plan": preview.current_key, "make_current_by_default": preview.make_current_by_default,
    }


def _outcome(preview: PlanPreview) -> str:
    if preview.conflict:
        return "refused"
    return "already_imported" if preview.existing_key else "import"
