"""What the importer could not place (e.g. the stray fragment after 二-154), listed for a person to review."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gwr_desktop.domain.plan import Problem

COLUMNS = ("类型", "位置", "内容")
AFTER_ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {
    "stray_fragment": ("残留文字", "无法归入任何事项的文字，多为分页时与上下文断开的片段，请对照原件核对。"),
}
Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, (kind, ""))[0]


class ProblemsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - any QObject
        super().__init__(parent)
        self.problems: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.problems):
            return None
        problem, column = self.problems[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (kind_label(problem.kind), problem.location, problem.text)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            explanation = KIND_LABELS.get(problem.kind, ("", ""))[1]
            jump = f"\n双击或选中可跳到 {problem.after_item}。" if problem.after_item else ""
            return f"{problem.text}\n{explanation}{jump}".strip()
        if role == AFTER_ITEM_ROLE:
            return problem.after_item
        return None
