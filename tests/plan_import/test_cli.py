"""The command line over the same services: catalogue --json, import-plan --dry-run, --current, --plan's default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gwr_desktop.cli import main
from gwr_desktop.cli.plan_json import item_json
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import open_database
from tests.plan_import.conftest import database_state, next_year_text, write_text

ITEM_FIELDS = {"key", "part", "number", "section", "heading", "text", "lead", "responsible", "sub_assignments",
               "hosts"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_catalogue_json_is_the_whole_plan(capsys: pytest.CaptureFixture[str], db_url: str, seed_path: Path) -> None:
    run(capsys, "--db", db_url, "import-plan", str(seed_path))
    status, out, _ = run(capsys, "--db", db_url, "catalogue", "--json")
    data = json.loads(out)
    assert status == 0
    plan = data["plan"]
    assert (plan["key"], plan["current"], plan["doc_number"]) == ("2023", True, "武政办〔2023〕1号")
    assert [d["due"] for d in data["deadlines"]][0] == "2023-02-10"
    assert [f["label"] for f in data["forms"]] == ["附表1", "附表2", "附表3"]
    assert [p["after_item"] for p in data["problems"]] == ["二-154"]
    assert len(data["items"]) == 322 and all(set(item) >= ITEM_FIELDS for item in data["items"])
    db = open_database(db_url)
    stored = {item.key: item for item in catalogue.catalogue(db, "2023").items}
    db.close()
    assert data["items"] == [item_json(stored[item["key"]]) for item in data["items"]]
    items = {item["key"]: item for item in data["items"]}
    assert items["二-1"]["hosts"] == [{"unit": "市建设国际消费中心城市工作领导小组办公室", "host": "市商务局"}]
    assert items["三-1"]["lead"] == ["各区人民政府", "市人民政府各部门"] and items["三-1"]["responsible"] == []
    assert items["三-1"]["printed"] == {"lead": [], "responsible": ["各区人民政府", "市人民政府各部门"]}
    assert [s["lead"] for s in items["二-49"]["sub_assignments"]] == [["市经信局"], ["市发改委"]]
    assert "leader" not in items["二-1"]  # printed only where the plan prints one


def test_dry_run_writes_nothing_and_says_what_would_happen(capsys: pytest.CaptureFixture[str], sqlite_url: str,
                                                           seed_path: Path, seed_text: str, tmp_path: Path) -> None:
    run(capsys, "--db", sqlite_url, "import-plan", str(seed_path))
    db = open_database(sqlite_url)
    before = database_state(db)
    next_year = write_text(tmp_path, "2024.txt", next_year_text(seed_text))
    status, out, _ = run(capsys, "--db", sqlite_url, "import-plan", str(next_year), "--dry-run", "--json",
                         "--unit", "江夏区")
    data = json.loads(out)
    assert status == 0 and data["outcome"] == "import" and data["current_plan"] == "2023"
    assert data["meta"]["doc_number"] == "武政办〔2024〕1号" and data["items"] == 322
    assert data["unit"]["name"] == "江夏区人民政府" and data["unit"]["lead"] == 5
    assert not data["make_current_by_default"] and data["new_units"] == []
    assert database_state(db) == before
    status, out, _ = run(capsys, "--db", sqlite_url, "import-plan", str(seed_path), "--dry-run", "--json")
    assert status == 0 and json.loads(out)["outcome"] == "already_imported"
    altered = write_text(tmp_path, "altered.txt", seed_text.replace("便利店 200 家", "便利店 300 家"))
    status, out, err = run(capsys, "--db", sqlite_url, "import-plan", str(altered), "--dry-run", "--json")
    assert status == 2 and json.loads(out)["outcome"] == "refused" and "武政办〔2023〕1号" in err
    assert database_state(db) == before
    db.close()


def test_plan_default_is_the_current_plan(capsys: pytest.CaptureFixture[str], sqlite_url: str, seed_path: Path,
                                          seed_text: str, tmp_path: Path) -> None:
    run(capsys, "--db", sqlite_url, "import-plan", str(seed_path))
    revised = seed_text.replace("武政办〔2023〕1号", "武政办〔2023〕9号").replace("便利店 200 家", "便利店 300 家")
    status, out, _ = run(capsys, "--db", sqlite_url, "import-plan", str(write_text(tmp_path, "r.txt", revised)))
    assert status == 0 and "当前方案未改变" in out
    assert json.loads(run(capsys, "--db", sqlite_url, "catalogue", "--json")[1])["plan"]["key"] == "2023"
    status, out, _ = run(capsys, "--db", sqlite_url, "import-plan", str(tmp_path / "r.txt"), "--current", "--json")
    data = json.loads(out)
    assert status == 0 and (data["plan"], data["created"], data["current"]) == ("2023-2", False, True)
    tasks = json.loads(run(capsys, "--db", sqlite_url, "tasks", "--unit", "市商务局", "--json")[1])
    assert any("便利店300家" in task["text"] for task in tasks)  # the default plan is now the revised one
