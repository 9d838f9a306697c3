"""A plan's own settings, editable after import: the deadlines of its notice and the labels/titles of its forms.

They are read from the notice at import time, but notices differ from year to year (附表2 was once the
quarterly form; reports were once due on the 15th), and the 督查室 may move a date: a person can correct them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from gwr_desktop.domain.plan import DeadlineKind, FormKind
from gwr_desktop.services.catalogue import plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.storage import models as m


class PlanSettingError(ValueError):
    """A setting that cannot be accepted; the message is for the user."""


def set_deadline(db: Database, plan_key: str, kind: DeadlineKind, due: dt.date, quarter: int | None = None) -> None:
    if kind is DeadlineKind.PROGRESS and quarter not in (1, 2, 3, 4):
        raise PlanSettingError("完成情况的截止日期需要指明季度（1～4）。")
    if kind is DeadlineKind.PLAN_FORMS:
        quarter = None
    with db.transaction() as session:
        plan = plan_row(session, plan_key)
        if not dt.date(plan.year - 1, 1, 1) <= due <= dt.date(plan.year + 1, 12, 31):
            raise PlanSettingError(f"截止日期 {due.isoformat()} 不在 {plan.year} 年方案的合理范围内。")
        row = session.scalars(select(m.PlanDeadline).where(
            m.PlanDeadline.plan_id == plan.id, m.PlanDeadline.kind == kind.value,
            m.PlanDeadline.quarter.is_(None) if quarter is None else m.PlanDeadline.quarter == quarter)).first()
        if row is None:
            session.add(m.PlanDeadline(plan_id=plan.id, kind=kind.value, quarter=quarter, due=due))
        else:
            row.due = due
    db.hub.emit(Change("catalogue", plan_key=plan_key, detail={"setting": "deadline"}))


def set_form_setting(db: Database, plan_key: str, kind: FormKind, label: str, title_pattern: str) -> None:
    """附表N label and title pattern ({unit} and, for 完成情况, {quarter} placeholders)."""
    label, title_pattern = label.strip(), title_pattern.strip()
    if not label or "{unit}" not in title_pattern:
        raise PlanSettingError("表号不能为空，标题中需含 {unit}（单位名称）占位符。")
    if kind is FormKind.PROGRESS and "{quarter}" not in title_pattern:
        raise PlanSettingError("完成情况的标题中需含 {quarter}（如“前2季度”）占位符。")
    with db.transaction() as session:
        plan = plan_row(session, plan_key)
        row = session.scalars(select(m.PlanForm).where(m.PlanForm.plan_id == plan.id,
                                                       m.PlanForm.kind == kind.value)).first()
        if row is None:
            session.add(m.PlanForm(plan_id=plan.id, kind=kind.value, label=label, title_pattern=title_pattern))
        else:
            row.label, row.title_pattern = label, title_pattern
    db.hub.emit(Change("catalogue", plan_key=plan_key, detail={"setting": "form"}))
