"""The plan's items as a table (序号, 责任事项, 牵头单位, 责任单位, 我的角色) for one plan and one unit."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from gwr_desktop.domain.catalogue import ItemRow
from gwr_desktop.domain.plan import Role

COLUMNS = ("序号", "责任事项", "牵头单位", "责任单位", "我的角色")
KEY_COLUMN, TEXT_COLUMN, LEAD_COLUMN, RESPONSIBLE_COLUMN, ROLE_COLUMN = range(len(COLUMNS))

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the ItemRow behind a row
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # its key, e.g. "二-15"

ROLE_LABELS = {Role.LEAD: "牵头", Role.RESPONSIBLE: "参与"}
NO_LEAD_NOTE = "无牵头单位，责任单位即为牵头单位"
KEY_MARK = "\x01"  # brackets the key inside the search text so "二-15" can match exactly

Index = QModelIndex | QPersistentModelIndex
Branch = tuple[str | None, str | None, str | None]  # part, section title, heading title


@dataclass(slots=True)
class TaskEntry:
    """One row, with everything the view and the filter need computed once."""

    item: ItemRow
    role: Role | None
    lead: str
    responsible: str
    search_text: str  # lowercase: key, text, units and the clause as printed (so variants match too)

    @classmethod
    def of(cls, item: ItemRow, role: Role | None) -> TaskEntry:
        lead = "、".join(item.lead_labels())
        responsible = "、".join(item.responsible_labels())
        blob = f"{KEY_MARK}{item.key}{KEY_MARK} {item.text} {lead} {responsible} {item.clause}".lower()
        return cls(item=item, role=role, lead=lead, responsible=responsible, search_text=blob)

    def in_branch(self, branch: Branch) -> bool:
        part, section, heading = branch
        item = self.item
        return ((part is None or item.part == part)
                and (section is None or item.section_title == section)
                and (heading is None or item.heading_title == heading))


class TaskTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - any QObject
        super().__init__(parent)
        self.entries: list[TaskEntry] = []
        self._rows_by_key: dict[str, int] = {}
        self._sorting: tuple[int, Qt.SortOrder] = (KEY_COLUMN, Qt.SortOrder.AscendingOrder)
        self.generation = 0  # bumped before every change of rows or roles, so filters know to look again

    def set_items(self, items: list[ItemRow], roles: dict[str, Role]) -> None:
        self.generation += 1
        self.beginResetModel()
        entries = [TaskEntry.of(item, roles.get(item.key)) for item in items]
        self.entries = self._sorted(entries, *self._sorting)
        self._index_keys()
        self.endResetModel()

    def set_roles(self, roles: dict[str, Role]) -> None:
        """Another unit chosen: only the role column changes (and the order, when sorted by it)."""
        self.generation += 1
        for entry in self.entries:
            entry.role = roles.get(entry.item.key)
        if self.entries:
            self.dataChanged.emit(self.index(0, ROLE_COLUMN), self.index(len(self.entries) - 1, ROLE_COLUMN))
        if self._sorting[0] == ROLE_COLUMN:
            self.sort(*self._sorting)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with one key per row: Qt's proxy sort would call data() ~n·log n times."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sorting = (column, order)
        self.generation += 1
        self.layoutAboutToBeChanged.emit()
        old_rows = {id(entry): row for row, entry in enumerate(self.entries)}
        self.entries = self._sorted(self.entries, column, order)
        new_rows = [0] * len(self.entries)
        for row, entry in enumerate(self.entries):
            new_rows[old_rows[id(entry)]] = row
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_rows[index.row()], index.column()) for index in persistent])
        self._index_keys()
        self.layoutChanged.emit()

    def _sorted(self, entries: list[TaskEntry], column: int, order: Qt.SortOrder) -> list[TaskEntry]:
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(entries, key=lambda entry: self._sort_key(entry, column), reverse=descending)

    def _index_keys(self) -> None:
        self._rows_by_key = {entry.item.key: row for row, entry in enumerate(self.entries)}

    def row_of(self, key: str) -> int | None:
        return self._rows_by_key.get(key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.entries):
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry, column = self.entries[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == SORT_ROLE:
            return self._sort_key(entry, column)
        if role == ITEM_ROLE:
            return entry.item
        if role == KEY_ROLE:
            return entry.item.key
        if role == Qt.ItemDataRole.TextAlignmentRole:
            centred = column in (KEY_COLUMN, ROLE_COLUMN)
            horizontal = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return self._looks(entry, column, role)

    def _display(self, entry: TaskEntry, column: int) -> str:
        if column == KEY_COLUMN:
            return entry.item.key
        if column == TEXT_COLUMN:
            return entry.item.text
        if column == LEAD_COLUMN:
            return entry.lead
        if column == RESPONSIBLE_COLUMN:
            return entry.responsible
        return ROLE_LABELS.get(entry.role, "") if entry.role else ""

    def _tooltip(self, entry: TaskEntry, column: int) -> str | None:
        if column == LEAD_COLUMN and entry.item.lead_by_rule:
            return f"{entry.lead}\n（{NO_LEAD_NOTE}）"
        text = self._display(entry, column)
        return text or None

    def _sort_key(self, entry: TaskEntry, column: int) -> int | str:
        if column == KEY_COLUMN:
            return entry.item.position
        if column == ROLE_COLUMN:
            rank = {Role.LEAD: 0, Role.RESPONSIBLE: 1}.get(entry.role, 2) if entry.role else 2
            return rank * 1_000_000 + entry.item.position
        return self._display(entry, column)

    def _looks(self, entry: TaskEntry, column: int, role: int):
        if column == LEAD_COLUMN and entry.item.lead_by_rule and role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#666666")  # led by rule, not printed as 牵头单位
        if column == ROLE_COLUMN and entry.role is Role.LEAD:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#1f4e99")
        return None
