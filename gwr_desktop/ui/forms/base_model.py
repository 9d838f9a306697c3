"""What the three form tables share: columns from the plan's definition, committing edits through the service,
undo, refusals and gaps per cell.

A model never holds a session: it keeps the last snapshot from `load_content`, turns a typed or pasted value
into service edits, and reloads after each commit. A refused value is kept (with its reason) at the cell so
nothing typed is lost; the editor reopens the cell with it. Rows are RowSpecs: a part heading, an item's row
(one per work entry in 附表1), or a person of the roster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack

from gwr_desktop.domain.clean_input import invisible_characters, removal_note
from gwr_desktop.domain.completeness import Gap, gaps
from gwr_desktop.domain.form_defs import Level, ValueKind
from gwr_desktop.domain.forms import FormContent, FormItem, Person, seq_label
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.columns import EditorColumn, editor_columns
from gwr_desktop.ui.forms.commands import EditCommand

Index = QModelIndex | QPersistentModelIndex
REFUSED = QBrush(QColor("#f8d7da"))
MISSING = QBrush(QColor("#fff4ce"))
HEADER_ROW = QBrush(QColor("#e8eef6"))
READ_ONLY = QBrush(QColor("#f5f5f5"))
PendingRole = Qt.ItemDataRole.UserRole + 1  # the refused text waiting at a cell


@dataclass(frozen=True)
class RowSpec:
    key: tuple  # stable identity across reloads: ("part", numeral), ("item", key, entry), ("person", role, n)
    title: str = ""  # a part heading's text
    item: FormItem | None = None
    entry: int = 0  # the work entry shown (附表1); an item without entries shows one empty row 0
    person: Person | None = None
    index: int = 0  # the person's place in its role
    count: int = 1  # people in the role, for labels such as "经办人2"

    @property
    def heading(self) -> bool:
        return self.item is None and self.person is None


class FormTableModel(QAbstractTableModel):
    """Subclasses say which form they show (`kind`, `quarter`) and lay out its rows (`_layout`)."""

    refused = Signal(QModelIndex, str)  # a value was not accepted; the message says why
    noted = Signal(str)  # something worth telling that is not a refusal (invisible characters removed)
    applied = Signal()  # something was committed (or undone)
    kind: FormKind = FormKind.PLAN

    def __init__(self, db: Database, plan_key: str, unit: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit = db, plan_key, unit
        self.undo_stack = QUndoStack(self)
        self._content: FormContent | None = None
        self.columns: list[EditorColumn] = []
        self.rows: list[RowSpec] = []
        self.pending: dict[tuple[int, int], tuple[str, str]] = {}
        self.gap_cells: dict[tuple[int, int], str] = {}
        self.reload(reset=True)

    @property
    def quarter(self) -> int:
        return 0

    @property
    def content(self) -> FormContent:
        """The form as last loaded (always loaded by the time the model exists)."""
        assert self._content is not None
        return self._content

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def multiline_columns(self) -> frozenset[int]:
        return frozenset(n for n, c in enumerate(self.columns) if c.multiline)

    def column_of(self, key: str) -> int:
        return next((n for n, c in enumerate(self.columns) if c.key == key), -1)

    # ---- loading -------------------------------------------------------------------------------------------
    def load(self) -> FormContent:
        return fc.load_content(self.db, self.plan_key, self.unit, self.kind, self.quarter or None)

    def extra_columns(self) -> list[EditorColumn]:
        """Editor-only columns after the form's own (附表3's targets)."""
        return []

    def reload(self, *, reset: bool = False) -> None:
        content = self.load()
        columns = editor_columns(content.definition) + self.extra_columns()
        rows = self._layout(content)
        same_shape = not reset and [r.key for r in rows] == [r.key for r in self.rows] and columns == self.columns
        if not same_shape:
            self.beginResetModel()
        self._content, self.rows, self.columns = content, rows, columns
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

    def _layout(self, content: FormContent) -> list[RowSpec]:
        raise NotImplementedError

    # ---- Qt model ------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.columns) else None
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
            return self._display(*cell)
        if role == PendingRole:
            return self.pending[cell][0] if cell in self.pending else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell in self.pending:
                return f"未接受“{self.pending[cell][0]}”：{self.pending[cell][1]}"
            return self.gap_cells.get(cell) or self._tooltip(*cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(*cell)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].centered:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _background(self, row: int, column: int) -> QBrush | None:
        if (row, column) in self.pending:
            return REFUSED
        if (row, column) in self.gap_cells:
            return MISSING
        if self.rows[row].heading:
            return HEADER_ROW
        return None if self.editable(row, column) else READ_ONLY

    def _tooltip(self, row: int, column: int) -> str | None:
        item = self.rows[row].item
        if item is not None and self.columns[column].kind is ValueKind.ITEM:
            return f"{item.key}　{item.text}"
        return None

    def is_header_row(self, row: int) -> bool:
        return self.rows[row].heading

    def editable(self, row: int, column: int) -> bool:
        spec, col = self.rows[row], self.columns[column]
        if spec.heading or col.read_only or col.level not in (Level.ITEM, Level.ENTRY, Level.PERSON):
            return False
        return col.level is not Level.ITEM or spec.entry == 0  # item values sit on the item's first row

    def _display(self, row: int, column: int) -> str | None:
        spec, col = self.rows[row], self.columns[column]
        if spec.heading:
            return spec.title if column == 0 else ""
        if spec.person is not None:
            if col.kind is ValueKind.ROLE:
                label = spec.title
                return f"{label}{spec.index + 1}" if spec.count > 1 else label
            return spec.person.get(col.key)
        item = spec.item
        assert item is not None
        if col.level is Level.ENTRY:
            return item.entries[spec.entry].get(col.key) if spec.entry < len(item.entries) else ""
        if spec.entry > 0:
            return ""
        if col.kind is ValueKind.SEQ:
            return seq_label(item.part, item.number, item.label)
        if col.kind is ValueKind.ITEM:
            return item.text
        return item.get(col.key)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable(index.row(), index.column()):
            return False
        text = "" if value is None else str(value)
        cell = (index.row(), index.column())
        if text == (self._display(*cell) or "") and cell not in self.pending:
            return True  # nothing changed; no empty undo step
        label = f"修改“{self.headers[index.column()]}”".replace("\n", "")
        return self.execute(self.edits_for(*cell, text), label, refuse_at=cell, typed=text)

    def row_ref(self, row: int, column: int) -> e.RowRef:
        spec, col = self.rows[row], self.columns[column]
        if spec.person is not None:
            return e.person(spec.person.role, spec.index)
        assert spec.item is not None
        return e.entry(spec.item.key, spec.entry) if col.level is Level.ENTRY else e.item(spec.item.key)

    def edits_for(self, row: int, column: int, text: str) -> list[e.Edit]:
        return [e.SetValue(self.kind, self.quarter, self.row_ref(row, column), self.columns[column].key, text)]

    def _gap_cell(self, gap: Gap) -> tuple[int, int] | None:
        column = self.column_of(gap.field)
        if column < 0 or not gap.where:
            return None  # header gaps are shown at the header's own field
        entry = (gap.row or 0) if self.columns[column].level is Level.ENTRY else 0
        for n, spec in enumerate(self.rows):
            if spec.person is not None and (spec.person.role, spec.index) == (gap.where, gap.row or 0):
                return n, column
            if spec.item is not None and (spec.item.key, spec.entry) == (gap.where, entry):
                return n, column
        return None

    def _row_label(self, row: int) -> str | None:
        return str(row + 1)

    # ---- committing ----------------------------------------------------------------------------------------
    def apply(self, edits: Sequence[e.Edit]) -> list[e.Edit]:
        """Commit edits through the service, reload, and return their inverses (raises FormInputError)."""
        try:
            return fc.apply_edits(self.db, self.plan_key, self.unit, edits)
        finally:
            self.reload()
            self.applied.emit()

    def execute(self, edits: Sequence[e.Edit], label: str, *, refuse_at: tuple[int, int] | None = None,
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

    # ---- header and print options --------------------------------------------------------------------------
    def set_header(self, key: str, text: str) -> bool:
        if text == self.content.header.get(key, ""):
            return True
        spec = next(f for f in self.content.definition.header_fields if f.key == key)
        return self.execute([e.SetHeader(self.kind, self.quarter, key, text)], f"修改{spec.display_name}")

    def set_print_optional(self, value: bool) -> bool:
        if value == self.content.print_optional:
            return True
        return self.execute([e.SetPrintOptional(self.kind, self.quarter, value)],
                            "打印可选栏目" if value else "不打印可选栏目")

    # ---- paste ---------------------------------------------------------------------------------------------
    def paste(self, top: int, left: int, block: list[list[str]]) -> bool:
        """A rectangular block from Excel/WPS as one committed step (all cells or none)."""
        edits: list[e.Edit] = []
        for r, values in enumerate(block):
            for c, value in enumerate(values):
                edits += self._paste_edits(top, left, r, c, value)
        done = self.execute(edits, f"粘贴 {len(block)} 行", refuse_at=None)
        removed = sum(invisible_characters(value) for values in block for value in values)
        if done and removed:
            self.noted.emit(removal_note(removed))
        return done

    def _paste_edits(self, top: int, left: int, r: int, c: int, value: str) -> list[e.Edit]:
        """Cells falling outside the table or on read-only columns are skipped."""
        row, column = top + r, left + c
        if row >= self.rowCount() or column >= self.columnCount() or not self.editable(row, column):
            return []
        return self.edits_for(row, column, value)
