"""A next-year plan whose notice numbers and shapes its forms differently, as data only
(tests/fixtures/forms/wuhan_2024_renumbered.txt): 附表1 prints an extra column 工作目标, the quarterly form is
附表2, and there is no roster form at all. The parser reads each blank form's printed columns from the notice."""

from __future__ import annotations

from pathlib import Path

from gwr_desktop.services import plan_import
from gwr_desktop.services.database import Database

PLAN_2024 = "2024"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "forms" / "wuhan_2024_renumbered.txt"


def import_renumbered(db: Database) -> None:
    result = plan_import.import_plan(db, FIXTURE)
    assert result.plan_key == PLAN_2024 and result.created
