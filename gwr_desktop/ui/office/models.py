"""Table models of the 督查室 workspace over the services' plain rows: the 台账, the 完成情况 item by item, the
items a report left out, and the outcome of an import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.office.ledger import LedgerRow, LedgerState
from gwr_desktop.services.office_ledger import ItemProgress
from gwr_desktop.ui.models.list_table import Index, ListTableModel

ON_TIME = QBrush(QColor("#dff6dd"))
LATE = QBrush(QColor("#fff4ce"))
OVERDUE = QBrush(QColor("#f8d7da"))
WAITING = QBrush(QColor("#f0f0f0"))
FLAGGED = QBrush(QColor("#fde7c8"))
_FLAG_TEXT = QColor("#8a3b00")


class LedgerModel(ListTableModel[LedgerRow]):
    headers = ("单位", "状态", "版本", "收到日期", "截止日期", "文件", "说明")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.item(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.colour(row)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 6 and row.notes:
            return _FLAG_TEXT
        return None

    @staticmethod
    def colour(row: LedgerRow) -> QBrush:
        if row.state is LedgerState.ON_TIME:
            return FLAGGED if row.edited_after_export or row.needs_confirmation else ON_TIME
        if row.state is LedgerState.LATE:
            return LATE
        return OVERDUE if row.overdue else WAITING

    @staticmethod
    def _text(row: LedgerRow, column: int) -> str:
        values = (row.unit, row.state_name, f"第{row.version}版" if row.version else "—",
                  f"{row.received:%Y-%m-%d}" if row.received else "—", f"{row.due:%Y-%m-%d}" if row.due else "—",
                  row.file_name, "；".join(row.notes))
        return values[column]


class ItemsModel(ListTableModel[ItemProgress]):
    """序号, 责任事项, 牵头单位, 完成情况 per quarter, 达成, 提示."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject
        super().__init__((), parent)
        self.quarters: list[int] = [1]
        self.headers = self._headers()

    def set_quarter(self, quarter: int) -> None:
        self.beginResetModel()
        self.quarters = list(range(1, quarter + 1))
        self.headers = self._headers()
        self.endResetModel()

    def _headers(self) -> tuple[str, ...]:
        return ("序号", "责任事项", "牵头单位", *(quarter_label(q) for q in self.quarters), "达成", "提示")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.item(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column, full=role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.BackgroundRole and column == len(self.headers) - 1 and row.attention:
            return FLAGGED
        return None

    def _text(self, row: ItemProgress, column: int, *, full: bool) -> str:
        texts = [row.texts.get(q, "") for q in self.quarters]
        values = [row.key, row.text, row.unit, *texts, row.reached, "；".join(f.message for f in row.findings)]
        text = values[column]
        return text if full or len(text) <= 120 else text[:118] + "…"


class LeftOutModel(ListTableModel[tuple[str, list[str]]]):
    headers = ("单位", "漏报事项数", "漏报的事项")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.item(index)
        if row is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        unit, keys = row
        return (unit, str(len(keys)), "、".join(keys))[index.column()]
