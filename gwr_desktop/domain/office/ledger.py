"""The 台账 of a round (plan + form + quarter): every unit that must report, 已报 / 逾期已报 / 未报.

A return counts by the day it was received against the plan's deadline for that form (the notice's dates,
stored per plan); a unit that has not reported is 未报 — overdue once the deadline has passed by `today`
(an injected clock, so the 台账 of any day can be seen again and tested).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.plan import FormKind


class LedgerState(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"


STATE_NAMES = {LedgerState.ON_TIME: "已报", LedgerState.LATE: "逾期已报", LedgerState.MISSING: "未报"}


@dataclass(frozen=True)
class ReturnInfo:
    """The current return of one unit for the round, as the 台账 needs it."""

    received: dt.date
    version: int | None = None
    edited: bool | None = False  # None: the manifest cannot tell (an old export, or no manifest)
    matched: bool = False  # no manifest: found by unit name and title, waiting for a person's confirmation
    file_name: str = ""
    return_id: int = 0


@dataclass(frozen=True)
class LedgerRow:
    unit: str
    form: FormKind
    quarter: int | None
    state: LedgerState
    due: dt.date | None
    received: dt.date | None = None
    version: int | None = None
    edited_after_export: bool = False
    needs_confirmation: bool = False
    overdue: bool = False  # 未报 and past the deadline
    expected: bool = True  # False: a unit that reported although it leads nothing in this plan
    file_name: str = ""
    return_id: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def state_name(self) -> str:
        if self.state is LedgerState.MISSING and self.overdue:
            return "逾期未报"
        return STATE_NAMES[self.state]

    def plain(self) -> dict:
        return {"unit": self.unit, "form": self.form.value, "quarter": self.quarter, "state": self.state.value,
                "state_name": self.state_name, "version": self.version,
                "received": self.received.isoformat() if self.received else None,
                "due": self.due.isoformat() if self.due else None, "overdue": self.overdue,
                "edited_after_export": self.edited_after_export, "needs_confirmation": self.needs_confirmation,
                "expected": self.expected, "file": self.file_name, "notes": list(self.notes)}


def state_of(received: dt.date, due: dt.date | None) -> LedgerState:
    return LedgerState.LATE if due is not None and received > due else LedgerState.ON_TIME


def ledger(expected: Sequence[str], form: FormKind, quarter: int | None, due: dt.date | None,
           returns: Mapping[str, ReturnInfo], today: dt.date,
           other_rounds: Mapping[str, Sequence[int]] | None = None) -> list[LedgerRow]:
    """One row per expected unit (in the order given), then any unit that reported without being expected."""
    rows = [_row(unit, form, quarter, due, returns.get(unit), today, other_rounds or {}) for unit in expected]
    known = set(expected)
    rows += [_row(unit, form, quarter, due, info, today, {}, expected=False)
             for unit, info in returns.items() if unit not in known]
    return rows


def _row(unit: str, form: FormKind, quarter: int | None, due: dt.date | None, info: ReturnInfo | None,
         today: dt.date, other_rounds: Mapping[str, Sequence[int]], *, expected: bool = True) -> LedgerRow:
    if info is None:
        others = tuple(f"收到的是{quarter_label(q)}的报送" for q in other_rounds.get(unit, ()) if q != quarter)
        return LedgerRow(unit, form, quarter, LedgerState.MISSING, due, overdue=due is not None and today > due,
                         notes=others)
    notes = []
    if info.edited:
        notes.append("导出后被修改过")
    elif info.edited is None and not info.matched:
        notes.append("无法核对是否修改（旧版本导出）")
    if info.matched:
        notes.append("无导出清单：按单位名称和标题识别，待确认")
    if info.version is None and not info.matched:
        notes.append("草稿（未定稿）")
    if not expected:
        notes.append("不在应报单位中")
    return LedgerRow(unit, form, quarter, state_of(info.received, due), due, info.received, info.version,
                     bool(info.edited), info.matched, expected=expected, file_name=info.file_name,
                     return_id=info.return_id, notes=tuple(notes))


@dataclass(frozen=True)
class LedgerCounts:
    expected: int
    on_time: int
    late: int
    missing: int
    overdue: int
    edited: int
    unconfirmed: int


def counts(rows: Sequence[LedgerRow]) -> LedgerCounts:
    mine = [r for r in rows if r.expected]
    return LedgerCounts(
        expected=len(mine), on_time=sum(r.state is LedgerState.ON_TIME for r in mine),
        late=sum(r.state is LedgerState.LATE for r in mine), missing=sum(r.state is LedgerState.MISSING for r in mine),
        overdue=sum(r.overdue for r in mine), edited=sum(r.edited_after_export for r in rows),
        unconfirmed=sum(r.needs_confirmation for r in rows))
