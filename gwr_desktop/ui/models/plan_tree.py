"""The plan's outline — 全部 → parts → sections → "——" headings — with item counts, as a two-column tree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from gwr_desktop.domain.catalogue import ItemRow, TreeNode
from gwr_desktop.ui.models.task_filter import WHOLE_PLAN
from gwr_desktop.ui.models.task_table import Branch

BRANCH_ROLE = Qt.ItemDataRole.UserRole + 1
FILTERED_OUT = QBrush(QColor("#9a9a9a"))
COLUMNS = ("目录", "项数")
Index = QModelIndex | QPersistentModelIndex


class _Node:
    __slots__ = ("label", "count", "total", "branch", "parent", "children", "row")

    def __init__(self, label: str, count: int, branch: Branch, parent: _Node | None = None) -> None:
        self.label, self.count, self.branch, self.parent = label, count, branch, parent
        self.total = count  # items under the node in the plan; `count` is what the filters show
        self.children: list[_Node] = []
        self.row = len(parent.children) if parent else 0
        if parent is not None:
            parent.children.append(self)


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - any QObject
        super().__init__(parent)
        self._root = _Node("", 0, WHOLE_PLAN)
        self._labels: dict[Branch, str] = {}

    def set_plan(self, tree: list[TreeNode], items: list[ItemRow]) -> None:
        self.beginResetModel()
        self._root = _Node("", 0, WHOLE_PLAN)
        everything = _Node("全部", sum(node.count for node in tree), WHOLE_PLAN, self._root)
        section_titles = _section_titles(items)
        for part in tree:
            part_node = _Node(part.label, part.count, (part.part, None, None), everything)
            for section in part.children:
                title = _match_title(section.label, section_titles.get(part.part, ()))
                section_node = _Node(section.label, section.count, (part.part, title, None), part_node)
                for heading in section.children:
                    branch = (part.part, title, heading.label.removeprefix("——"))
                    _Node(heading.label, heading.count, branch, section_node)
        self._labels = {node.branch: node.label for node in _walk(everything) if node is not everything}
        self.endResetModel()

    def set_counts(self, items: Iterable[ItemRow] | None) -> None:
        """Count the items the filters show (None: every item of the plan) under each node."""
        counted: Counter[Branch] | None = None
        if items is not None:
            counted = Counter()
            for item in items:
                counted[WHOLE_PLAN] += 1
                counted[(item.part, None, None)] += 1
                if item.section_title:
                    counted[(item.part, item.section_title, None)] += 1
                    if item.heading_title:
                        counted[(item.part, item.section_title, item.heading_title)] += 1
        for node in _walk(self._root):
            node.count = node.total if counted is None else counted.get(node.branch, 0)
        self._announce_counts(self._root, QModelIndex())

    def _announce_counts(self, node: _Node, index: QModelIndex) -> None:
        if node.children:
            self.dataChanged.emit(self.index(0, 1, index), self.index(len(node.children) - 1, 1, index))
        for child in node.children:
            self._announce_counts(child, self.index(child.row, 0, index))

    def path_labels(self, part: str, section: str, heading: str) -> list[str]:
        """Labels from the part down to the heading, e.g. ["二、重点工作", "（一）…", "——…"]."""
        branches = [(part, None, None), (part, section or None, None), (part, section or None, heading or None)]
        labels: list[str] = []
        for branch in branches:
            label = self._labels.get(branch)
            if label and label not in labels:
                labels.append(label)
        return labels

    def whole_plan_index(self) -> QModelIndex:
        return self.index(0, 0) if self._root.children else QModelIndex()

    def index_of_branch(self, branch: Branch) -> QModelIndex:
        """The node whose filter is exactly `branch` (the 全部 node for the whole plan)."""
        pending = [(self._root, QModelIndex())]
        while pending:
            node, parent_index = pending.pop()
            for child in node.children:
                child_index = self.index(child.row, 0, parent_index)
                if child.branch == branch:
                    return child_index
                pending.append((child, child_index))
        return QModelIndex()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if not (0 <= row < len(node.children) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    # Qt overloads parent() (QObject's) and parent(index); a Python override is one function for both.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label if index.column() == 0 else str(node.count)
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = f"按当前筛选显示 {node.count} 项，" if node.count != node.total else ""
            return f"{node.label}（{shown}共 {node.total} 项）"
        if role == Qt.ItemDataRole.ForegroundRole and node.count == 0 and node.total > 0:
            return FILTERED_OUT  # a branch the filters empty: still there, greyed
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == BRANCH_ROLE:
            return node.branch
        return None

    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root


def _walk(node: _Node):  # noqa: ANN202 - generator of nodes
    yield node
    for child in node.children:
        yield from _walk(child)


def _section_titles(items: list[ItemRow]) -> dict[str, list[str]]:
    titles: dict[str, list[str]] = {}
    for item in items:
        known = titles.setdefault(item.part, [])
        if item.section_title and item.section_title not in known:
            known.append(item.section_title)
    return titles


def _match_title(label: str, titles) -> str:  # noqa: ANN001 - iterable of str
    """A section node is labelled "（一）title"; items carry the bare title. Longest suffix wins."""
    matching = [title for title in titles if label.endswith(title)]
    return max(matching, key=len) if matching else label
