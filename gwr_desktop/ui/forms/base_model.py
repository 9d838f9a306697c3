"""What the three form tables share: columns from the plan's definition, committing edits through the service,
undo, refusals and gaps per cell.

A model never holds a session: it keeps the last snapshot from `load_content`, turns a typed or pasted value
into service edits, and after each commit re-reads what the edits touched — the edited items and the header,
not the whole form — so an edit costs the same in a form of 20 items as in one of 2,000 (issue 15). A
refused value is kept (with its reason) at the cell so nothing typed is lost; the editor reopens the cell
with it. Rows are RowSpecs: a part heading, an item's row (one per work entry in 附表1), or a person of the
roster.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack

from gwr_desktop.domain.clean_input import invisible_characters, removal_note
from gwr_desktop.domain.completeness import Completion, Gap, completion, gaps_by_place, header_gaps, item_gaps
from gwr_desktop.domain.form_defs import Level, ValueKind
from gwr_desktop.domain.forms import FormContent, FormItem, Person, section_path, seq_label
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import catalogue, server_watch
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import Database, DatabaseError, DatabaseUnreachableError
from gwr_desktop.services.form_conflicts import merge_stamps, with_seen
from gwr_desktop.ui.forms.cell_gaps import CellGaps, Target
from gwr_desktop.ui.forms.columns import EditorColumn, editor_columns
from gwr_desktop.ui.forms.commands import EditCommand
from gwr_desktop.ui.forms.held import CONFLICT, UNSAVED, Held, HeldEdits
from gwr_desktop.ui.forms.holding import HoldingMixin

Index = QModelIndex | QPersistentModelIndex
REFUSED = QBrush(QColor("#f8d7da"))
MISSING = QBrush(QColor("#fff4ce"))
UNSAVED_CELL = QBrush(QColor("#ffd8a8"))  # typed, held, not in the database yet
HEADER_ROW = QBrush(QColor("#e8eef6"))
READ_ONLY = QBrush(QColor("#f5f5f5"))
PendingRole = Qt.ItemDataRole.UserRole + 1  # the refused text waiting at a cell
# Roles as plain ints: a view asks data() a dozen roles per cell at every paint, and comparing an int with an enum
# member builds an enum each time (a third of the cost of a repaint after every commit; issue 15).
_DISPLAY, _EDIT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)
_TOOLTIP, _BACKGROUND = int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.BackgroundRole)
_ALIGNMENT, _PENDING = int(Qt.ItemDataRole.TextAlignmentRole), int(PendingRole)
_ANSWERED = frozenset({_DISPLAY, _EDIT, _TOOLTIP, _BACKGROUND, _ALIGNMENT, _PENDING})
_CENTERED = int(Qt.AlignmentFlag.AlignCenter)
_READ_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDIT_FLAGS = _READ_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True)
class RowSpec:
    key: tuple  # stable identity across reloads: ("part", numeral), ("section", "二-(二)"), ("item", key, entry),
    # ("person", role, n)
    title: str = ""  # a part heading's text
    item: FormItem | None = None
    entry: int = 0  # the work entry shown (附表1); an item without entries shows one empty row 0
    person: Person | None = None
    index: int = 0  # the person's place in its role
    count: int = 1  # people in the role, for labels such as "经办人2"

    @property
    def heading(self) -> bool:
        return self.item is None and self.person is None


class FormTableModel(HoldingMixin, QAbstractTableModel):
    """Subclasses say which form they show (`kind`, `quarter`) and lay out its rows (`_layout`)."""

    refused = Signal(QModelIndex, str)  # a value was not accepted; the message says why
    noted = Signal(str)  # something worth telling that is not a refusal (invisible characters removed)
    applied = Signal()  # something was committed (or undone)
    held_changed = Signal()  # an edit is now held (conflict, unsaved) or no longer: the editor's bar follows
    kind: FormKind = FormKind.PLAN

    def __init__(self, db: Database, plan_key: str, unit: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit = db, plan_key, unit
        self.undo_stack = QUndoStack(self)
        self._content: FormContent | None = None
        self.columns: list[EditorColumn] = []
        self.rows: list[RowSpec] = []
        self.pending: dict[tuple[int, int], tuple[str, str]] = {}
        self.stamps = fc.FormStamps()  # what the table shows was read with these (services/form_conflicts.py)
        self.section_titles: dict[str, str] = {}  # a plan numbering afresh per section: its headings
        self.held = HeldEdits()
        self.gaps = CellGaps(self._gap_target)
        self._row_of: dict[tuple, int] = {}  # row key → row
        self._column_of: dict[str, int] = {}  # value key → column
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
        return self._column_of.get(key, -1)

    def row_of_key(self, key: tuple) -> int:
        return self._row_of.get(key, -1)

    # ---- loading -------------------------------------------------------------------------------------------
    def load(self) -> FormContent:
        content, self.stamps = fc.load_for_editing(self.db, self.plan_key, self.unit, self.kind, self.quarter or None)
        # A plan numbering items afresh in each section shows each section's heading, as the printed form does:
        # two bare "1" in one part are otherwise one number for two items (read only for such a plan).
        sectioned = any(section_path(item.key) for item in content.items)
        self.section_titles = catalogue.section_titles(self.db, self.plan_key) if sectioned else {}
        return content

    def extra_columns(self) -> list[EditorColumn]:
        """Editor-only columns after the form's own (附表3's targets)."""
        return []

    def reload(self, *, reset: bool = False) -> None:
        """Read the whole form again (opening it, another quarter, a change made elsewhere)."""
        content = self.load()
        columns = editor_columns(content.definition) + self.extra_columns()
        rows = self._layout(content)
        same_shape = not reset and [r.key for r in rows] == [r.key for r in self.rows] and columns == self.columns
        if not same_shape:
            self.beginResetModel()
        kept = {self.cell_key(*cell): value for cell, value in self.pending.items() if self._valid(*cell)}
        self._content, self.rows, self.columns = content, rows, columns
        self._index_rows()
        self._column_of = {c.key: n for n, c in reversed(list(enumerate(columns)))}
        self.gaps.reset(gaps_by_place(content))
        if same_shape:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        else:
            self.pending.clear()
            if reset:
                self.held.clear()
                self.held_changed.emit()
            else:  # rows came or went (someone else's entry): held texts stay with their cells
                self.pending = {cell: value for key, value in kept.items() if (cell := self.cell_of(key)) is not None}
            self.endResetModel()

    def refresh_after(self, edits: Sequence[e.Edit]) -> None:
        """After committing edits: re-read the items they touched and the header; the rest stays as it was.
        Edits of a roster (附表2, a handful of rows) read the form again."""
        keys = touched_items(edits)
        if keys is None or self.kind is FormKind.CONTACTS:
            self.reload()
            return
        fresh, stamps = fc.load_for_editing(self.db, self.plan_key, self.unit, self.kind, self.quarter or None,
                                            items=keys)
        found = {item.key: item for item in fresh.items}
        if set(found) != {key for key in keys if ("item", key, 0) in self._row_of}:
            self.reload()  # an item is no longer led (the plan changed meanwhile): start again
            return
        self._content = replace(fresh, items=tuple(found.get(item.key, item) for item in self.content.items))
        # Only the touched items' stamps are new: elsewhere the table still shows what it read before, so an edit
        # there must still be checked against that (someone else's commit meanwhile is a conflict, not lost).
        self.stamps = merge_stamps(self.stamps, stamps, keys)
        for key in sorted(found, key=self._row_of_item):
            self._replace_item_rows(found[key])
        self.gaps.replace("", header_gaps(self.content))
        for item in found.values():
            self.gaps.replace(item.key, item_gaps(self.content, item))

    def _replace_item_rows(self, item: FormItem) -> None:
        """Swap an item's rows for its fresh ones: rows added or removed at its end, the rest changed."""
        first = self._row_of_item(item.key)
        old = sum(1 for _ in self._rows_of(item.key, first))
        new = self._item_rows(item)
        if len(new) > old:
            self.beginInsertRows(QModelIndex(), first + old, first + len(new) - 1)
        elif len(new) < old:
            self.beginRemoveRows(QModelIndex(), first + len(new), first + old - 1)
        self.rows[first:first + old] = new
        if len(new) != old:
            self._shift_pending(first + min(old, len(new)), len(new) - old)
            self._index_rows()
            (self.endInsertRows if len(new) > old else self.endRemoveRows)()
        self.dataChanged.emit(self.index(first, 0), self.index(first + len(new) - 1, self.columnCount() - 1))

    def _rows_of(self, key: str, first: int):  # noqa: ANN202 - the rows of an item, from its first
        for spec in self.rows[first:]:
            if spec.item is None or spec.item.key != key:
                return
            yield spec

    def _row_of_item(self, key: str) -> int:
        return self._row_of[("item", key, 0)]

    def _shift_pending(self, at: int, delta: int) -> None:
        """Refused values below rows that were added or removed move with their rows."""
        moved = {(row + delta if row >= at else row, column): value for (row, column), value in self.pending.items()
                 if row < at or row + delta >= at}
        self.pending = moved

    def _index_rows(self) -> None:
        self._row_of = {spec.key: n for n, spec in enumerate(self.rows)}

    def _layout(self, content: FormContent) -> list[RowSpec]:
        raise NotImplementedError

    def _item_rows(self, item: FormItem) -> list[RowSpec]:
        """The rows of one item (附表1: one per work entry; 附表3: one); forms of items only."""
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
        return _EDIT_FLAGS if self.editable(index.row(), index.column()) else _READ_FLAGS

    def data(self, index: Index, role: int = _DISPLAY):  # noqa: ANN201
        role = int(role)
        if role not in _ANSWERED or not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        cell = (index.row(), index.column())
        if role in (_DISPLAY, _EDIT):
            held = self._held_text(cell)
            return held if held is not None else self._display(*cell)
        if role == _PENDING:
            return self.pending[cell][0] if cell in self.pending else None
        if role == _TOOLTIP:
            if cell in self.pending:
                if self.held.at(self.cell_key(*cell)) is not None:
                    return self.pending[cell][1]
                return f"未接受“{self.pending[cell][0]}”：{self.pending[cell][1]}"
            return self.gap_at(*cell) or self._tooltip(*cell)
        if role == _BACKGROUND:
            return self._background(*cell)
        return _CENTERED if role == _ALIGNMENT and self.columns[index.column()].centered else None

    def gap_at(self, row: int, column: int) -> str | None:
        """What is missing at the cell, if anything."""
        return self.gaps.at((self.rows[row].key, column))

    def _background(self, row: int, column: int) -> QBrush | None:
        if (row, column) in self.pending:
            held = self.held.at(self.cell_key(row, column))
            return UNSAVED_CELL if held is not None and held.reason == UNSAVED else REFUSED
        if self.gap_at(row, column) is not None:
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

    def _gap_target(self, gap: Gap) -> Target | None:
        column = self.column_of(gap.field)
        if column < 0 or not gap.where:
            return None  # header gaps are shown at the header's own field
        if self.kind is FormKind.CONTACTS:
            key: tuple = ("person", gap.where, gap.row or 0)
        else:
            key = ("item", gap.where, (gap.row or 0) if self.columns[column].level is Level.ENTRY else 0)
        return (key, column) if key in self._row_of else None

    def cell_of_target(self, target: Target | None) -> tuple[int, int] | None:
        """The row and column a problem's target is at now."""
        if target is None:
            return None
        row = self.row_of_key(target[0])
        return (row, target[1]) if row >= 0 else None

    def _row_label(self, row: int) -> str | None:
        return str(row + 1)

    # ---- committing ----------------------------------------------------------------------------------------
    def apply(self, edits: Sequence[e.Edit]) -> list[e.Edit]:
        """Commit edits through the service, reload, and return their inverses (raises FormInputError, or a
        DatabaseError when the database failed: undo and redo then did nothing)."""
        try:
            self._refuse_while_offline()
            return fc.apply_edits(self.db, self.plan_key, self.unit, edits)
        finally:
            self.refresh_quietly(edits)
            self.applied.emit()

    def execute(self, edits: Sequence[e.Edit], label: str, *, refuse_at: tuple[int, int] | None = None,
                typed: str = "") -> bool:
        """Commit edits made on what the table shows; a refusal keeps what was typed (see held.py)."""
        if not edits:
            return False
        edits = [with_seen(self.stamps, edit) for edit in edits]
        try:
            self._refuse_while_offline()
            inverses = fc.apply_edits(self.db, self.plan_key, self.unit, edits)
        except fc.FormConflictError as error:
            self._hold(Held(edits, label, CONFLICT, str(error), conflicts=error.conflicts), refuse_at, typed)
            return False
        except fc.FormInputError as error:
            self._refuse(refuse_at, typed, str(error))
            return False
        except DatabaseError as error:
            lost = isinstance(error, DatabaseUnreachableError)
            if lost:
                server_watch.report_lost(self.db, error)
            self._hold(Held(edits, label, UNSAVED, f"未保存：{error}", retried_when_back=lost), refuse_at, typed)
            return False
        if refuse_at is not None:
            self.pending.pop(refuse_at, None)
        self.undo_stack.push(EditCommand(label, self.apply, edits, inverses, self.report))
        self.refresh_quietly(edits)
        self.applied.emit()
        return True

    def refresh_quietly(self, edits: Sequence[e.Edit]) -> bool:
        """refresh_after, unless the database fails now (see _quietly)."""
        return self._quietly(lambda: self.refresh_after(edits))

    def reload_quietly(self) -> bool:
        """Reload unless the database fails now (see _quietly)."""
        return self._quietly(self.reload)

    def _quietly(self, read: Callable[[], None]) -> bool:
        """Read again; when the database fails now the table keeps what it shows and the failure is reported."""
        try:
            read()
        except DatabaseError as error:
            self.report(str(error))
            return False
        return True

    def _refuse_while_offline(self) -> None:
        """A server known to be gone: refuse at once rather than wait for a connection timeout on every key."""
        if server_watch.is_offline(self.db):
            state = self.db.connection
            raise DatabaseUnreachableError(state.message if state else "无法连接数据库服务器。")

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

    def problems(self) -> list[tuple[str, Target | None]]:
        """Refused values first, then what is still missing, each with the cell to jump to (see cell_of_target)."""
        found: list[tuple[str, Target | None]] = [
            (f"未接受：{message}", (self.rows[row].key, column)) for (row, column), (_, message)
            in sorted(self.pending.items()) if row < len(self.rows)]
        return found + self.gaps.listed()

    def completion(self) -> Completion:
        return completion(self.content, self.gaps.count)

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


def touched_items(edits: Sequence[e.Edit]) -> set[str] | None:
    """The items the edits change (header and print options touch none); None when they change a roster."""
    keys: set[str] = set()
    for edit in edits:
        row = getattr(edit, "row", None)
        if row is None:
            continue  # the values above the table: re-read with any refresh
        if row.level is Level.PERSON:
            return None
        keys.add(row.anchor)
    return keys
