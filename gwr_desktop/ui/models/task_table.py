"""The plan's items as a table (序号, 责任事项, 牵头单位, 责任单位, 我的角色) for one plan and one unit."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, Qt

from gwr_desktop.domain.catalogue import ItemRow
from gwr_desktop.domain.plan import Role
from gwr_desktop.ui.models.task_cells import (  # noqa: F401 - re-exported: the names the UI imports from here
    COLUMNS,
    ITEM_ROLE,
    KEY_COLUMN,
    KEY_ROLE,
    LEAD_COLUMN,
    NO_LEAD_NOTE,
    RESPONSIBLE_COLUMN,
    ROLE_COLUMN,
    ROLE_LABELS,
    SORT_ROLE,
    TEXT_COLUMN,
    cell_data,
    fill_roles,
    role_label,
    sort_key,
)

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
    lead_by_rule: bool
    cells: list[str]  # the five cells as shown
    search_text: str  # lowercase: key, text, units and the clause as printed (so variants match too)

    @classmethod
    def of(cls, item: ItemRow, role: Role | None) -> TaskEntry:
        lead = "、".join(item.lead_labels())
        responsible = "、".join(item.responsible_labels())
        blob = f"{KEY_MARK}{item.key}{KEY_MARK} {item.text} {lead} {responsible} {item.clause}".lower()
        cells = [item.key, item.text, lead, responsible, role_label(role)]
        return cls(item=item, role=role, lead=lead, responsible=responsible, lead_by_rule=item.lead_by_rule,
                   cells=cells, search_text=blob)

    def set_role(self, role: Role | None) -> None:
        self.role = role
        self.cells[ROLE_COLUMN] = role_label(role)

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
        self.search_texts: list[str] = []  # entries[row].search_text by row: what filters scan
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
            entry.set_role(roles.get(entry.item.key))
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
        return sorted(entries, key=lambda entry: sort_key(entry, column), reverse=descending)

    def _index_keys(self) -> None:
        self._rows_by_key = {entry.item.key: row for row, entry in enumerate(self.entries)}
        self.search_texts = [entry.search_text for entry in self.entries]

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self.entries):
            return None
        return cell_data(self.entries[row], index.column(), role)

    # Qt always passes a span; PySide6's stubs widen the parameter with QModelRoleData (implicitly convertible).
    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:  # type: ignore[override]  # noqa: N802
        row = index.row()
        if index.isValid() and 0 <= row < len(self.entries):
            fill_roles(self.entries[row], index.column(), roles)
