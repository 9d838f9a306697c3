"""A plan's own settings, editable after import: the deadlines of its notice and the labels/titles of its forms.

They are read from the notice at import time, but notices differ from year to year (附表2 was once the
quarterly form; reports were once due on the 15th), and the 督查室 may move a date: a person can correct them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from gwr_desktop.domain.clean_input import InputRejected, clean_text_input, invisible_characters, removal_note
from gwr_desktop.domain.form_adjust import fit_to_page
from gwr_desktop.domain.form_defs import title_problems
from gwr_desktop.domain.plan import DeadlineKind, FormKind
from gwr_desktop.services.catalogue import plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_definitions import FormNotInPlanError, definition_for, store_definition
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


def set_form_setting(db: Database, plan_key: str, kind: FormKind, label: str, title_pattern: str) -> list[str]:
    """附表N label and title pattern ({unit} and, for 完成情况, {quarter} placeholders) of one of the plan's forms.

    Checked before anything is written: label unique in the plan, placeholders known, no stray brace, length
    within what Word carries, no invisible characters; widths re-fitted to the page. Returns notes to show
    (e.g. invisible characters removed).
    """
    removed = invisible_characters(label) + invisible_characters(title_pattern)
    label, title_pattern = _clean_line(label, "表号", 20), _clean_line(title_pattern, "标题", 400)
    if not label:
        raise PlanSettingError("表号不能为空。")
    problems = title_problems(title_pattern, FormKind(kind))
    if problems:
        raise PlanSettingError("".join(problems))
    with db.transaction() as session:
        plan = plan_row(session, plan_key)
        try:
            current = definition_for(session, plan, kind)
        except FormNotInPlanError as error:
            raise PlanSettingError(str(error)) from error
        fitted, notes = fit_to_page(replace(current, label=label, title_pattern=title_pattern))
        try:
            store_definition(session, plan, fitted)
        except ValueError as error:
            raise PlanSettingError(str(error)) from error
    db.hub.emit(Change("catalogue", plan_key=plan_key, detail={"setting": "form"}))
    return [note for note in (removal_note(removed), *notes) if note]


def _clean_line(value: str, what: str, limit: int) -> str:
    try:
        return clean_text_input(value, limit=limit, multiline=False).strip()
    except InputRejected as error:
        raise PlanSettingError(f"{what}：{error}") from error
