"""Hand-made filled forms, as a 处室 drafts them in Word or WPS: not our export, our header texts only roughly.

The 附表1 .docx: a title and 单位/主要负责人 line, headers "序号 | 工作任务 | 具体工作内容 | 完成时限 | 分管领导 |
责任部门" (two columns for what the official form prints as one), part heading rows merged across the table,
序号 and 工作任务 merged down over an item's rows (w:vMerge), a section heading row, a 完成时限 merged over two
entries, a row continued from the page before marked （续） (its text continues the entry above), an empty row,
an item the unit does not lead, and a note under the table.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.table import Table

HEADERS = ("序号", "工作任务", "具体工作内容", "完成时限", "分管领导", "责任部门")
# (序号, 工作任务 as the 处室 wrote it, [(具体工作内容, 完成时限)], 分管领导, 责任部门)
PART_TWO = [
    ("1", "把恢复和扩大消费摆在优先位置，积极培育新业态、新场景，加快建设国际消费中心城市。",
     [("制定国际消费中心城市建设三年行动方案", "3月"), ("培育夜间经济新场景", "4-9月")], "张志强", "消费促进处"),
    ("5", "新增品牌连锁便利店200家、智慧商店1000家。",
     [("摸排便利店网点布局", "2月"), ("新增品牌连锁便利店100家", "4-6月"), ("组织验收", "")], "李红梅", "商贸服务业处"),
    ("172", "实施外贸主体培育行动",  # shortened: the number and the text still agree
     [("引进龙头外经贸企业30家", "全年")], "", "对外贸易处"),
]
PART_THREE = [("1", "全面贯彻习近平新时代中国特色社会主义思想", [("开展理论学习中心组学习12次", "全年")],
               "王建国", "办公室")]
UNKNOWN = ("99", "举办世界级体育赛事", [("申办赛事", "全年")], "", "")


def _row(table: Table, values: tuple[str, ...]) -> None:
    cells = table.add_row().cells
    for cell, value in zip(cells, values, strict=True):
        cell.text = value


def _heading(table: Table, text: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    merged.text = text


def _item(table: Table, seq: str, text: str, work: list[tuple[str, str]], leader: str, department: str, *,
          continued: bool = False) -> None:
    """One item over its work rows, 序号/工作任务/分管领导/责任部门 merged down; with `continued`, the last two
    完成时限 cells merged too and a row continued from the page before (its repeated cells marked （续））."""
    first = len(table.rows)
    for content, period in work:
        _row(table, ("", "", content, period, "", ""))
    rows = table.rows[first:]
    for column, value in ((0, seq), (1, text), (4, leader), (5, department)):
        top = rows[0].cells[column]
        merged = top.merge(rows[-1].cells[column]) if len(rows) > 1 else top
        merged.text = value
    if continued:
        rows[-2].cells[3].merge(rows[-1].cells[3]).text = rows[-2].cells[3].text
        _row(table, (f"{seq}\n（续）", f"{text[:10]}…\n（续）", "，形成验收报告", "", leader, department))


def plan_docx(folder: Path, name: str = "处室填报_附表1.docx") -> Path:
    document = Document()
    document.add_paragraph("附表1")
    document.add_paragraph("市商务局市《政府工作报告》办理方案")
    document.add_paragraph("单位：市商务局　　　　主要负责人(签字)：刘明远")
    table = document.add_table(rows=1, cols=len(HEADERS))
    for cell, header in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = header
    _heading(table, "二、重点工作")
    _heading(table, "（一）着力扩大有效需求")
    for number, entry in enumerate(PART_TWO):
        _item(table, *entry, continued=number == 1)
    _row(table, ("",) * len(HEADERS))
    _item(table, *UNKNOWN)
    _heading(table, "三、建设人民满意的服务型政府")
    for entry in PART_THREE:
        _item(table, *entry)
    document.add_paragraph("备注：请于2月10日前报送。")
    path = folder / name
    document.save(str(path))
    return path
