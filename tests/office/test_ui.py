"""The 督查室 workspace on real widgets offscreen: importing the 90 units' returns (read on a worker thread),
the coloured 台账, the reports item by item with the checks, the items left out, confirming a file without a
manifest, and the three exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.plan_import import import_plan
from gwr_desktop.ui.office.models import LATE, ON_TIME, OVERDUE, WAITING, LedgerModel
from gwr_desktop.ui.office.workspace import OfficeWorkspace
from tests.office.conftest import Returns
from tests.office.returns90 import NO_FIGURE

TODAY = dt.date(2023, 8, 1)


@pytest.fixture
def office_db(returns: Returns, tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path / 'office.db'}")
    import_plan(db, returns.plan_file)
    yield db
    db.close()


@pytest.fixture
def workspace(office_db: Database, returns: Returns, qtbot: QtBot) -> OfficeWorkspace:
    space = OfficeWorkspace(office_db, "2023", today=lambda: TODAY)
    qtbot.addWidget(space)
    space.resize(1366, 700)
    space.show()
    with qtbot.waitSignal(space.imported, timeout=60_000) as imported:
        space.commands.start_import([returns.mail])
    assert len(imported.args[0]) == 262
    space.commands.dialog.close()
    return space


def test_the_ledger_is_coloured_against_the_deadline(workspace: OfficeWorkspace, returns: Returns) -> None:
    assert workspace.current_round().kind is FormKind.PROGRESS and workspace.current_round().quarter == 2
    model = workspace.ledger_model
    assert model.rowCount() == 90
    colours = {row.unit: model.data(model.index(n, 0), Qt.ItemDataRole.BackgroundRole)
               for n, row in enumerate(model.rows)}
    truth = returns.truth.states[FormKind.PROGRESS]
    for unit, state in truth.items():
        expected = {"on_time": ON_TIME, "late": LATE, "missing": OVERDUE}[state]
        if (FormKind.PROGRESS, unit) in (returns.truth.edited, returns.truth.unmanifested):
            expected = LedgerModel.colour(next(r for r in model.rows if r.unit == unit))
        assert colours[unit] == expected, unit
    assert "应报 90 个单位，按时 77，逾期已报 7，未报 6" in workspace.summary.text()
    workspace.date_edit.setDate(QDate(2023, 7, 10))  # before the deadline: nobody is late yet
    model = workspace.ledger_model
    missing = [n for n, row in enumerate(model.rows) if row.state.value == "missing"]
    assert missing and all(model.data(model.index(n, 1)) == "未报" for n in missing)
    assert all(model.data(model.index(n, 0), Qt.ItemDataRole.BackgroundRole) == WAITING for n in missing)


def test_other_forms_and_the_confirmation(workspace: OfficeWorkspace, returns: Returns) -> None:
    workspace.form_box.setCurrentIndex(workspace.form_box.findData("plan"))
    assert not workspace.quarter_box.isEnabled()
    assert {r.unit for r in workspace.ledger_model.rows if r.state.value == "missing"} == {
        u for u, s in returns.truth.states[FormKind.PLAN].items() if s == "missing"}
    workspace.form_box.setCurrentIndex(workspace.form_box.findData("progress"))
    unit = returns.truth.unmanifested[1]
    assert workspace.select_unit(unit)
    assert "待确认" in workspace.ledger_model.data(workspace.ledger_model.index(
        workspace.ledger_view.currentIndex().row(), 6))
    workspace.confirm_button.click()
    assert not any(r.needs_confirmation for r in workspace.ledger_model.rows)


def test_the_reports_item_by_item_and_the_items_left_out(workspace: OfficeWorkspace, returns: Returns) -> None:
    workspace.tabs.setCurrentIndex(1)
    model = workspace.items_model
    assert model.headers == ("序号", "责任事项", "牵头单位", "前1季度", "前2季度", "达成", "提示")
    assert model.rowCount() == 322
    unit = returns.units[40]
    workspace.unit_filter.setCurrentText(unit)
    assert {r.unit for r in model.rows} == {unit}
    assert all(model.data(model.index(n, 4)) == returns.truth.texts[(unit, row.key)]
               for n, row in enumerate(model.rows))
    workspace.flagged_only.setChecked(True)
    assert model.rowCount() == 0  # this unit's reports give nothing to worry about
    workspace.unit_filter.setCurrentText(returns.units[NO_FIGURE])  # it names no figure anywhere
    assert model.rowCount() > 0 and all(row.attention for row in model.rows)
    workspace.tabs.setCurrentIndex(2)
    left = workspace.left_out_model
    assert [left.data(left.index(0, c)) for c in range(3)] == [returns.truth.draft[0], "1", returns.truth.draft[1]]


def test_the_exports(workspace: OfficeWorkspace, tmp_path: Path) -> None:
    actions = workspace.commands
    summary = actions.export(tmp_path / "汇总表.xlsx", actions.summary)
    chase = actions.export(tmp_path / "催报.xlsx", actions.chase)
    report = actions.export(tmp_path / "报送情况.pdf", actions.report)
    assert summary and chase and report and report.read_bytes().startswith(b"%PDF")
    assert openpyxl.load_workbook(summary).active.max_row == 3 + 322
    assert actions.default_name("汇总表", ".xlsx") == "2023_附表3完成情况前2季度_汇总表.xlsx"
