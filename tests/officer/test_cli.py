"""`import-form` and `set-office-email` on the command line: matched, unmatched, applied; all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gwr_desktop.cli import main
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.handover import office_email
from tests.forms.sample_content import PLAN, UNIT
from tests.officer import handmade
from tests.officer.test_form_intake import handmade_progress_xlsx
from tests.plan_import.conftest import database_state


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_form_json_lists_matches_and_applies(capsys: pytest.CaptureFixture[str], db: Database,
                                                    tmp_path: Path) -> None:
    path = handmade.plan_docx(tmp_path)
    status, out, _ = run(capsys, "--db", db.url, "import-form", "--unit", UNIT, "--form", "plan", str(path), "--json")
    data = json.loads(out)
    assert status == 0 and data["applied"] and data["edits"] > 0
    assert [m["key"] for m in data["matched"]] == ["二-1", "二-5", "二-172", "三-1"]
    assert [u["rows"] for u in data["unmatched"]] == ["第15段"] and data["problems"] == []
    check = open_database(db.url)
    item = next(i for i in fc.load_content(check, PLAN, UNIT, FormKind.PLAN).items if i.key == "二-5")
    check.close()
    assert len(item.entries) == 3


def test_import_form_refuses_all_on_a_bad_value(capsys: pytest.CaptureFixture[str], db: Database,
                                                tmp_path: Path) -> None:
    path = handmade_progress_xlsx(tmp_path, bad_status=True)
    before = database_state(db)
    status, out, _ = run(capsys, "--db", db.url, "import-form", "--unit", UNIT, "--form", "progress", str(path))
    assert status == 2 and "没有导入任何内容" in out and "二-5" in out
    assert database_state(db) == before


def test_import_form_dry_run_and_errors(capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path) -> None:
    path = handmade_progress_xlsx(tmp_path)
    before = database_state(db)
    status, out, _ = run(capsys, "--db", db.url, "import-form", "--unit", UNIT, "--form", "progress", "--dry-run",
                         str(path))
    assert status == 0 and "已对应 2 项" in out and "未写入" in out
    assert database_state(db) == before
    status, _, err = run(capsys, "--db", db.url, "import-form", "--unit", UNIT, "--form", "plan",
                         str(tmp_path / "没有.docx"))
    assert status == 2 and "找不到" in err and "Traceback" not in err


def test_set_office_email(capsys: pytest.CaptureFixture[str], db: Database) -> None:
    status, out, _ = run(capsys, "--db", db.url, "set-office-email", "duchashi@wuhan.gov.cn")
    assert status == 0 and "duchashi@wuhan.gov.cn" in out
    status, _, err = run(capsys, "--db", db.url, "set-office-email", "督查室")
    assert status == 2 and "不是有效的邮箱地址" in err
    check = open_database(db.url)
    assert office_email(check, PLAN) == "duchashi@wuhan.gov.cn"
    check.close()
