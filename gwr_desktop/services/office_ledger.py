"""What the 督查室 reads from its returns: the 台账 of a round, the leads' 完成情况 item by item and quarter by
quarter with the checks, the items a unit's report left out, and the units to chase with their contacts."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwr_desktop.domain.form_defs import Level, ValueKind
from gwr_desktop.domain.forms import seq_label
from gwr_desktop.domain.office.checks import NO_FIGURE, SAME_AS_BEFORE, Finding, check_progress
from gwr_desktop.domain.office.ledger import LedgerRow, LedgerState, ReturnInfo, ledger
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services.catalogue import plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.services.office_scope import PlanScope, plan_scope
from gwr_desktop.storage import models as m
from gwr_desktop.storage import office_models as om


@dataclass(frozen=True)
class Round:
    plan_key: str
    kind: FormKind
    quarter: int | None = None  # 1..4 for 完成情况

    def checked(self) -> Round:
        if self.kind is FormKind.PROGRESS and self.quarter not in (1, 2, 3, 4):
            raise FormInputError("完成情况需要指定季度（1～4）。")
        return Round(self.plan_key, self.kind, self.quarter if self.kind is FormKind.PROGRESS else None)


@dataclass(frozen=True)
class ItemProgress:
    """One item and one of its lead units: the 完成情况 it reported each quarter, and what the checks found."""

    key: str
    seq: str
    part: str
    text: str
    unit: str
    texts: dict[int, str] = field(default_factory=dict)  # quarter → 完成情况
    figures: dict[int, str] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()  # for the latest quarter asked

    @property
    def attention(self) -> bool:
        """A finding to read first (the same text as last quarter, a target without any figure), not a share."""
        return any(f.kind in (SAME_AS_BEFORE, NO_FIGURE) for f in self.findings)

    @property
    def reached(self) -> str:
        """"68.0%" or "新增…200家 68.0%；…" for the 达成 column; "" when no share can be told."""
        shares = [f for f in self.findings if f.share is not None]
        if len(shares) == 1:
            return f"{shares[0].share}%"
        return "；".join(f"{f.target} {f.share}%" for f in shares)


@dataclass(frozen=True)
class Contact:
    role: str
    name: str
    title: str = ""
    office_phone: str = ""
    mobile: str = ""


@dataclass(frozen=True)
class ChaseRow:
    unit: str
    due: dt.date | None
    overdue: bool
    contacts: tuple[Contact, ...]
    notes: tuple[str, ...] = ()

    def plain(self) -> dict:
        return {"unit": self.unit, "due": self.due.isoformat() if self.due else None, "overdue": self.overdue,
                "contacts": [c.__dict__ for c in self.contacts], "notes": list(self.notes)}


def round_ledger(db: Database, round_: Round, today: dt.date) -> list[LedgerRow]:
    round_ = round_.checked()
    with db.reading() as session:
        plan = plan_row(session, round_.plan_key)
        scope = plan_scope(session, plan)
        current = _current(session, plan, round_.kind, round_.quarter or 0)
        others = _other_quarters(session, plan, round_) if round_.kind is FormKind.PROGRESS else {}
    infos = {unit: ReturnInfo(row.received_on, row.version, None if not row.checkable and row.source == "manifest"
                              else row.edited, row.source == "matched" and not row.confirmed, row.file_name, row.id)
             for unit, row in current.items()}
    return ledger(scope.units, round_.kind, round_.quarter, scope.due(round_.kind, round_.quarter), infos, today,
                  others)


def progress_by_item(db: Database, plan_key: str, quarter: int) -> list[ItemProgress]:
    """Every led item with each of its lead units, quarters 1..quarter side by side, in the plan's order."""
    with db.reading() as session:
        plan = plan_row(session, plan_key)
        scope = plan_scope(session, plan)
        by_quarter = {q: {unit: json.loads(row.content_json) for unit, row in
                          _current(session, plan, FormKind.PROGRESS, q).items()} for q in range(1, quarter + 1)}
    text_key, figure_key = progress_keys(scope)
    rows = []
    for key, item in scope.items.items():
        for unit in scope.leads.get(key, ()):
            texts, figures = {}, {}
            for q, contents in by_quarter.items():
                values = contents.get(unit, {}).get("items", {}).get(key, {}).get("values", {})
                texts[q], figures[q] = values.get(text_key, ""), values.get(figure_key, "")
            findings = tuple(check_progress(item.text, texts[quarter], texts.get(quarter - 1, ""), figures[quarter]))
            rows.append(ItemProgress(key, seq_label(item.part, item.number), item.part, item.text, unit, texts,
                                     figures, findings))
    return rows


def left_out(db: Database, round_: Round) -> dict[str, list[str]]:
    """Unit → the items it leads that its current report of the round leaves out (or leaves empty)."""
    round_ = round_.checked()
    if round_.kind is FormKind.CONTACTS:
        return {}
    with db.reading() as session:
        plan = plan_row(session, round_.plan_key)
        scope = plan_scope(session, plan)
        current = _current(session, plan, round_.kind, round_.quarter or 0)
    text_key = progress_keys(scope)[0]
    found = {}
    for unit, row in current.items():
        items = json.loads(row.content_json).get("items", {})
        missing = [key for key in scope.led_by(unit) if not _filled(items.get(key), round_.kind, text_key)]
        if missing:
            found[unit] = missing
    return found


def chase(db: Database, round_: Round, today: dt.date) -> list[ChaseRow]:
    """The units that have not reported in the round, with the contacts of their latest 附表2."""
    rows = [r for r in round_ledger(db, round_, today) if r.state is LedgerState.MISSING]
    with db.reading() as session:
        plan = plan_row(session, round_.plan_key)
        scope = plan_scope(session, plan)
        contacts = _current(session, plan, FormKind.CONTACTS, 0)
    labels = {spec.key: spec.label for spec in scope.definitions[FormKind.CONTACTS].rows} \
        if FormKind.CONTACTS in scope.definitions else {}
    return [ChaseRow(r.unit, r.due, r.overdue, _contacts(contacts.get(r.unit), labels), r.notes) for r in rows]


def _contacts(row: om.OfficeReturn | None, labels: dict[str, str]) -> tuple[Contact, ...]:
    if row is None:
        return ()
    people = json.loads(row.content_json).get("people", [])
    return tuple(Contact(labels.get(p["role"], p["role"]), p["values"].get("name", ""), p["values"].get("title", ""),
                         p["values"].get("office_phone", ""), p["values"].get("mobile", ""))
                 for p in people if any(p["values"].values()))


def _filled(item: dict | None, kind: FormKind, text_key: str) -> bool:
    if not item:
        return False
    if kind is FormKind.PLAN:
        return any(any(v.strip() for v in entry.values()) for entry in item.get("entries", []))
    return bool(item.get("values", {}).get(text_key, "").strip())


def progress_keys(scope: PlanScope) -> tuple[str, str]:
    """The 完成情况 form's text and figure column keys, as the plan defines them."""
    definition = scope.definitions.get(FormKind.PROGRESS)
    if definition is None:
        return "progress", "figure"
    texts = definition.fields_of_kind(ValueKind.LONG_TEXT, Level.ITEM)
    figures = definition.fields_of_kind(ValueKind.FIGURE, Level.ITEM)
    return (texts[0].key if texts else "progress"), (figures[0].key if figures else "figure")


def _current(session: Session, plan: m.Plan, kind: FormKind, quarter: int) -> dict[str, om.OfficeReturn]:
    query = (select(om.OfficeReturn, m.Unit.name).join(m.Unit, m.Unit.id == om.OfficeReturn.unit_id)
             .where(om.OfficeReturn.plan_id == plan.id, om.OfficeReturn.kind == kind.value,
                    om.OfficeReturn.quarter == quarter, om.OfficeReturn.current.is_(True)))
    return {name: row for row, name in session.execute(query)}


def _other_quarters(session: Session, plan: m.Plan, round_: Round) -> dict[str, list[int]]:
    query = (select(m.Unit.name, om.OfficeReturn.quarter).join(m.Unit, m.Unit.id == om.OfficeReturn.unit_id)
             .where(om.OfficeReturn.plan_id == plan.id, om.OfficeReturn.kind == round_.kind.value,
                    om.OfficeReturn.current.is_(True), om.OfficeReturn.quarter != (round_.quarter or 0)))
    found: dict[str, list[int]] = {}
    for unit, quarter in session.execute(query):
        found.setdefault(unit, []).append(quarter)
    return found


def scope_of(db: Database, plan_key: str) -> PlanScope:
    with db.reading() as session:
        return plan_scope(session, plan_row(session, plan_key))
