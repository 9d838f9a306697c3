"""Sensible defaults: the 附表3 quarter is the report due next (on an injected clock, for every month), the unit
chooser pre-selects nothing, and the outline counts what the filters show."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import DeadlineKind
from gwr_desktop.domain.report_due import quarter_due_next, usual_due
from gwr_desktop.services.catalogue import units
from gwr_desktop.services.database import Database
from gwr_desktop.services.plan_settings import set_deadline
from gwr_desktop.services.report_due import progress_quarter_due
from gwr_desktop.ui.forms.workspace import FormsWorkspace
from gwr_desktop.ui.models.task_filter import LEAD, MINE
from gwr_desktop.ui.unit_chooser import UnitChooserDialog
from tests.forms.sample_content import PLAN, UNIT
from tests.ui.conftest import type_text

pytestmark = pytest.mark.xcb  # again on a real X server: tests/test_under_xvfb.py

# The seed's reports: 2023-04-20 (前1季度), 07-20, 10-20 and 2024-01-20 (全年).
EVERY_MONTH = [(dt.date(2023, month, 10), 1 if month <= 4 else 2 if month <= 7 else 3 if month <= 10 else 4)
               for month in range(1, 13)] + [(dt.date(2024, 1, 10), 4), (dt.date(2024, 1, 20), 4),
                                             (dt.date(2024, 3, 1), 4), (dt.date(2023, 4, 20), 1),
                                             (dt.date(2023, 4, 21), 2)]


@pytest.mark.parametrize(("today", "quarter"), EVERY_MONTH, ids=[str(d) for d, _ in EVERY_MONTH])
def test_the_report_due_next_for_every_month(db: Database, today: dt.date, quarter: int) -> None:
    assert progress_quarter_due(db, PLAN, today) == quarter


def test_the_plans_own_dates_decide(db: Database) -> None:
    set_deadline(db, PLAN, DeadlineKind.PROGRESS, dt.date(2023, 7, 5), quarter=2)  # due earlier this year
    assert progress_quarter_due(db, PLAN, dt.date(2023, 7, 10)) == 3
    assert quarter_due_next(dt.date(2025, 1, 15), 2024) == 4 and usual_due(2024, 4) == dt.date(2025, 1, 20)
    assert quarter_due_next(dt.date(2024, 5, 1), 2024, [(1, dt.date(2024, 5, 15))]) == 1


def test_the_editor_opens_on_january_s_full_year_report(qtbot: QtBot, sqlite_db: Database) -> None:
    space = FormsWorkspace(sqlite_db, PLAN, UNIT, today=lambda: dt.date(2024, 1, 8))
    qtbot.addWidget(space)
    assert space.progress_editor.quarter_box.currentText() == "前4季度"
    assert space.current_form()[1] is None or space.current_form()[1] == 4


def test_no_unit_is_chosen_by_a_reflex_enter(qtbot: QtBot, db: Database) -> None:
    dialog = UnitChooserDialog(units(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_unit() is None and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    type_text(dialog.search, "商务")
    assert dialog.chosen_unit() == "市商务局"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)


def test_the_outline_counts_follow_the_filters(make_window) -> None:  # noqa: ANN001 - fixture
    window = make_window("市商务局")
    browser = window.browser
    tree = browser.tree_model
    whole = tree.whole_plan_index()
    count = lambda index: int(tree.index(index.row(), 1, index.parent()).data())  # noqa: E731
    browser.set_role_filter(MINE)
    mine = browser.proxy.rowCount()
    assert count(whole) == mine < 322
    parts = [tree.index(row, 0, whole) for row in range(tree.rowCount(whole))]
    assert sum(count(part) for part in parts) == mine
    browser.set_role_filter(LEAD)
    assert count(whole) == browser.proxy.rowCount() < mine
    browser.filter_bar.keyword.setText("消费")
    assert 0 < count(whole) == browser.proxy.rowCount()
    two = next(part for part in parts if part.data().startswith("二"))
    browser.tree.setCurrentIndex(two)  # choosing a branch narrows the table, not the other counts
    assert count(whole) >= browser.proxy.rowCount()
    assert "共 322 项" in tree.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
