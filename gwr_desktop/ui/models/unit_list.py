"""Units a liaison officer can choose as "my unit", labelled by kind and searchable by any part of a name."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from gwr_desktop.domain.catalogue import UnitRow
from gwr_desktop.domain.units import GROUP_KIND, UNKNOWN_KIND
from gwr_desktop.ui.models.list_table import Index, ListTableModel

COLUMNS = ("单位", "类别", "其他名称")
NAME_ROLE = Qt.ItemDataRole.UserRole + 1

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


class UnitListModel(ListTableModel[UnitRow]):
    headers = COLUMNS

    def __init__(self, units: list[UnitRow], parent=None) -> None:  # noqa: ANN001 - any QObject
        super().__init__(choosable(units), parent)
        self.search_texts = [" ".join((unit.name, *unit.aliases)).lower() for unit in self.rows]

    @property
    def units(self) -> list[UnitRow]:
        return self.rows

    def row_of(self, name: str) -> int | None:
        return next((row for row, unit in enumerate(self.rows) if unit.name == name), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201 - any Qt value
        unit = self.item(index)
        if unit is None:
            return None
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
