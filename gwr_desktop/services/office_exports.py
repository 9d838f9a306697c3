"""The 督查室's exports of a round: the city-wide 汇总表 (.xlsx), the 催报 list (.xlsx) and the one-page
summary (.pdf). Each is written whole or not at all (exports/safe_write.py)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.office.ledger import LedgerState, counts
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.office_report import ReportLine, report_layout
from gwr_desktop.exports.office_sheets import sheet_bytes
from gwr_desktop.exports.safe_write import write_bytes
from gwr_desktop.exports.writer import write_form
from gwr_desktop.services.office_ledger import Round, chase, progress_by_item, round_ledger, scope_of

log = logging.getLogger(__name__)


def round_title(db_scope_year: int, definition_name: str, round_: Round) -> str:
    period = quarter_label(round_.quarter) if round_.kind is FormKind.PROGRESS and round_.quarter else ""
    return f"{db_scope_year}年{definition_name}{period}"


def summary_rows(db, plan_key: str, quarter: int) -> tuple[list[str], list[list[str]]]:  # noqa: ANN001 - Database
    """The 汇总表's headers and rows: 序号, 责任事项, 牵头单位, 完成情况 per quarter up to `quarter`, 达成."""
    headers = ["序号", "责任事项", "牵头单位", *(f"{quarter_label(q)}完成情况" for q in range(1, quarter + 1)), "达成"]
    rows = [[row.key, row.text, row.unit, *(row.texts.get(q, "") for q in range(1, quarter + 1)), row.reached]
            for row in progress_by_item(db, plan_key, quarter)]
    return headers, rows


def write_summary(db, plan_key: str, quarter: int, path: Path, today: dt.date) -> Path:  # noqa: ANN001
    headers, rows = summary_rows(db, plan_key, quarter)
    scope = scope_of(db, plan_key)
    done = counts(round_ledger(db, Round(plan_key, FormKind.PROGRESS, quarter), today))
    title = f"{scope.year}年市《政府工作报告》目标任务完成情况汇总表（{quarter_label(quarter)}）"
    subtitle = (f"统计日期：{today:%Y-%m-%d}　应报单位 {done.expected} 个，已报 {done.on_time + done.late} 个"
                f"（其中逾期 {done.late} 个），未报 {done.missing} 个。")
    widths = [9, 42, 16, *([48] * quarter), 14]
    written = write_bytes(path, sheet_bytes(title, subtitle, headers, widths, rows, quarter_label(quarter)))
    log.info("导出汇总表 %s（%d 行）", written, len(rows))
    return written


def write_chase(db, round_: Round, path: Path, today: dt.date) -> Path:  # noqa: ANN001
    rows = chase(db, round_, today)
    scope = scope_of(db, round_.plan_key)
    name = scope.definitions[round_.kind].display_name if round_.kind in scope.definitions else round_.kind.value
    title = f"{round_title(scope.year, name, round_)}催报名单"
    subtitle = f"统计日期：{today:%Y-%m-%d}　未报单位 {len(rows)} 个。"
    headers = ["单位", "截止日期", "状态", "联系人", "办公电话", "手机"]
    body = [[r.unit, f"{r.due:%Y-%m-%d}" if r.due else "", "逾期未报" if r.overdue else "未报",
             "\n".join(f"{c.role}：{c.name}{'（' + c.title + '）' if c.title else ''}" for c in r.contacts)
             or "（未收到督办工作人员名单）",
             "\n".join(c.office_phone for c in r.contacts), "\n".join(c.mobile for c in r.contacts)] for r in rows]
    return write_bytes(path, sheet_bytes(title, subtitle, headers, [24, 12, 10, 36, 18, 16], body, "催报"))


def write_report(db, round_: Round, path: Path, today: dt.date) -> Path:  # noqa: ANN001
    """The one-page summary of the round: counts, late units, missing units, edited and unconfirmed files."""
    rows = round_ledger(db, round_, today)
    done = counts(rows)
    scope = scope_of(db, round_.plan_key)
    name = scope.definitions[round_.kind].display_name if round_.kind in scope.definitions else round_.kind.value
    mine = [r for r in rows if r.expected]
    lines = [ReportLine("应报单位", done.expected),
             ReportLine("按时报送", done.on_time),
             ReportLine("逾期报送", done.late, [r.unit for r in mine if r.state is LedgerState.LATE]),
             ReportLine("未报送", done.missing, [r.unit for r in mine if r.state is LedgerState.MISSING]),
             ReportLine("导出后被修改", done.edited, [r.unit for r in rows if r.edited_after_export]),
             ReportLine("待确认（无导出清单）", done.unconfirmed, [r.unit for r in rows if r.needs_confirmation])]
    due = scope.due(round_.kind, round_.quarter)
    fields = (("截止日期：", f"{due:%Y-%m-%d}" if due else "未规定"), ("统计日期：", f"{today:%Y-%m-%d}"))
    layout = report_layout(round_.plan_key, f"{round_title(scope.year, name, round_)}报送情况", fields, lines,
                           ["说明：按各单位报送文件的收到日期与方案规定的截止日期比较；“导出后被修改”指文件中的表格"
                            "与程序导出时不一致。"])
    path = Path(path)
    return write_form(layout, path.parent, {"pdf": path.name})[0]
