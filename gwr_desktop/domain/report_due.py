"""Which quarterly report (附表3 前N季度) is due next on a given day: the form the editor should open on.

The plan's own progress deadlines decide (in January the 全年 report of last year's plan is due on the 20th,
so that plan's 附表3 opens on 全年, not on 前1季度). A plan without them falls back on the usual rule: each
report by the 20th of the month after its quarter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

USUAL_DAY = 20


def usual_due(plan_year: int, quarter: int) -> dt.date:
    """The 20th of the first month after the quarter (the 全年 report in next January)."""
    return dt.date(plan_year + 1, 1, USUAL_DAY) if quarter == 4 else dt.date(plan_year, 3 * quarter + 1, USUAL_DAY)


def quarter_due_next(today: dt.date, plan_year: int, deadlines: Iterable[tuple[int, dt.date]] = ()) -> int:
    """The quarter (1–4) of the first report due on or after today; 4 once the 全年 report is past too.

    `deadlines` are the plan's (quarter, due) pairs; quarters without one use the usual rule."""
    known = dict(deadlines)
    dues = sorted((known.get(q) or usual_due(plan_year, q), q) for q in range(1, 5))
    return next((quarter for due, quarter in dues if today <= due), dues[-1][1])
