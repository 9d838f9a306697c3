"""Read-only tables of the review dialog: the units a plan names, with their counts and whether they are new."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from gwr_desktop.services.plan_preview import NEW, UNREGISTERED, UnitFound
from gwr_desktop.ui.models.list_table import Index, ListTableModel

STATUS_LABELS = {NEW: "新名称", UNREGISTERED: "未登记"}
STATUS_TIPS = {
    NEW: "单位名录和已导入的方案中都没有这个名称：请核对是简称、改名，还是新设单位。导入后按原文加入并标记。",
    UNREGISTERED: "以前导入的方案中出现过，但不在单位名录中。",
}
NEW_BACKGROUND = QColor("#fff1d6")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NAME, KIND, LEAD, RESPONSIBLE, UNDECIDED, STATUS = range(6)


class UnitsFoundModel(ListTableModel[UnitFound]):
    headers = ("单位", "类别", "牵头", "参与", "待定", "状态")

    def __init__(self, units: tuple[UnitFound, ...], kind_labels: dict[str, str],
                 parent: QObject | None = None) -> None:
        super().__init__(units, parent)
        self._kinds = kind_labels

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201 - any Qt value
        unit = self.item(index)
        if unit is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._value(unit, column, sort=role == SORT_ROLE)
        if role == Qt.ItemDataRole.ToolTipRole:
            return STATUS_TIPS.get(unit.status, unit.name)
        if role == Qt.ItemDataRole.BackgroundRole and unit.status == NEW:
            return QBrush(NEW_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (LEAD, RESPONSIBLE, UNDECIDED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _value(self, unit: UnitFound, column: int, *, sort: bool) -> object:
        count = unit.count
        values: tuple[object, ...] = (
            unit.name, self._kinds.get(unit.kind, "未登记" if unit.kind == "unknown" else unit.kind),
            count.lead, count.responsible, count.undecided, STATUS_LABELS.get(unit.status, ""),
        )
        value = values[column]
        if sort and column == STATUS:
            return {NEW: 0, UNREGISTERED: 1}.get(unit.status, 2)  # new names first when sorted
        if not sort and column == UNDECIDED and value == 0:
            return ""
        return value
