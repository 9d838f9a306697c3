"""What the importer could not place (e.g. the stray fragment after 二-154), listed for a person to review."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from gwr_desktop.domain.plan import Problem
from gwr_desktop.ui.models.list_table import Index, ListTableModel

COLUMNS = ("类型", "位置", "内容")
AFTER_ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {
    "stray_fragment": ("残留文字", "无法归入任何事项的文字，多为分页时与上下文断开的片段，请对照原件核对。"),
    "unknown_unit": ("未登记单位", "单位名录中没有这个名称；已按原文加入并标记，请核对是否为某单位的简称或新设单位。"),
    "missing_clause": ("缺少责任单位", "该事项没有写明牵头单位或责任单位，请对照原件核对。"),
    "unreadable_clause": ("责任单位无法识别", "括号中的牵头单位、责任单位格式无法识别，请对照原件核对。"),
    "numbering_gap": ("序号不连续", "该部分的事项序号有缺漏或重复，可能有事项在分页处丢失，请对照原件核对。"),
    "form_settings": ("表格设置", "附表的表号、标题、栏目或宽度已按通知调整（或沿用上一方案），请核对。"),
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, (kind, ""))[0]


class ProblemsModel(ListTableModel[Problem]):
    headers = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)

    def set_problems(self, problems: list[Problem]) -> None:
        self.set_rows(problems)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201 - any Qt value
        problem, column = self.item(index), index.column()
        if problem is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (kind_label(problem.kind), problem.location, problem.text)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            explanation = KIND_LABELS.get(problem.kind, ("", ""))[1]
            jump = f"\n双击或选中可跳到 {problem.after_item}。" if problem.after_item else ""
            return f"{problem.text}\n{explanation}{jump}".strip()
        if role == AFTER_ITEM_ROLE:
            return problem.after_item
        return None
