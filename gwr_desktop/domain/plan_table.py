"""Plans laid out as a table (.docx table, .xlsx sheet, tab-separated text): columns found from their headers.

序号 | 工作任务/重点任务/目标任务/任务内容 | 牵头单位/牵头责任单位 | 责任单位/配合单位/协同责任单位/参与单位 |
牵头领导/分管领导 | 完成时限, and 类别 (a section per category). A row whose cells hold one text (merged
across) or a numeral heading is a part or section heading; a header repeated on a new page is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwr_desktop.domain.plan import Part, Section
from gwr_desktop.domain.plan_lines import State, open_item, open_numbered, stray
from gwr_desktop.domain.text import chinese_numeral_value, clean_text, squeeze_spaces

_ROLES = (  # (role, header words), longest words first within a role's reach
    ("lead", ("牵头责任单位", "牵头单位", "牵头部门", "主责单位", "主办单位")),
    ("responsible", ("协同责任单位", "配合责任单位", "责任单位", "配合单位", "参与单位", "协办单位", "协同单位",
                     "配合部门", "责任部门", "参与部门")),
    ("leader", ("牵头领导", "分管领导", "责任领导", "牵头市领导", "责任市领导", "包保领导", "县级领导", "市级领导")),
    ("deadline", ("完成时限", "完成时间", "时间节点", "时限要求", "时限")),
    ("number", ("序号", "编号")),
    ("category", ("类别", "类型", "领域", "板块", "分类")),
    ("task", ("工作任务", "重点任务", "目标任务", "任务内容", "主要任务", "具体任务", "工作内容", "重点工作",
              "任务名称", "目标内容", "工作目标", "责任事项", "任务")),
)
_PART = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.+)$")
_SECTION = re.compile(r"^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(.+)$")
_NUMBER = re.compile(r"^[(（]?\s*(\d{1,5})\s*[)）.．、]?$")


@dataclass(frozen=True)
class TableColumns:
    columns: dict[str, list[int]]  # role → column indexes (several 责任单位-like columns may be printed)
    header: tuple[str, ...]

    def text(self, cells: tuple[str, ...], role: str) -> str:
        values = [cells[i].strip() for i in self.columns.get(role, []) if i < len(cells) and cells[i].strip()]
        return "、".join(dict.fromkeys(values))

    @property
    def grammar(self) -> str:
        names = [self.header[i] for role in ("number", "category", "task", "leader", "lead", "responsible",
                                             "deadline") for i in self.columns.get(role, [])]
        return "table:" + "/".join(names)


def header_columns(cells: tuple[str, ...]) -> TableColumns | None:
    """The columns of a task table, if this row is its header (a task column and a unit column at least)."""
    found: dict[str, list[int]] = {}
    header = tuple(squeeze_spaces(c.replace("\n", "")) for c in cells)
    for index, text in enumerate(header):
        role = _role(text)
        if role:
            found.setdefault(role, []).append(index)
    if "task" in found and ("lead" in found or "responsible" in found) and len(header) >= 3:
        return TableColumns(found, header)
    return None


def _role(text: str) -> str | None:
    if not text or len(text) > 12:
        return None
    for role, words in _ROLES:
        if any(word in text for word in words):
            return role
    return None


def feed_row(state: State, number: int, cells: tuple[str, ...]) -> None:
    table = state.table
    assert isinstance(table, TableColumns)
    values = [c.strip() for c in cells if c.strip()]
    if not values:
        return
    if header_columns(cells) is not None:
        return  # the header repeated at the top of a new page
    task = table.text(cells, "task")
    serial = table.text(cells, "number")
    units = table.text(cells, "lead") + table.text(cells, "responsible")
    if _heading_row(state, number, values, serial, task, units):
        return
    _category(state, table.text(cells, "category"))
    match = _NUMBER.match(serial)
    if state.part is None:
        _implicit_part(state, table)
    columns = {role: table.text(cells, role) for role in table.columns}
    if match:
        if not open_numbered(state, number, int(match.group(1)), task, table=True):
            stray(state, number, "\t".join(values), state.block)
            return
    elif task and units and "number" not in table.columns:
        open_item(state, number, state.expected(), task)  # a table without 序号: items in the order printed
    elif task and units:
        state.problem("unnumbered_item", task[:80], number, f"{state.where(number)}："
            "表格中此行没有序号，已按顺序编号，请核对")
        open_item(state, number, state.expected(), task)
    else:
        stray(state, number, "\t".join(values), state.block)
        return
    block = state.block
    if block is not None:
        block.cells, block.grammar = columns, table.grammar


def _heading_row(state: State, number: int, values: list[str], serial: str, task: str, units: str) -> bool:
    """A part or section heading printed as a row: one text across the row, or a numeral heading."""
    distinct = list(dict.fromkeys(values))
    text = distinct[0] if len(distinct) == 1 else (serial + task if not units and not _NUMBER.match(serial) else "")
    if not text:
        return False
    text = squeeze_spaces(text.replace("\n", ""))
    part = _PART.match(text)
    if part:
        state.parts.append(Part(len(state.parts) + 1, part.group(1), clean_text(part.group(2))))
        return True
    if state.part is None:
        _implicit_part(state, state.table)
    section = _SECTION.match(text)
    title = section.group(2) if section else text
    numeral = f"（{section.group(1)}）" if section else f"（{_numeral(len(state.part.sections) + 1)}）"
    state.part.sections.append(Section(len(state.part.sections) + 1, numeral, clean_text(title)))
    return True


def _category(state: State, category: str) -> None:
    """A 类别 column: a new section whenever the category changes."""
    category = clean_text(category.replace("\n", ""))
    if not category:
        return
    if state.part is None:
        _implicit_part(state, state.table)
    section = state.section
    if section is None or section.title != category:
        part = state.part
        part.sections.append(Section(len(part.sections) + 1, f"（{_numeral(len(part.sections) + 1)}）", category))


def _implicit_part(state: State, table: object) -> None:
    """A table without part rows is one part, titled by its task column's header."""
    title = "工作任务"
    if isinstance(table, TableColumns) and table.columns.get("task"):
        title = table.header[table.columns["task"][0]] or title
    state.parts.append(Part(len(state.parts) + 1, _numeral(len(state.parts) + 1), title))


def _numeral(value: int) -> str:
    from gwr_desktop.domain.text import chinese_numeral

    return chinese_numeral(value) if value < 100 else str(value)


__all__ = ["TableColumns", "chinese_numeral_value", "feed_row", "header_columns"]
