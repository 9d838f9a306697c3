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
    "numbering_out_of_sequence": ("序号跳号", "此事项的序号与前一项不衔接，中间的事项可能缺失，请对照原件核对。"),
    "duplicate_number": ("序号重复", "同一部分中此序号已出现过，这一段未作为事项导入，请对照原件核对。"),
    "unnumbered_item": ("事项无序号", "表格中此行没有序号，已按顺序编号，请对照原件核对。"),
    "part_out_of_sequence": ("部分标题异常", "部分标题（一、二、三……）重复或不连续，请对照原件核对。"),
    "section_out_of_sequence": ("小标题序号异常", "小标题（（一）（二）……）序号不连续，事项可能归错类别，请核对。"),
    "stray_appendix_label": ("正文中的附件标记", "正文中出现“附件”“附表”字样（多为页眉），已跳过，请核对。"),
    "lead_undecided": ("未定牵头单位", "列出多个单位但未写明牵头单位，通知也未说明规则，请核对后指定。"),
    "many_without_units": ("大量事项无责任单位", "许多事项没有读到责任单位，方案写法可能未被识别，请核对后再使用。"),
    "missing_forms": ("缺少附表", "通知要求按附表报送，但文件中没有附表，文件可能不完整。"),
    "document_truncated": ("文件可能不完整", "文件结尾缺少附表或抄送、印发等内容，后面的事项可能丢失，请核对。"),
    "items_after_appendix": ("附表后有事项", "附表之后还有像事项的文字，未作为事项导入，请核对。"),
    "duplicate_form": ("附表重复", "同一附表出现了两次，只采用了第一份。"),
    "item_count_mismatch": ("事项数不符", "通知写明的事项总数与实际读到的不一致，请核对。"),
    "damaged_text": ("文字无法识别", "文件中有无法识别的字节或字形，已用“�”代替，请对照原件核对。"),
    "part_heading_missing": ("缺少部分标题", "事项之前没有部分标题（一、二、……），已按顺序补为新的部分，请核对。"),
    "heading_missing": ("缺少小标题", "此处序号重新从 1 开始，但前面没有小标题，已补上一个无标题的小标题，"
                                      "请对照原件核对。"),
    "unexpandable_group": ("无法展开的单位组合", "这是一组单位，单位名录中没有它的成员，组内单位不会自动看到这些事项，"
                                                "请补充成员。"),
    "invisible_characters": ("已删除不可见字符", "文件中有控制字符等不可见字符，导出时会出错，已删除。"),
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
