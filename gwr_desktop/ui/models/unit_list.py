"""Units a liaison officer can choose as "my unit", labelled by kind and searchable by any part of a name."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from gwr_desktop.domain.catalogue import UnitRow
from gwr_desktop.domain.units import GROUP_KIND, UNKNOWN_KIND

COLUMNS = ("单位", "类别", "其他名称")
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

# Order of kinds in the list; kinds not named here follow in the order they first appear.
KIND_ORDER = ("city_department", "district_government", "functional_zone", "party_body", "mass_organization",
              "institution", "enterprise", "vertical_agency", "leading_group")


def choosable(units: list[UnitRow]) -> list[UnitRow]:
    """Real units only (groups such as 各区人民政府 are not anybody's unit), grouped by kind."""
    rows = [unit for unit in units if unit.kind != GROUP_KIND]
    order = {kind: rank for rank, kind in enumerate(KIND_ORDER)}

    def rank(pair: tuple[int, UnitRow]) -> tuple[int, int]:
        position, unit = pair
        last = len(order) + 1 if unit.kind == UNKNOWN_KIND else len(order)
        return order.get(unit.kind, last), position

    return [unit for _, unit in sorted(enumerate(rows), key=rank)]


class UnitListModel(QAbstractTableModel):
    def __init__(self, units: list[UnitRow], parent=None) -> None:  # noqa: ANN001 - any QObject
        super().__init__(parent)
        self.units = choosable(units)
        self.search_texts = [" ".join((unit.name, *unit.aliases)).lower() for unit in self.units]

    def row_of(self, name: str) -> int | None:
        return next((row for row, unit in enumerate(self.units) if unit.name == name), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.units):
            return None
        unit = self.units[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (unit.name, unit.kind_label, "、".join(unit.aliases))[index.column()]
        if role == NAME_ROLE:
            return unit.name
        return None


class UnitSearchProxy(QSortFilterProxyModel):
    """Keeps units whose name or any variant contains every typed term (case-insensitive)."""

    def __init__(self, model: UnitListModel, parent=None) -> None:  # noqa: ANN001 - any QObject
        super().__init__(parent)
        self._model = model
        self._terms: list[str] = []
        self.setSourceModel(model)

    def set_search(self, text: str) -> None:
        terms = text.lower().split()
        if terms == self._terms:
            return
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self._terms = terms
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._terms = terms
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        text = self._model.search_texts[source_row]
        return all(term in text for term in self._terms)
