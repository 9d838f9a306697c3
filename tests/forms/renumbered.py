"""A next-year plan whose notice numbers and shapes its forms differently, as data only
(tests/fixtures/forms/wuhan_2024_renumbered.txt): 附表1 prints an extra column 工作目标, the quarterly form is
附表2, and there is no roster form at all."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import FormSetting, ParsedPlan
from gwr_desktop.services import plan_import
from gwr_desktop.services.database import Database

PLAN_2024 = "2024"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "forms" / "wuhan_2024_renumbered.txt"


@dataclass(frozen=True)
class PrintedForm(FormSetting):
    """FormSetting with the printed headers the parser branch adds (contract 1); used only until it lands."""

    printed_columns: tuple[str, ...] = ()
    printed_fields: tuple[str, ...] = ()


def printed_headers(text: str, label: str) -> tuple[str, ...]:
    """The header row of a blank form as printed after its 附表 line (tab-separated, as the dump has it)."""
    lines = text.splitlines()
    start = lines.index(f"附表 {label[-1]}")
    row = next(line for line in lines[start:] if line.startswith("序号"))
    return tuple(cell.strip() for cell in row.split("\t") if cell.strip())


def with_printed_columns(parsed: ParsedPlan, text: str) -> ParsedPlan:
    if any(getattr(form, "printed_columns", ()) for form in parsed.forms) or \
            "printed_columns" in {f.name for f in fields(FormSetting)}:
        return parsed  # the parser reads them itself
    parsed.forms = [PrintedForm(f.kind, f.label, f.title_pattern, printed_headers(text, f.label))
                    for f in parsed.forms]
    return parsed


def import_renumbered(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    real = plan_import.parse_plan
    monkeypatch.setattr(plan_import, "parse_plan", lambda text, registry: with_printed_columns(real(text, registry),
                                                                                                text))
    result = plan_import.import_plan(db, FIXTURE)
    assert result.plan_key == PLAN_2024 and result.created
