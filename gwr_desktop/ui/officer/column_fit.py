"""Form tables that fit the screen: on a 1366×768 laptop no column is cut off, on a 1920×1080 screen the table
uses the width. The short columns (序号, 完成时间, 分管领导, 责任部门, 进度 …) keep their width, the text columns
(责任事项, 具体工作内容, 完成情况) share the rest in the paper's proportions; when even that is too narrow, the
short ones give way down to their header's width. A column the officer drags to another width keeps it, for
that form, from then on (remembered in the per-user UI state); 恢复默认列宽 in the header's menu forgets it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QMenu, QTableView

from gwr_desktop.domain.form_defs import ValueKind
from gwr_desktop.ui.forms.columns import EditorColumn

FLEX_MIN_PX = 140  # a text column never narrower than about eight characters
SHORT_MIN_PX = 48
_PREFIX = "form_columns"


def is_flexible(column: EditorColumn) -> bool:
    """A left-aligned text column (责任事项, 具体工作内容, 完成情况) takes the room the others leave."""
    return column.kind in (ValueKind.ITEM, ValueKind.LONG_TEXT) and not column.centered


def fitted_widths(columns: Sequence[EditorColumn], available: int, fixed: dict[int, int],
                  minimums: Sequence[int]) -> list[int]:
    """Widths for `available` px: `fixed` (the officer's own) as they are, short columns at their width (down to
    their minimum when room is short), text columns sharing the rest by their paper widths. A table without text
    columns (附表2) shares the width among all its columns."""
    flexible = [n for n, c in enumerate(columns) if n not in fixed and is_flexible(c)]
    lowest = {n: FLEX_MIN_PX for n in flexible}
    if not flexible:
        flexible = [n for n in range(len(columns)) if n not in fixed]
        lowest = {n: minimums[n] for n in flexible}
    short = [n for n in range(len(columns)) if n not in fixed and n not in flexible]
    widths = [fixed.get(n, c.width_px) for n, c in enumerate(columns)]
    need = sum(lowest.values())
    rest = available - sum(widths[n] for n in range(len(columns)) if n not in flexible)
    if rest < need and short:  # the short columns give way first, each down to its header's width
        spare = sum(max(0, widths[n] - minimums[n]) for n in short)
        take = min(spare, need - rest)
        for n in short:
            give = max(0, widths[n] - minimums[n])
            widths[n] -= round(take * give / spare) if spare else 0
        rest = available - sum(widths[n] for n in range(len(columns)) if n not in flexible)
    base = sum(columns[n].width_px for n in flexible) or 1
    room = max(rest, need)
    for n in flexible:
        widths[n] = max(lowest[n], room * columns[n].width_px // base)
    return widths


class ColumnFitter(QObject):
    """Keeps one FormTable's columns fitted to its viewport and remembers the widths the officer sets."""

    def __init__(self, table: QTableView, settings: QSettings | None = None) -> None:
        super().__init__(table)
        self.table, self.settings = table, settings
        self.columns: list[EditorColumn] = []
        self.form = ""
        self._fitting = False
        self._width = -1
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # no fit/scroll-bar see-saw
        table.viewport().installEventFilter(self)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._resized)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu)

    def set_columns(self, form: str, columns: Sequence[EditorColumn]) -> None:
        self.form, self.columns = form, list(columns)
        self.fit()

    def fit(self) -> None:
        if not self.columns:
            return
        available = self.table.viewport().width()
        minimums = [self._minimum(n) for n in range(len(self.columns))]
        widths = fitted_widths(self.columns, available, self._own_widths(), minimums)
        self._fitting = True
        try:
            for n, width in enumerate(widths):
                self.table.setColumnWidth(n, width)
        finally:
            self._fitting = False
        self._width = available

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self._width:
            self.fit()
        return False

    # ---- the officer's own widths --------------------------------------------------------------------------------
    def _key(self, n: int) -> str:
        return f"{_PREFIX}/{self.form}/{self.columns[n].key}"

    def _own_widths(self) -> dict[int, int]:
        if self.settings is None:
            return {}
        found = {}
        for n in range(len(self.columns)):
            value = self.settings.value(self._key(n))
            if value is not None and str(value).isdigit():
                found[n] = max(SHORT_MIN_PX, int(value))
        return found

    def _resized(self, n: int, _old: int, new: int) -> None:
        if self._fitting or self.settings is None or not 0 <= n < len(self.columns):
            return
        self.settings.setValue(self._key(n), new)
        self.fit()  # the others take the room it left or gave

    def reset(self) -> None:
        if self.settings is not None:
            self.settings.remove(f"{_PREFIX}/{self.form}")
        self.fit()

    def _menu(self, position) -> None:  # noqa: ANN001 - QPoint
        menu = QMenu(self.table)
        menu.addAction("恢复默认列宽", self.reset)
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    def _minimum(self, n: int) -> int:
        header = self.columns[n].header
        metrics = self.table.horizontalHeader().fontMetrics()
        text = max((metrics.horizontalAdvance(line) for line in header.split("\n")), default=0)
        return max(SHORT_MIN_PX, text + 16)

