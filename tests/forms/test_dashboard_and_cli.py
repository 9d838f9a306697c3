"""The dashboard on chosen dates, and the `form` / `fill` commands end to end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gwr_desktop.cli import main as cli_main
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.dashboard import dashboard
from gwr_desktop.services.database import Database
from tests.forms.conftest import PLAN, UNIT


def test_dashboard_before_the_plan_deadline(db: Database) -> None:
    board = dashboard(db, PLAN, UNIT, today=dt.date(2023, 2, 1))
    assert [(r.form_label, r.name, r.due.isoformat()) for r in board.rows] == [
        ("附表1", "办理方案", "2023-02-10"), ("附表2", "督办工作人员名单", "2023-02-10"),
        ("附表3", "前1季度完成情况", "2023-04-20"), ("附表3", "前2季度完成情况", "2023-07-20"),
        ("附表3", "前3季度完成情况", "2023-10-20"), ("附表3", "全年完成情况", "2024-01-20")]
    first = board.next_due()
    assert first.days_left == 9 and first.when() == "还有 9 天" and not first.completion.complete
    assert board.led_items == 23


def test_dashboard_overdue_and_completeness(db: Database) -> None:
    fc.set_contact_field(db, PLAN, UNIT, "leader", 0, "name", "王建国")
    board = dashboard(db, PLAN, UNIT, today=dt.date(2023, 2, 12))
    plan_row, contacts_row = board.rows[0], board.rows[1]
    assert plan_row.when() == "已过期 2 天" and plan_row.overdue
    assert contacts_row.completion.filled == 1 and contacts_row.completion.required == 12
    assert board.next_due().name == "前1季度完成情况" and board.next_due().when() == "还有 67 天"
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


def test_form_json_and_fill_round_trip(db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db_path, "form", "--unit", UNIT, "--form", "plan", "--json")
    data = json.loads(out)
    assert code == 0 and data["label"] == "附表1" and data["items"][3]["key"] == "二-5"
    data["principal"] = "李明"
    data["items"][3].update(leader="王建国", department="市场体系建设处", entries=[
        {"content": "制定品牌连锁便利店发展行动方案", "period": "3月"},
        {"content": "新增品牌连锁便利店100家", "period": "4—6月"}])
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "--db", db_path, "fill", "--unit", UNIT, "--form", "plan", "--from", str(source))
    assert code == 0 and "已填写" in out
    code, out, _ = run(capsys, "--db", db_path, "form", "--unit", UNIT, "--form", "plan", "--json")
    again = json.loads(out)
    assert again["principal"] == "李明"
    assert again["items"][3]["entries"][1] == {"content": "新增品牌连锁便利店100家", "period": "4-6月"}
    code, out, _ = run(capsys, "--db", db_path, "form", "--unit", UNIT, "--form", "plan")
    assert "1. 制定品牌连锁便利店发展行动方案\t3月" in out and "尚缺" in out


def test_fill_refuses_every_bad_value_and_changes_nothing(db_path: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    people = [{"role": "分管领导", "name": "王建国", "title": "副局长", "office_phone": "027-85770001",
               "mobile": "13907160001"},
              {"role": "office", "name": "张华", "title": "办公室主任", "office_phone": "13907160002", "mobile": ""},
              {"role": "handler", "name": "陈静", "title": "科员", "office_phone": "85770003", "mobile": "1390716"},
              {"role": "boss", "name": "某人"}]
    source = tmp_path / "contacts.json"
    source.write_text(json.dumps({"form": "contacts", "people": people}, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "--db", db_path, "fill", "--unit", UNIT, "--form", "contacts", "--from", str(source))
    assert code == 2 and "数据库未作任何改动" in err and "责任人“boss”无效" in err
    source.write_text(json.dumps({"form": "contacts", "people": people[:3]}, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "--db", db_path, "fill", "--unit", UNIT, "--form", "contacts", "--from", str(source))
    assert code == 2 and "2 处问题" in err and "办公室或者综合协调处室负责人办公电话" in err and "经办人手机" in err
    code, out, _ = run(capsys, "--db", db_path, "form", "--unit", UNIT, "--form", "contacts", "--json")
    assert [p["name"] for p in json.loads(out)["people"]] == ["", "", ""]


def test_fill_progress_and_argument_errors(db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "q1.json"
    source.write_text(json.dumps({"form": "progress", "quarter": 1, "items": [
        {"key": "二-5", "progress": "已新增品牌连锁便利店62家。", "status": "序时推进", "figure": "62家"},
        {"key": "二-7", "progress": "不是本单位的"}]}, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "--db", db_path, "fill", "--unit", UNIT, "--form", "progress", "--quarter", "1",
                       "--from", str(source))
    assert code == 2 and "二-7 不是市商务局牵头的事项" in err
    code, _, err = run(capsys, "--db", db_path, "form", "--unit", UNIT, "--form", "progress")
    assert code == 2 and "--quarter" in err
    source.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "--db", db_path, "fill", "--unit", UNIT, "--form", "plan", "--from", str(source))
    assert code == 2 and "不是有效的 JSON" in err
    code, _, err = run(capsys, "--db", db_path, "form", "--unit", "市外星局", "--form", "plan")
    assert code == 2 and "单位名录中没有" in err


def test_a_signed_form_counts_as_handed_in(db: Database, tmp_path: Path) -> None:
    from gwr_desktop.services import signoff

    for role, index, name, title, office, mobile in (("leader", 0, "张志强", "副局长", "027-85771001", "13907161001"),
                                                     ("office", 0, "周丽", "办公室主任", "85771010", "13807162010"),
                                                     ("handler", 0, "陈静", "科员", "85771012", "15927001234")):
        for field, value in (("name", name), ("title", title), ("office_phone", office), ("mobile", mobile)):
            fc.set_contact_field(db, PLAN, UNIT, role, index, field, value)
    (tmp_path / "out").mkdir()
    signoff.sign_off(db, PLAN, UNIT, FormKind.CONTACTS, tmp_path / "out", formats=("docx",))  # no Qt here
    board = dashboard(db, PLAN, UNIT, today=dt.date(2023, 2, 12))
    contacts = board.rows[1]
    assert contacts.handed_in and contacts.when() == "已定稿 v1" and contacts not in board.upcoming()
    fc.set_contact_field(db, PLAN, UNIT, "handler", 0, "title", "四级主任科员")
    again = dashboard(db, PLAN, UNIT, today=dt.date(2023, 2, 12)).rows[1]
    assert again.when() == "已定稿 v1，其后有修改"
