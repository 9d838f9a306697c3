"""The catalogue commands: import-plan, tasks and units, with their JSON shapes and failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gwr_desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_plan_json(capsys: pytest.CaptureFixture[str], sqlite_url: str, seed_path: Path) -> None:
    status, out, _ = run(capsys, "--db", sqlite_url, "import-plan", str(seed_path), "--json")
    data = json.loads(out)
    assert status == 0
    assert (data["plan"], data["items"], data["units"]) == ("2023", 322, 86)
    assert data["per_part"] == {"一": 5, "二": 241, "三": 7, "四": 69}
    assert [(p["text"], p["after_item"], p["line"]) for p in data["problems"]] == [
        ("位:市科技局、市人社局、市市场监管局)", "二-154", 446)]


def test_tasks_json(capsys: pytest.CaptureFixture[str], sqlite_url: str, seed_path: Path) -> None:
    run(capsys, "--db", sqlite_url, "import-plan", str(seed_path))
    status, out, _ = run(capsys, "--db", sqlite_url, "tasks", "--unit", "市商务局", "--role", "lead", "--json")
    rows = json.loads(out)
    assert status == 0 and len(rows) == 23
    first = rows[0]
    assert first["key"] == "二-1" and first["part"] == "二" and first["number"] == 1
    assert first["lead"] == ["市建设国际消费中心城市工作领导小组办公室"] and first["role"] == "lead"
    assert first["responsible"] == ["市发改委", "各区人民政府"]
    status, out, _ = run(capsys, "--db", sqlite_url, "tasks", "--unit", "江夏区人民政府", "--role", "resp",
                         "--plan", "2023", "--json")
    rows = json.loads(out)
    assert {r["role"] for r in rows} == {"responsible"} and len(rows) == 158


def test_units_json(capsys: pytest.CaptureFixture[str], sqlite_url: str, seed_path: Path) -> None:
    run(capsys, "--db", sqlite_url, "import-plan", str(seed_path))
    status, out, _ = run(capsys, "--db", sqlite_url, "units", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert status == 0 and rows["江夏区人民政府"]["kind"] == "district_government"
    assert rows["各区人民政府"]["kind"] == "group"


def test_unknown_unit_is_a_clear_error(capsys: pytest.CaptureFixture[str], sqlite_url: str, seed_path: Path) -> None:
    run(capsys, "--db", sqlite_url, "import-plan", str(seed_path))
    status, out, err = run(capsys, "--db", sqlite_url, "tasks", "--unit", "市火星局")
    assert status != 0 and out == "" and "单位名录中没有“市火星局”" in err


def test_damaged_plan_file_leaves_database_unchanged(capsys: pytest.CaptureFixture[str], sqlite_url: str,
                                                     seed_path: Path, tmp_path: Path) -> None:
    run(capsys, "--db", sqlite_url, "import-plan", str(seed_path))
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"PK\x03\x04garbage")
    status, _, err = run(capsys, "--db", sqlite_url, "import-plan", str(damaged))
    assert status != 0 and "损坏" in err and "数据库未作改动" in err
    missing = run(capsys, "--db", sqlite_url, "import-plan", str(tmp_path / "nope.txt"))
    assert missing[0] != 0 and "找不到方案文件" in missing[2]
    status, out, _ = run(capsys, "--db", sqlite_url, "tasks", "--unit", "市商务局", "--json")
    assert status == 0 and len(json.loads(out)) == 44


def test_gwr_db_environment_variable_in_a_real_process(tmp_path: Path, seed_path: Path) -> None:
    env = {**os.environ, "GWR_DB": str(tmp_path / "env.db"), "GWR_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "import-plan", str(seed_path)],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "共 322 项" in done.stdout
    assert (tmp_path / "env.db").exists() and not (tmp_path / "data" / "gwr.db").exists()
