"""A plan's deadlines and form titles are data: correctable after import, through the service and the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gwr_desktop.cli import main
from gwr_desktop.domain.plan import DeadlineKind, FormKind
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.plan_settings import PlanSettingError, set_deadline, set_form_setting


def dues(db: Database) -> dict[tuple[str, int | None], dt.date]:
    return {(d.kind.value, d.quarter): d.due for d in catalogue.catalogue(db, "2023").deadlines}


def test_deadline_is_editable_and_announced(db: Database) -> None:
    changes: list[Change] = []
    db.hub.subscribe(changes.append)
    set_deadline(db, "2023", DeadlineKind.PROGRESS, dt.date(2023, 7, 15), quarter=2)
    assert dues(db)[("progress", 2)] == dt.date(2023, 7, 15)
    assert dues(db)[("progress", 1)] == dt.date(2023, 4, 20)
    set_deadline(db, "2023", DeadlineKind.PLAN_FORMS, dt.date(2023, 2, 3))
    assert dues(db)[("plan_forms", None)] == dt.date(2023, 2, 3)
    assert [c.topic for c in changes] == ["catalogue", "catalogue"]


def test_bad_deadlines_change_nothing(db: Database) -> None:
    before = dues(db)
    with pytest.raises(PlanSettingError, match="季度"):
        set_deadline(db, "2023", DeadlineKind.PROGRESS, dt.date(2023, 7, 15))
    with pytest.raises(PlanSettingError, match="合理范围"):
        set_deadline(db, "2023", DeadlineKind.PROGRESS, dt.date(2030, 7, 15), quarter=2)
    with pytest.raises(catalogue.UnknownPlanError):
        set_deadline(db, "1999", DeadlineKind.PLAN_FORMS, dt.date(1999, 2, 3))
    assert dues(db) == before


def test_form_title_is_editable(db: Database) -> None:
    with pytest.raises(PlanSettingError, match="已用于督办工作人员名单"):  # labels are unique within a plan
        set_form_setting(db, "2023", FormKind.PROGRESS, "附表2", "{unit}{quarter}重点工作完成情况")
    set_form_setting(db, "2023", FormKind.CONTACTS, "附表4", "{unit}督办工作人员名单")
    set_form_setting(db, "2023", FormKind.PROGRESS, "附表2", "{unit}{quarter}重点工作完成情况")
    forms = {f.kind: f for f in catalogue.catalogue(db, "2023").forms}
    assert (forms[FormKind.PROGRESS].label, forms[FormKind.PROGRESS].title_pattern) == (
        "附表2", "{unit}{quarter}重点工作完成情况")
    with pytest.raises(PlanSettingError, match="quarter"):
        set_form_setting(db, "2023", FormKind.PROGRESS, "附表3", "{unit}完成情况")


def test_cli(capsys: pytest.CaptureFixture[str], sqlite_url: str, seed_path: Path) -> None:
    main(["--db", sqlite_url, "import-plan", str(seed_path)])
    assert main(["--db", sqlite_url, "set-deadline", "--kind", "progress", "--quarter", "3",
                 "--due", "2023-10-15"]) == 0
    assert main(["--db", sqlite_url, "set-deadline", "--kind", "progress", "--due", "2023-10-15"]) == 2
    assert "需要指明季度" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "set-form", "--form", "plan", "--label", "附件1",
                 "--title", "{unit}办理方案"]) == 0
