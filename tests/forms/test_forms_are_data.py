"""Acceptance (issue 11): a column added to 附表1 and 完成情况 renumbered 附表2 through data alone — a plan whose
notice prints its forms so. The editor shows the column, `form --json`/`fill` carry it, completeness counts it,
every export prints it within the page, tabs, messages and file names say 附表2, and the plan has no roster."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from gwr_desktop.cli import main as cli_main
from gwr_desktop.domain.completeness import completion, missing_fields
from gwr_desktop.domain.form_defs import Level, ValueKind
from gwr_desktop.domain.page import printable_width_mm
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import catalogue, signoff
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_edits import item
from gwr_desktop.ui.forms.editors import PlanEditor
from gwr_desktop.ui.forms.workspace import FormsWorkspace
from tests.forms.renumbered import PLAN_2024, import_renumbered

UNIT = "市商务局"
GOAL = "工作目标"


@pytest.fixture
def plan_2024(db: Database) -> Database:
    import_renumbered(db)
    return db


def test_the_plan_keeps_the_forms_its_notice_prints(plan_2024: Database) -> None:
    forms = fc.definitions(plan_2024, PLAN_2024)
    assert [(kind, d.label) for kind, d in forms.items()] == [(FormKind.PLAN, "附表1"), (FormKind.PROGRESS, "附表2")]
    plan = forms[FormKind.PLAN]
    goal = next(c for c in plan.columns if c.header == GOAL)
    assert (goal.key, goal.kind, goal.level, goal.required) == (GOAL, ValueKind.TEXT, Level.ITEM, True)
    assert [c.header for c in plan.columns][:4] == ["序号", "责任事项", GOAL, "具体工作内容"]
    assert sum(c.width_mm for c in plan.columns) <= printable_width_mm(plan.orientation) + 1e-6
    notes = [p.text for p in catalogue.catalogue(plan_2024, PLAN_2024).problems if p.kind == "form_settings"]
    assert any("增加通知中的“工作目标”栏" in note for note in notes) and any("超出可打印宽度" in note for note in notes)
    assert fc.definitions(plan_2024, "2023")[FormKind.PROGRESS].label == "附表3"  # last year's plan is untouched


def test_the_editor_shows_the_column_and_the_tabs_say_what_the_plan_says(
        qtbot: QtBot, plan_2024: Database) -> None:
    space = FormsWorkspace(plan_2024, PLAN_2024, UNIT, today=lambda: dt.date(2024, 2, 1))
    qtbot.addWidget(space)
    assert [space.tabText(i) for i in range(space.count())] == ["截止与进度", "附表1 办理方案", "附表2 完成情况"]
    assert space.contacts_editor is None
    editor: PlanEditor = space.plan_editor
    column = editor.model.column_of(GOAL)
    assert editor.model.headers[column] == GOAL and editor.table.columnWidth(column) > 0
    row = editor.model.row_of("二-5", 0)
    assert editor.model.setData(editor.model.index(row, column), "便利店网络覆盖全市")
    stored = next(i for i in fc.load_content(plan_2024, PLAN_2024, UNIT, FormKind.PLAN).items if i.key == "二-5")
    assert stored.get(GOAL) == "便利店网络覆盖全市"
    board = space.dashboard.board
    assert [(r.form_label, r.name) for r in board.rows][:2] == [
        ("附表1", "办理方案"), ("附表2", "前1季度工作目标完成情况")]
    assert all(r.kind is not FormKind.CONTACTS for r in board.rows)  # no roster: no deadline for it
    space.set_unit(UNIT, "2023")  # last year's plan: its own three forms come back
    tabs = [space.tabText(i) for i in range(space.count())]
    assert tabs[1:] == ["附表1 办理方案", "附表2 督办名单", "附表3 完成情况"]


def test_completeness_counts_the_column(plan_2024: Database) -> None:
    content = fc.load_content(plan_2024, PLAN_2024, UNIT, FormKind.PLAN)
    assert "二-5：未填写工作目标" in missing_fields(content)
    assert completion(content).required == 1 + len(content.items) * (3 + 2)  # 3 item values, 2 per work entry
    fc.set_value(plan_2024, PLAN_2024, UNIT, FormKind.PLAN, item("二-5"), GOAL, "全年新增200家")
    assert "二-5：未填写工作目标" not in missing_fields(fc.load_content(plan_2024, PLAN_2024, UNIT, FormKind.PLAN))


def test_messages_name_the_plans_own_forms(plan_2024: Database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(fc.FormInputError, match="附表2（工作目标完成情况）需要指定季度"):
        fc.load_content(plan_2024, PLAN_2024, UNIT, FormKind.PROGRESS)
    with pytest.raises(fc.FormInputError, match="方案 2024 没有督办工作人员名单表"):
        fc.load_content(plan_2024, PLAN_2024, UNIT, FormKind.CONTACTS)
    with pytest.raises(fc.FormInputError, match="没有督办工作人员名单表"):
        signoff.export_form(plan_2024, PLAN_2024, UNIT, FormKind.CONTACTS, folder)
    assert list(folder.iterdir()) == []


def _filled_json(capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path) -> Path:
    code = cli_main(["--db", url, "form", "--plan", PLAN_2024, "--unit", UNIT, "--form", "plan", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["columns"][GOAL] == GOAL and all(GOAL in i for i in data["items"])
    data["principal"] = "刘明远"
    for n, entry in enumerate(data["items"]):
        entry.update({GOAL: f"目标{n}", "leader": "张志强", "department": "综合处",
                      "entries": [{"content": f"第{n}项的具体工作", "period": "4-6月"}]})
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return source


def test_form_json_fill_and_every_export_carry_the_column(plan_2024: Database, tmp_path: Path, qapp,  # noqa: ANN001
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    url = plan_2024.url
    source = _filled_json(capsys, url, tmp_path)
    assert cli_main(["--db", url, "fill", "--plan", PLAN_2024, "--unit", UNIT, "--form", "plan",
                     "--from", str(source)]) == 0
    assert "已填写：市商务局 附表1（办理方案）" in capsys.readouterr().out
    content = fc.load_content(plan_2024, PLAN_2024, UNIT, FormKind.PLAN)
    assert missing_fields(content) == [] and content.items[3].get(GOAL) == "目标3"
    out = tmp_path / "out"
    out.mkdir()
    signed, paths = signoff.sign_off(plan_2024, PLAN_2024, UNIT, FormKind.PLAN, out)
    assert [p.name for p in paths] == [f"2024_市商务局_附表1_办理方案_v1.{ext}" for ext in ("docx", "xlsx", "pdf")]
    _check_files(paths, landscape_mm=printable_width_mm("landscape"))
    fc.set_value(plan_2024, PLAN_2024, UNIT, FormKind.PROGRESS, item("二-5"), "progress", "已新增62家", quarter=2)
    progress = signoff.export_form(plan_2024, PLAN_2024, UNIT, FormKind.PROGRESS, out, quarter=2, formats=["docx"])
    assert progress[0].name == "2024_市商务局_附表2_工作目标完成情况_前2季度_草稿.docx"
    assert Document(str(progress[0])).paragraphs[0].text == "附表2"


def _check_files(paths: list[Path], landscape_mm: float) -> None:
    docx, xlsx, pdf = paths
    table = Document(str(docx)).tables[0]
    assert [c.text for c in table.rows[0].cells][2] == GOAL and table.rows[2].cells[2].text == "目标0"
    grid_mm = sum(g.w for g in table._tbl.tblGrid.gridCol_lst) / 36000
    assert grid_mm <= landscape_mm + 0.1  # within the page's printable width
    sheet = load_workbook(str(xlsx)).active
    header = next(row for row in sheet.iter_rows(values_only=True) if row and row[0] == "序号")
    assert header[2] == GOAL and sheet.page_setup.orientation == "landscape"
    raw = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    text = unicodedata.normalize("NFKC", raw)  # Qt maps some shared glyphs to Kangxi radicals (⽬ for 目)
    assert "工作目标" in text and "目标0" in text and text.startswith("附表1")


def test_the_command_line_says_a_form_is_not_in_the_plan(plan_2024: Database, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["export", "--out", str(tmp_path)], ["form"], ["fill", "--from", str(tmp_path / "x.json")]):
        (tmp_path / "x.json").write_text("{}", encoding="utf-8")
        code = cli_main(["--db", plan_2024.url, command[0], "--plan", PLAN_2024, "--unit", UNIT,
                         "--form", "contacts", *command[1:]])
        err = capsys.readouterr().err
        assert code == 2 and "方案 2024 没有督办工作人员名单表" in err and "Traceback" not in err
