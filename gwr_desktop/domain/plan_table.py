"""Plans laid out as a table (.docx table, .xlsx sheet, tab-separated text): columns found from their headers.

序号 | 工作任务/重点任务/目标任务/任务内容 | 牵头单位/牵头责任单位 | 责任单位/配合单位/协同责任单位/参与单位 |
牵头领导/分管领导 | 完成时限, and 类别 (a section per category). A row whose cells hold one text (merged
across) or a numbered heading is a part or section heading, read with the same numbering marks as text; a
header repeated on a new page is skipped. Rows feed the same outline as paragraphs (plan_lines), so a Word
file whose headings are paragraphs between tables reads the same as one table with heading rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwr_desktop.domain.plan_lines import HEADING, ITEM, State, open_entry
from gwr_desktop.domain.plan_parser_marks import CATEGORY, CN, IMPLICIT, PART_WORD, RANK, ROW, Mark, mark_of
from gwr_desktop.domain.text import clean_text, squeeze_spaces

_ROLES = (  # (role, header words), longest words first within a role's reach
    ("lead", ("牵头责任单位", "牵头单位", "牵头部门", "主责单位", "主办单位")),
    ("responsible", ("协同责任单位", "配合责任单位", "责任单位", "配合单位", "参与单位", "协办单位", "协同单位",
                     "配合部门", "责任部门", "参与部门")),
    ("leader", ("牵头领导", "分管领导", "责任领导", "牵头市领导", "责任市领导", "包保领导", "县级领导", "市级领导",
                "牵头县领导", "责任县领导")),
    ("deadline", ("完成时限", "完成时间", "时间节点", "时限要求", "时限")),
    ("number", ("序号", "编号")),
    ("category", ("类别", "类型", "领域", "板块", "分类")),
    ("task", ("工作任务", "重点任务", "目标任务", "任务内容", "主要任务", "具体任务", "工作内容", "重点工作",
              "任务名称", "目标内容", "工作目标", "责任事项", "任务")),
)
_NUMBER = re.compile(r"^[(（]?\s*(\d{1,5})\s*[)）.．、]?$")
_CHINESE_SERIAL = re.compile(r"^[(（]?[一二三四五六七八九十]{1,3}[)）、.．]?$")


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
    if not values or header_columns(cells) is not None:
        return  # an empty row, or the header repeated at the top of a new page
    task, serial = table.text(cells, "task"), table.text(cells, "number")
    units = table.text(cells, "lead") + table.text(cells, "responsible")
    if _heading_row(state, number, values, serial, task, units):
        return
    _category(state, number, table.text(cells, "category"))
    match = _NUMBER.match(serial)
    if not match and not (task and units):
        state.note("stray_fragment", "\t".join(values), number, state.entries[-1] if state.entries else None)
        return
    _table_part(state, number)
    value = int(match.group(1)) if match else 0
    mark = Mark(ROW, value, serial if match else "", clean_text(task.replace("\n", " ")) if task else "")
    entry = open_entry(state, number, mark, _parent(state, RANK[ROW]), role=ITEM)
    entry.cells, entry.grammar, entry.closed = {role: table.text(cells, role) for role in table.columns}, \
        table.grammar, True
    if not match and "number" in table.columns:
        state.note("unnumbered_item", task[:80], number, entry)


def _heading_row(state: State, number: int, values: list[str], serial: str, task: str, units: str) -> bool:
    """A part or section heading printed as a row: one text across the row, or a numeral heading."""
    distinct = list(dict.fromkeys(values))
    text = distinct[0] if len(distinct) == 1 else ""
    if not text and not units and not _NUMBER.match(serial) and task:
        text = serial + ("、" if re.fullmatch(r"[一二三四五六七八九十]{1,3}", serial) else "") + task
    if not text:
        return False
    text = squeeze_spaces(text.replace("\n", ""))
    mark = mark_of(text)
    if mark is None or mark.rank >= RANK[ROW]:
        mark = Mark(CATEGORY, 0, "", text)
    if mark.style not in (PART_WORD, CN):
        _table_part(state, number)
    open_entry(state, number, mark, _parent(state, mark.rank), role=HEADING)
    state.open = None  # nothing continues a heading row
    return True


def _category(state: State, number: int, category: str) -> None:
    """A 类别 column: a new section whenever the category changes."""
    category = clean_text(category.replace("\n", ""))
    if not category:
        return
    _table_part(state, number)
    current = next((e for e in reversed(state.stack) if e.style == CATEGORY), None)
    if current is None or current.text != category:
        open_entry(state, number, Mark(CATEGORY, 0, "", category), _parent(state, RANK[CATEGORY]), role=HEADING)


def _table_part(state: State, number: int) -> None:
    """A table without part rows is one part, titled by its task column's header."""
    if state.stack and any(e.role == HEADING or e.rank < RANK[CATEGORY] for e in state.stack):
        return
    table = state.table
    title = "工作任务"
    if isinstance(table, TableColumns) and table.columns.get("task"):
        title = table.header[table.columns["task"][0]] or title
    open_entry(state, number, Mark(IMPLICIT, 0, "", title), state.root, role=HEADING)


def _parent(state: State, rank: float):  # noqa: ANN202 - plan_lines.Entry
    for entry in reversed(state.stack):
        if entry.rank < rank:
            return entry
    return state.root


__all__ = ["CN", "TableColumns", "feed_row", "header_columns"]
