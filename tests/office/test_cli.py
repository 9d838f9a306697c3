"""The command-line twins of issue 13 #4, against real database files: a unit's database and the 督查室's own,
sharing nothing but the files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from gwr_desktop.cli import main
from gwr_desktop.services.database import Database
from tests.forms.sample_content import fill_sample


def leading_units(url: str) -> list[str]:
    """Every unit that leads an item (offices hosted by another unit report through their host), read through
    the catalogue's roles rather than the 督查室's own scope."""
    from gwr_desktop.domain.plan import Role
    from gwr_desktop.services import catalogue
    from gwr_desktop.services.database import open_database

    db = open_database(url)
    try:
        return [u.name for u in catalogue.units(db) if u.kind != "group" and not u.host
                and Role.LEAD in catalogue.unit_roles(db, "2023", u.name).values()]
    finally:
        db.close()


def run(url: str, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["--db", url, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def mail(sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture) -> Path:
    fill_sample(sqlite_db)
    folder = tmp_path / "mail"
    for form in ("plan", "contacts"):
        assert run(sqlite_db.url, capsys, "export", "--unit", "市商务局", "--form", form, "--format", "xlsx",
                   "--out", str(folder))[0] == 0
    assert run(sqlite_db.url, capsys, "export", "--unit", "市商务局", "--form", "progress", "--quarter", "1",
               "--format", "docx", "--out", str(folder))[0] == 0
    return folder


def test_office_import_ledger_chase_and_summary(mail: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    office = f"sqlite:///{tmp_path / 'office.db'}"
    code, out, _ = run(office, capsys, "office", "import", str(mail), "--plan", "2023", "--received", "2023-02-12",
                       "--json")
    assert code == 0
    assert [(o["status"], o["form"]) for o in json.loads(out)] == [
        ("accepted", "plan"), ("accepted", "contacts"), ("accepted", "progress")]
    code, out, _ = run(office, capsys, "office", "import", str(mail), "--json")
    assert {o["status"] for o in json.loads(out)} == {"duplicate"}
    code, out, _ = run(office, capsys, "office", "ledger", "--form", "plan", "--today", "2023-02-20", "--json")
    rows = json.loads(out)
    mine = next(r for r in rows if r["unit"] == "市商务局")
    assert {k: mine[k] for k in ("form", "quarter", "state", "version", "received", "edited_after_export")} == {
        "form": "plan", "quarter": None, "state": "late", "version": None, "received": "2023-02-12",
        "edited_after_export": False}
    assert {r["state"] for r in rows if r["unit"] != "市商务局"} == {"missing"}
    assert sorted(r["unit"] for r in rows) == sorted(leading_units(office))
    code, out, _ = run(office, capsys, "office", "chase", "--form", "progress", "--quarter", "1", "--today",
                       "2023-04-10", "--json")
    chased = json.loads(out)
    assert "市商务局" not in {c["unit"] for c in chased} and not any(c["overdue"] for c in chased)
    target = tmp_path / "汇总.xlsx"
    code, out, _ = run(office, capsys, "office", "summary", "--form", "progress", "--quarter", "1", "--out",
                       str(target))
    assert code == 0 and Path(out.strip()) == target
    values = [c for row in openpyxl.load_workbook(target).active.iter_rows(values_only=True) for c in row]
    assert "已新增品牌连锁便利店62家、智慧商店230家。" in values


def test_office_errors_are_plain_chinese(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    office = f"sqlite:///{tmp_path / 'office.db'}"
    code, _, err = run(office, capsys, "office", "ledger", "--form", "progress")
    assert code == 2 and "--quarter" in err
    code, _, err = run(office, capsys, "office", "import", str(tmp_path / "nowhere"))
    assert code == 2 and "找不到" in err


def test_contribution_export_import_list_merge(sqlite_db: Database, tmp_path: Path,
                                               capsys: pytest.CaptureFixture) -> None:
    url, out_dir = sqlite_db.url, tmp_path / "to_lead"
    code, _, _ = run(url, capsys, "contribution", "set", "--unit", "市经信局", "--item", "二-2", "--quarter", "2",
                     "--text", "组织工业企业参与促消费活动12场。", "--work", "组织企业参与活动|4-6月")
    assert code == 0
    code, out, _ = run(url, capsys, "contribution", "export", "--unit", "市经信局", "--lead", "市商务局",
                       "--quarter", "2", "--out", str(out_dir))
    assert code == 0 and len(out.splitlines()) == 2
    code, out, _ = run(url, capsys, "contribution", "import", str(out_dir), "--unit", "市商务局", "--json")
    assert [(o["status"], o["duplicate"]) for o in json.loads(out)] == [("accepted", False), ("refused", True)]
    code, out, _ = run(url, capsys, "contribution", "import", str(out_dir), "--unit", "市发改委", "--json")
    assert code == 1 and all("不是本单位（市发改委）" in o["reason"] for o in json.loads(out))
    code, out, _ = run(url, capsys, "contribution", "list", "--unit", "市商务局", "--json")
    listed = json.loads(out)["contributions"]
    assert [(c["helper"], c["item"], c["note"]) for c in listed] == [
        ("市经信局", "二-2", "组织工业企业参与促消费活动12场。")]
    code, out, _ = run(url, capsys, "contribution", "merge", "--unit", "市商务局", "--id", str(listed[0]["id"]),
                       "--quarter", "2")
    assert code == 0 and "并入市经信局的配合情况" in out
    code, out, _ = run(url, capsys, "contribution", "list", "--unit", "市商务局", "--json")
    assert [(m["target"], m["quarter"]) for m in json.loads(out)["merges"]] == [("完成情况", 2)]
    code, _, err = run(url, capsys, "contribution", "export", "--unit", "市经信局", "--lead", "市教育局", "--out",
                       str(out_dir))
    assert code == 2 and "没有参与市教育局牵头的事项" in err
