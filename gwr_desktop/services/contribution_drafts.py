"""What a helping unit types for the items it takes part in: 配合情况 per quarter and proposed work rows.

Each change is one committed transaction with one Change("contributions"); values are checked as the forms
check theirs (domain/validation.py), a refusal raises FormInputError with the reason and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gwr_desktop.domain import validation as v
from gwr_desktop.domain.contribution import ContributionEntry, WorkProposal
from gwr_desktop.domain.form_defs import ValueKind, quarter_label
from gwr_desktop.services.catalogue import find_unit, plan_row
from gwr_desktop.services.contribution_scope import helped_items
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.storage import contribution_models as cm
from gwr_desktop.storage import models as m

TOPIC = "contributions"
NOTE, WORK = "note", "work"
MAX_WORK_ROWS = 50


def drafts(db: Database, plan_key: str, helper: str, quarter: int | None) -> dict[str, ContributionEntry]:
    """Item key → what the helper has typed: the quarter's 配合情况 (none without a quarter) and the work rows."""
    with db.reading() as session:
        plan, unit = plan_row(session, plan_key), find_unit(session, helper)
        rows = session.scalars(select(cm.ContributionDraft).where(
            cm.ContributionDraft.plan_id == plan.id, cm.ContributionDraft.unit_id == unit.id)
            .order_by(cm.ContributionDraft.item_key, cm.ContributionDraft.ordinal)).all()
        notes: dict[str, str] = {}
        work: dict[str, list[WorkProposal]] = {}
        for row in rows:
            values = json.loads(row.values_json or "{}")
            if row.level == NOTE and quarter and row.quarter == quarter:
                notes[row.item_key] = values.get("text", "")
            elif row.level == WORK:
                work.setdefault(row.item_key, []).append(WorkProposal(values.get("content", ""),
                                                                      values.get("period", "")))
    keys = sorted(set(notes) | set(work))
    return {key: ContributionEntry(key, notes.get(key, ""), tuple(work.get(key, ()))) for key in keys}


def set_note(db: Database, plan_key: str, helper: str, key: str, quarter: int, text: str) -> None:
    """The helper's 配合情况 for one item and quarter ("" removes it)."""
    quarter = _quarter(quarter)
    text = _checked(ValueKind.LONG_TEXT, text, f"{key} 配合情况")
    _check_helped(db, plan_key, helper, key)
    with db.transaction() as session:
        plan, unit = plan_row(session, plan_key), find_unit(session, helper)
        row = _row(session, plan, unit, key, NOTE, quarter, 0)
        if not text:
            if row is not None:
                session.delete(row)
        else:
            row = row or _new(session, plan, unit, key, NOTE, quarter, 0)
            row.values_json = json.dumps({"text": text}, ensure_ascii=False)
        name = unit.name
    db.hub.emit(Change(TOPIC, plan_key, name, {"item": key, "quarter": quarter}))


def set_work(db: Database, plan_key: str, helper: str, key: str, rows: Sequence[WorkProposal]) -> None:
    """The helper's proposed work rows for one item, all at once, in order (empty rows dropped)."""
    if len(rows) > MAX_WORK_ROWS:
        raise FormInputError(f"{key} 最多 {MAX_WORK_ROWS} 条拟配合开展的工作，收到 {len(rows)} 条。")
    checked = [WorkProposal(_checked(ValueKind.LONG_TEXT, r.content, f"{key} 第{n}条工作内容"),
                            _checked(ValueKind.PERIOD, r.period, f"{key} 第{n}条完成时间"))
               for n, r in enumerate(rows, start=1)]
    checked = [r for r in checked if r.content or r.period]
    _check_helped(db, plan_key, helper, key)
    with db.transaction() as session:
        plan, unit = plan_row(session, plan_key), find_unit(session, helper)
        session.execute(delete(cm.ContributionDraft).where(
            cm.ContributionDraft.plan_id == plan.id, cm.ContributionDraft.unit_id == unit.id,
            cm.ContributionDraft.item_key == key, cm.ContributionDraft.level == WORK))
        for ordinal, proposal in enumerate(checked):
            row = _new(session, plan, unit, key, WORK, 0, ordinal)
            row.values_json = json.dumps({"content": proposal.content, "period": proposal.period},
                                         ensure_ascii=False)
        name = unit.name
    db.hub.emit(Change(TOPIC, plan_key, name, {"item": key, "work": len(checked)}))


def _check_helped(db: Database, plan_key: str, helper: str, key: str) -> None:
    if key not in {h.item.key for h in helped_items(db, plan_key, helper)}:
        raise FormInputError(f"事项 {key} 不是{helper}参与（配合）的事项，不能填写配合材料。")


def _quarter(quarter: object) -> int:
    try:
        return v.check_quarter(quarter)
    except v.InvalidValue as error:
        raise FormInputError(f"配合情况：{error}") from error


def _checked(kind: ValueKind, value: str, where: str) -> str:
    try:
        return v.check_value(kind, value)
    except v.InvalidValue as error:
        raise FormInputError(f"{where}：{error}") from error


def _row(session: Session, plan: m.Plan, unit: m.Unit, key: str, level: str, quarter: int,
         ordinal: int) -> cm.ContributionDraft | None:
    return session.scalars(select(cm.ContributionDraft).where(
        cm.ContributionDraft.plan_id == plan.id, cm.ContributionDraft.unit_id == unit.id,
        cm.ContributionDraft.item_key == key, cm.ContributionDraft.level == level,
        cm.ContributionDraft.quarter == quarter, cm.ContributionDraft.ordinal == ordinal)).first()


def _new(session: Session, plan: m.Plan, unit: m.Unit, key: str, level: str, quarter: int,
         ordinal: int) -> cm.ContributionDraft:
    row = cm.ContributionDraft(plan_id=plan.id, unit_id=unit.id, item_key=key, level=level, quarter=quarter,
                               ordinal=ordinal, values_json="{}")
    session.add(row)
    return row


def period_text(quarter: int | None) -> str:
    return quarter_label(quarter) if quarter else "不含配合情况"
