"""What one cell of the task table shows, per item-data role, answered from values prepared once per row.

Both the full table model and the filtered view over it answer through here. Painting one cell asks for
seven roles; `fill_roles` answers all of them in one Python call (Qt's `multiData`), and `cell_data` is the
single-role path, so a repaint costs one short call per visible cell instead of seven.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from gwr_desktop.domain.plan import Role

if TYPE_CHECKING:
    from PySide6.QtCore import QModelRoleDataSpan

    from gwr_desktop.ui.models.task_table import TaskEntry

COLUMNS = ("序号", "责任事项", "牵头单位", "责任单位", "我的角色")
KEY_COLUMN, TEXT_COLUMN, LEAD_COLUMN, RESPONSIBLE_COLUMN, ROLE_COLUMN = range(len(COLUMNS))

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the ItemRow behind a row
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # its key, e.g. "二-15"

ROLE_LABELS = {Role.LEAD: "牵头", Role.RESPONSIBLE: "参与"}
NO_LEAD_NOTE = "无牵头单位，责任单位即为牵头单位"

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_CENTRED = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALIGNMENTS = (_CENTRED, _LEFT, _LEFT, _LEFT, _CENTRED)
_NOTHING = frozenset(int(role) for role in (Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DecorationRole,
                                            Qt.ItemDataRole.BackgroundRole))


class _Looks:
    """Colours and the bold font, made once (a QFont needs the application, so not at import)."""

    grey: QColor | None = None  # a lead by the no-lead rule, not printed as 牵头单位
    blue: QColor | None = None  # "牵头" in the role column
    bold: QFont | None = None

    @classmethod
    def ready(cls) -> type[_Looks]:
        if cls.bold is None:
            cls.grey, cls.blue = QColor("#666666"), QColor("#1f4e99")
            cls.bold = QFont()
            cls.bold.setBold(True)
        return cls


def role_label(role: Role | None) -> str:
    return ROLE_LABELS.get(role, "") if role else ""


def sort_key(entry: TaskEntry, column: int) -> int | str:
    if column == KEY_COLUMN:
        return entry.item.position
    if column == ROLE_COLUMN:
        rank = {Role.LEAD: 0, Role.RESPONSIBLE: 1}.get(entry.role, 2) if entry.role else 2
        return rank * 1_000_000 + entry.item.position
    return entry.cells[column]


def _tooltip(entry: TaskEntry, column: int) -> str | None:
    if column == LEAD_COLUMN and entry.lead_by_rule:
        return f"{entry.lead}\n（{NO_LEAD_NOTE}）"
    return entry.cells[column] or None


def _foreground(entry: TaskEntry, column: int) -> QColor | None:
    if column == LEAD_COLUMN and entry.lead_by_rule:
        return _Looks.ready().grey
    if column == ROLE_COLUMN and entry.role is Role.LEAD:
        return _Looks.ready().blue
    return None


def _font(entry: TaskEntry, column: int) -> QFont | None:
    return _Looks.ready().bold if column == ROLE_COLUMN and entry.role is Role.LEAD else None


def cell_looks(entry: TaskEntry, column: int) -> tuple[QColor | None, QFont | None]:
    """The cell's own text colour and font, when not the view's (for painting without asking each role)."""
    return _foreground(entry, column), _font(entry, column)


_READERS = {
    _DISPLAY: lambda entry, column: entry.cells[column],
    _ALIGNMENT: lambda _entry, column: ALIGNMENTS[column],
    _FOREGROUND: _foreground,
    _FONT: _font,
    _TOOLTIP: _tooltip,
    int(SORT_ROLE): sort_key,
    int(ITEM_ROLE): lambda entry, _column: entry.item,
    int(KEY_ROLE): lambda entry, _column: entry.item.key,
}


def cell_data(entry: TaskEntry, column: int, role: int) -> object:
    reader = _READERS.get(role)
    return None if reader is None else reader(entry, column)


def fill_roles(entry: TaskEntry, column: int, span: QModelRoleDataSpan) -> None:
    """Answer every role a view asks for in one call: painting a cell asks for seven at once.

    Text and alignment, asked for every cell, are answered inline; check state, decoration and background
    have nothing; any other role goes through the readers.
    """
    for slot in span:  # type: ignore[attr-defined]  # PySide6 makes a span iterable; its stubs lack __iter__
        role = slot.role()
        value: object
        if role == _DISPLAY:
            value = entry.cells[column]
        elif role == _ALIGNMENT:
            value = ALIGNMENTS[column]
        elif role in _NOTHING:
            value = None
        else:
            value = cell_data(entry, column, role)
        if value is None:
            slot.clearData()
        else:
            slot.setData(value)
