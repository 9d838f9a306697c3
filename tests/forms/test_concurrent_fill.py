"""Regression (issue 17 #5): three concurrent `fill`s of one form on PostgreSQL left a form that was neither
file (附表1 rows of several files, two complete rosters) while all said 已填写. Now each writer locks the form's
head row first: the form ends up equal to exactly one file, whichever came last."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import Database
from tests.forms.conftest import PLAN, UNIT

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 3


def _file(base: dict, writer: int) -> dict:
    data = json.loads(json.dumps(base))
    data["principal"] = f"负责人{writer}"
    for n, entry in enumerate(data["items"]):
        entry.update(leader=f"领导{writer}", department=f"部门{writer}", entries=[
            {"content": f"文件{writer}第{n}项第{k}条", "period": "4-6月"} for k in range(8 + 3 * writer)])
    return data


def _people(base: dict, writer: int) -> dict:
    data = json.loads(json.dumps(base))
    data["people"] = [{"role": "leader", "name": f"领导{writer}", "title": "副局长", "office_phone": "82700001",
                       "mobile": "13800000001"}]
    data["people"] += [{"role": "office", "name": f"主任{writer}", "title": "主任", "office_phone": "82700002",
                        "mobile": "13800000002"}]
    data["people"] += [{"role": "handler", "name": f"经办{writer}-{k}", "title": "科员", "office_phone": "82700003",
                        "mobile": "13800000003"} for k in range(writer + 1)]
    return data


def _fill_at_once(url: str, form: str, files: list[Path]) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", url, "fill", "--unit", UNIT,
                                  "--form", form, "--from", str(path)], cwd=ROOT, env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE) for path in files]
    return [subprocess.CompletedProcess(c.args, c.wait(timeout=120), *c.communicate()) for c in children]


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_concurrent_fills_leave_exactly_one_file(db: Database, tmp_path: Path) -> None:
    from gwr_desktop.domain.form_json import to_json

    plan_base = to_json(fc.load_content(db, PLAN, UNIT, FormKind.PLAN))
    people_base = to_json(fc.load_content(db, PLAN, UNIT, FormKind.CONTACTS))
    for form, make, base in (("plan", _file, plan_base), ("contacts", _people, people_base)):
        files = []
        for writer in range(WRITERS):
            path = tmp_path / f"{form}{writer}.json"
            path.write_text(json.dumps(make(base, writer), ensure_ascii=False), encoding="utf-8")
            files.append(path)
        for done in _fill_at_once(db.url, form, files):
            assert done.returncode == 0 and "已填写" in done.stdout, done.stderr
        stored = _essence(to_json(fc.load_content(db, PLAN, UNIT, FormKind(form))))
        matches = [writer for writer in range(WRITERS) if _essence(make(base, writer)) == stored]
        assert len(matches) == 1, f"{form}: the stored form is a mix of the files"


def _essence(data: dict) -> object:
    """What a fill writes: the header value, every item's values and entries, or every person."""
    if "people" in data:
        return [(p["role"], p["name"], p["title"], p["office_phone"], p["mobile"]) for p in data["people"]]
    return data["principal"], [(i["key"], i["leader"], i["department"], i["entries"]) for i in data["items"]]


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_concurrent_row_inserts_keep_every_entry_in_order(db: Database) -> None:
    """Two writers inserting work entries into one item at once: every entry kept, ordinals 0..n-1, no clash on
    the unique ordering (the head-row lock serialises them; without it they collide on ordinal)."""
    from concurrent.futures import ThreadPoolExecutor

    from gwr_desktop.services import form_edits as e

    def writer(name: str) -> None:
        for n in range(15):
            first = e.InsertRow(FormKind.PLAN, 0, e.entry("二-5", 0), {"content": f"{name}{n}"})
            fc.apply_edits(db, PLAN, UNIT, [first])

    with ThreadPoolExecutor(max_workers=2) as pool:
        for done in [pool.submit(writer, name) for name in ("甲", "乙")]:
            done.result()
    five = next(i for i in fc.load_content(db, PLAN, UNIT, FormKind.PLAN).items if i.key == "二-5")
    assert sorted(w.get("content") for w in five.entries) == sorted(f"{a}{n}" for a in "甲乙" for n in range(15))
