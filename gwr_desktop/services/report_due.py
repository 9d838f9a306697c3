"""The 附表3 quarter an editor opens on: the report due next, from the plan's own deadlines (domain/report_due)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from gwr_desktop.domain.plan import DeadlineKind
from gwr_desktop.domain.report_due import quarter_due_next
from gwr_desktop.services.catalogue import plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.storage import models as m


def progress_quarter_due(db: Database, plan_key: str, today: dt.date) -> int:
    with db.reading() as session:
        plan = plan_row(session, plan_key)
        rows = session.execute(select(m.PlanDeadline.quarter, m.PlanDeadline.due).where(
            m.PlanDeadline.plan_id == plan.id, m.PlanDeadline.kind == DeadlineKind.PROGRESS.value,
            m.PlanDeadline.quarter.is_not(None))).all()
        return quarter_due_next(today, plan.year, [(quarter, due) for quarter, due in rows if quarter is not None])
