"""The dashboard on chosen dates, and the `form` / `fill` commands end to end."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from gwr_desktop.cli import main as cli_main
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.dashboard import dashboard
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_edits import person
from tests.forms.conftest import PLAN, UNIT


def test_dashboard_before_the_plan_deadline(db: Database) -> None:
    board = dashboard(db, PLAN, UNIT, today=dt.date(2023, 2, 1))
    assert [(r.form_label, r.name, r.due.isoformat()) for r in board.rows] == [
        ("附表1", "办理方案", "2023-02-10"), ("附表2", "督办工作人员名单", "2023-02-10"),
        ("附表3", "前1季度工作目标完成情况", "2023-04-20"), ("附表3", "前2季度工作目标完成情况", "2023-07-20"),
        ("附表3", "前3季度工作目标完成情况", "2023-10-20"), ("附表3", "全年工作目标完成情况", "2024-01-20")]
    first = board.next_due()
    assert first.days_left == 9 and first.when() == "还有 9 天" and not first.completion.complete
    assert board.led_items == 23


def test_dashboard_overdue_and_completeness(db: Database) -> None:
    fc.set_value(db, PLAN, UNIT, FormKind.CONTACTS, person("leader", 0), "name", "王建国")
    board = dashboard(db, PLAN, UNIT, today=dt.date(2023, 2, 12))
    plan_row, contacts_row = board.rows[0], board.rows[1]
    assert plan_row.when() == "已过期 2 天" and plan_row.overdue
    assert contacts_row.completion.filled == 1 and contacts_row.completion.required == 12
    assert board.next_due().name == "前1季度工作目标完成情况" and board.next_due().when() == "还有 67 天"
    assert board.upcoming()[-1].kind is FormKind.CONTACTS  # overdue and incomplete, still listed
    assert dashboard(db, PLAN, UNIT, today=dt.date(2023, 4, 20)).next_due().when() == "今天截止"


@pytest.fixture
def db_path(sqlite_db: Database) -> str:
    url = sqlite_db.url
    sqlite_db.close()
    return url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli_main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def exported(capsys: pytest.CaptureFixture[str], db_path: str, form: str, *more: str) -> dict:
    code, out, _ = run(capsys, "--db", db_path, "form", "--unit", UNIT, "--form", form, *more, "--json")
    assert code == 0
    return json.loads(out)


def fill(capsys: pytest.CaptureFixture[str], db_path: str, source: Path, data: object, form: str,
         *more: str) -> tuple[int, str, str]:
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return run(capsys, "--db", db_path, "fill", "--unit", UNIT, "--form", form, *more, "--from", str(source))


def test_form_json_and_fill_round_trip(db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = exported(capsys, db_path, "plan")
    assert data["label"] == "附表1" and data["items"][3]["key"] == "二-5"
    assert data["columns"] == {"principal": "主要负责人", "leader": "分管领导", "department": "责任部门",
                               "content": "具体工作内容", "period": "完成时间"}
    data["principal"] = "李明"
    data["items"][3].update(leader="王建国", department="市场体系建设处", entries=[
        {"content": "制定品牌连锁便利店发展行动方案", "period": "3月底"},
        {"content": "新增品牌连锁便利店100家", "period": "4—6月"}])
    code, out, _ = fill(capsys, db_path, tmp_path / "plan.json", data, "plan")
    assert code == 0 and "已填写：市商务局 附表1（办理方案）" in out
    again = exported(capsys, db_path, "plan")
    assert again["principal"] == "李明"
    assert again["items"][3]["entries"] == [{"content": "制定品牌连锁便利店发展行动方案", "period": "3月底"},
                                            {"content": "新增品牌连锁便利店100家", "period": "4-6月"}]
    code, out, _ = run(capsys, "--db", db_path, "form", "--unit", UNIT, "--form", "plan")
    assert "1. 制定品牌连锁便利店发展行动方案\t3月底" in out and "分管领导：王建国" in out and "尚缺" in out


def test_fill_refuses_every_bad_value_and_changes_nothing(db_path: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = exported(capsys, db_path, "contacts")
    people = [{"role": "分管领导", "name": "王建国", "title": "副局长", "office_phone": "027-85770001",
               "mobile": "13907160001"},
              {"role": "office", "name": "张华", "title": "办公室主任", "office_phone": "13907160002", "mobile": ""},
              {"role": "handler", "name": "陈静", "title": "科员", "office_phone": "85770003", "mobile": "1390716"},
              {"role": "boss", "name": "某人"}]
    code, _, err = fill(capsys, db_path, tmp_path / "contacts.json", data | {"people": people}, "contacts")
    assert code == 2 and "数据库未作任何改动" in err and "责任人“boss”无效" in err
    code, _, err = fill(capsys, db_path, tmp_path / "contacts.json", data | {"people": people[:3]}, "contacts")
    assert code == 2 and "2 处问题" in err and "办公室或者综合协调处室负责人办公电话" in err and "经办人手机" in err
    assert [p["name"] for p in exported(capsys, db_path, "contacts")["people"]] == ["", "", ""]


@pytest.mark.parametrize(("change", "reason"), [
    (lambda data: {}, "缺少“form”“plan”“unit”"),
    (lambda data: {"form": "plan", "plan": "2023", "unit": UNIT}, "缺少“items”"),
    (lambda data: data | {"items": data["items"][:5]}, "文件缺少事项 二-10、二-11"),
    (lambda data: data | {"items": [{"key": i["key"]} for i in data["items"]]}, "缺少“leader”"),
    (lambda data: {k: v for k, v in data.items() if k != "principal"}, "表头：缺少“principal”"),
    (lambda data: data | {"unit": "市发改委"}, "文件是“市发改委”的内容，不能填入市商务局"),
    (lambda data: data | {"plan": "2022"}, "方案“2022”"),
    (lambda data: data | {"form": "progress"}, "不能填入附表1"),
])
def test_fill_refuses_files_that_would_destroy(db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               change, reason: str) -> None:  # noqa: ANN001
    """Regression (issue 17): `fill` with {} emptied the whole form and said 已填写; 市发改委's file filled 市商务局."""
    data = exported(capsys, db_path, "plan")
    data["principal"] = "李明"
    assert fill(capsys, db_path, tmp_path / "ok.json", data, "plan")[0] == 0
    code, out, err = fill(capsys, db_path, tmp_path / "bad.json", change(data), "plan")
    assert code == 2 and reason in err and "数据库未作任何改动" in err and "已填写" not in out
    assert exported(capsys, db_path, "plan")["principal"] == "李明"


def test_first_fill_takes_a_verified_backup(db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gwr_desktop.safety.backup import backup_folder, list_backups
    from gwr_desktop.storage.engine import sqlite_file

    data = exported(capsys, db_path, "plan")
    fc.set_header(db := _open(db_path), PLAN, UNIT, FormKind.PLAN, "principal", "王强")  # something worth keeping
    db.close()
    data["principal"] = "李明"
    assert fill(capsys, db_path, tmp_path / "plan.json", data, "plan")[0] == 0
    backups = list_backups(backup_folder(sqlite_file(db_path)))
    assert [b.reason for b in backups] == ["fill"] and backups[0].summary.filled_rows > 0


def _open(url: str) -> Database:
    from gwr_desktop.services.database import open_database

    return open_database(url)


def test_fill_reports_invisible_characters_it_removed(db_path: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    data = exported(capsys, db_path, "plan")
    data["principal"] = "李\u200b明\ufeff"
    code, out, _ = fill(capsys, db_path, tmp_path / "plan.json", data, "plan")
    assert code == 0 and "已删除 2 个不可见字符" in out
    assert exported(capsys, db_path, "plan")["principal"] == "李明"
    data["principal"] = "李\u202e明"
    code, _, err = fill(capsys, db_path, tmp_path / "plan.json", data, "plan")
    assert code == 2 and "U+202E" in err


def test_fill_progress_and_argument_errors(db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = exported(capsys, db_path, "progress", "--quarter", "1")
    data["items"][3].update(progress="已新增品牌连锁便利店62家。", status="序时推进", figure="62家")
    data["items"].append({"key": "二-7", "progress": "不是本单位的", "status": "", "figure": ""})
    code, _, err = fill(capsys, db_path, tmp_path / "q1.json", data, "progress", "--quarter", "1")
    assert code == 2 and "二-7 不是市商务局牵头的事项" in err
    data["items"].pop()
    code, _, err = fill(capsys, db_path, tmp_path / "q1.json", data, "progress", "--quarter", "2")
    assert code == 2 and "第1季度的内容" in err
    assert fill(capsys, db_path, tmp_path / "q1.json", data, "progress", "--quarter", "1")[0] == 0
    assert exported(capsys, db_path, "progress", "--quarter", "1")["items"][3]["figure"] == "62家"
    code, _, err = run(capsys, "--db", db_path, "form", "--unit", UNIT, "--form", "progress")
    assert code == 2 and "--quarter" in err
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "--db", db_path, "fill", "--unit", UNIT, "--form", "plan", "--from",
                       str(tmp_path / "bad.json"))
    assert code == 2 and "不是有效的 JSON" in err
    code, _, err = run(capsys, "--db", db_path, "form", "--unit", "市外星局", "--form", "plan")
    assert code == 2 and "单位名录中没有" in err


@pytest.mark.parametrize("kind", ["directory", "fifo", "deep", "digits"])
def test_fill_refuses_odd_files_with_a_message(db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               kind: str) -> None:
    """Regression (issue 17): a directory or a FIFO (hung for ever), JSON 5,000 deep, a 100,000-digit number."""
    source = tmp_path / "odd"
    if kind == "directory":
        source.mkdir()
    elif kind == "fifo":
        os.mkfifo(source)
    elif kind == "deep":
        source.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    else:
        source.write_text('{"form": "plan", "x": ' + "9" * 100000 + "}", encoding="utf-8")
    code, _, err = run(capsys, "--db", db_path, "fill", "--unit", UNIT, "--form", "plan", "--from", str(source))
    assert code == 2 and err.startswith("错误：") and "Traceback" not in err


def test_a_signed_form_counts_as_handed_in(db: Database, tmp_path: Path) -> None:
    from gwr_desktop.services import signoff

    for role, name, title, office, mobile in (("leader", "张志强", "副局长", "027-85771001", "13907161001"),
                                              ("office", "周丽", "办公室主任", "85771010", "13807162010"),
                                              ("handler", "陈静", "科员", "85771012", "15927001234")):
        for field, value in (("name", name), ("title", title), ("office_phone", office), ("mobile", mobile)):
            fc.set_value(db, PLAN, UNIT, FormKind.CONTACTS, person(role, 0), field, value)
    (tmp_path / "out").mkdir()
    signoff.sign_off(db, PLAN, UNIT, FormKind.CONTACTS, tmp_path / "out", formats=("docx",))  # no Qt here
    board = dashboard(db, PLAN, UNIT, today=dt.date(2023, 2, 12))
    contacts = board.rows[1]
    assert contacts.handed_in and contacts.when() == "已定稿 v1" and contacts not in board.upcoming()
    fc.set_value(db, PLAN, UNIT, FormKind.CONTACTS, person("handler", 0), "title", "四级主任科员")
    again = dashboard(db, PLAN, UNIT, today=dt.date(2023, 2, 12)).rows[1]
    assert again.when() == "已定稿 v1，其后有修改"
