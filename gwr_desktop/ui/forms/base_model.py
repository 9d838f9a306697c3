"""What the three form tables share: committing edits through the service, undo, refusals and gaps per cell.

A model never holds a session: it keeps the last snapshot from `load_content`, turns a typed or pasted value
into service edits, and reloads after each commit. A refused value is kept (with its reason) at the cell so
nothing typed is lost; the editor reopens the cell with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack

from gwr_desktop.domain.completeness import Gap, gaps
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_edits import Edit
from gwr_desktop.ui.forms.commands import EditCommand

Index = QModelIndex | QPersistentModelIndex
REFUSED = QBrush(QColor("#f8d7da"))
MISSING = QBrush(QColor("#fff4ce"))
HEADER_ROW = QBrush(QColor("#e8eef6"))
READ_ONLY = QBrush(QColor("#f5f5f5"))
PendingRole = Qt.ItemDataRole.UserRole + 1  # the refused text waiting at a cell


class FormTableModel(QAbstractTableModel):
    """Subclasses define `headers`, `_layout()` (row descriptors), `_display`, `_edits_for` and `_gap_cell`."""

    refused = Signal(QModelIndex, str)  # a value was not accepted; the message says why
    applied = Signal()  # something was committed (or undone)
    headers: tuple[str, ...] = ()

    def __init__(self, db: Database, plan_key: str, unit: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit = db, plan_key, unit
        self.undo_stack = QUndoStack(self)
        self.content = None
        self.rows: list = []
        self.pending: dict[tuple[int, int], tuple[str, str]] = {}
        self.gap_cells: dict[tuple[int, int], str] = {}
        self.reload(reset=True)

    # ---- loading -------------------------------------------------------------------------------------------
    def load(self):  # noqa: ANN201 - the form's content snapshot
        raise NotImplementedError

    def reload(self, *, reset: bool = False) -> None:
        content = self.load()
        rows = self._layout(content)
        same_shape = not reset and [r.key for r in rows] == [r.key for r in self.rows]
        if not same_shape:
            self.beginResetModel()
        self.content, self.rows = content, rows
        self.gap_cells = {}
        for gap in gaps(content):
            cell = self._gap_cell(gap)
            if cell is not None:
                self.gap_cells.setdefault(cell, gap.message)
        if same_shape:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        else:
            self.pending.clear()
            self.endResetModel()

    # ---- Qt model ------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return self._row_label(section) if 0 <= section < len(self.rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.editable(index.row(), index.column()) else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        cell = (index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(index.row(), index.column())
        if role == PendingRole:
            return self.pending[cell][0] if cell in self.pending else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell in self.pending:
                return f"未接受“{self.pending[cell][0]}”：{self.pending[cell][1]}"
            return self.gap_cells.get(cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(index.row(), index.column())
        return self._extra_data(index.row(), index.column(), role)

    def _background(self, row: int, column: int) -> QBrush | None:
        if (row, column) in self.pending:
            return REFUSED
        if (row, column) in self.gap_cells:
            return MISSING
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable(index.row(), index.column()):
            return False
        text = "" if value is None else str(value)
        cell = (index.row(), index.column())
        if text == (self._display(*cell) or "") and cell not in self.pending:
            return True  # nothing changed; no empty undo step
        label = f"修改“{self.headers[index.column()]}”".replace("\n", "")
        return self.execute(self.edits_for(*cell, text), label, refuse_at=cell, typed=text)

    # ---- committing ----------------------------------------------------------------------------------------
    def apply(self, edits: Sequence[Edit]) -> list[Edit]:
        """Commit edits through the service, reload, and return their inverses (raises FormInputError)."""
        try:
            return fc.apply_edits(self.db, self.plan_key, self.unit, edits)
        finally:
            self.reload()
            self.applied.emit()

    def execute(self, edits: Sequence[Edit], label: str, *, refuse_at: tuple[int, int] | None = None,
                typed: str = "") -> bool:
        if not edits:
            return False
        try:
            inverses = fc.apply_edits(self.db, self.plan_key, self.unit, edits)
        except fc.FormInputError as error:
            self._refuse(refuse_at, typed, str(error))
            return False
        if refuse_at is not None:
            self.pending.pop(refuse_at, None)
        self.undo_stack.push(EditCommand(label, self.apply, edits, inverses, self.report))
        self.reload()
        self.applied.emit()
        return True

    def _refuse(self, cell: tuple[int, int] | None, typed: str, message: str) -> None:
        index = self.index(*cell) if cell else QModelIndex()
        if cell is not None:
            self.pending[cell] = (typed, message)
            self.dataChanged.emit(index, index)
        self.refused.emit(index, message)

    def report(self, message: str) -> None:
        self.refused.emit(QModelIndex(), message)

    def clear_pending(self, row: int, column: int) -> None:
        if self.pending.pop((row, column), None) is not None:
            self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def problems(self) -> list[tuple[str, tuple[int, int] | None]]:
        """Refused values first, then what is still missing, each with the cell to jump to."""
        found = [(f"未接受：{message}", cell) for cell, (_, message) in sorted(self.pending.items())]
        cells = {message: cell for cell, message in self.gap_cells.items()}
        return found + [(gap.message, cells.get(gap.message)) for gap in gaps(self.content)]

    # ---- paste ---------------------------------------------------------------------------------------------
    def paste(self, top: int, left: int, block: list[list[str]]) -> bool:
        """A rectangular block from Excel/WPS as one committed step (all cells or none)."""
        edits: list[Edit] = []
        for r, values in enumerate(block):
            for c, value in enumerate(values):
                edits += self._paste_edits(top, left, r, c, value)
        return self.execute(edits, f"粘贴 {len(block)} 行", refuse_at=None)

    def _paste_edits(self, top: int, left: int, r: int, c: int, value: str) -> list[Edit]:
        """Cells falling outside the table or on read-only columns are skipped."""
        row, column = top + r, left + c
        if row >= self.rowCount() or column >= self.columnCount() or not self.editable(row, column):
            return []
        return self.edits_for(row, column, value)

    # ---- for subclasses ------------------------------------------------------------------------------------
    def editable(self, row: int, column: int) -> bool:
        raise NotImplementedError

    def _layout(self, content) -> list:  # noqa: ANN001
        raise NotImplementedError

    def _display(self, row: int, column: int) -> str | None:
        raise NotImplementedError

    def edits_for(self, row: int, column: int, text: str) -> list[Edit]:
        raise NotImplementedError

    def _gap_cell(self, gap: Gap) -> tuple[int, int] | None:
        raise NotImplementedError

    def _row_label(self, row: int) -> str | None:
        return str(row + 1)

    def _extra_data(self, row: int, column: int, role: int):  # noqa: ANN202
        return None
