"""Row heights of a form table, measured only where they are seen and only when they changed.

Qt's ResizeToContents re-measures every row (text layout of every cell) whenever anything changes: one
typed cell in a 2,000-item 附表1 cost seconds. Here a row is measured when it comes into view and again
only after its own cells changed; rows out of sight keep the height they had (or the default, until first
seen). A column made wider or narrower changes how text wraps, so then every row is due again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView


class RowHeights(QObject):
    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self._fresh: set[int] = set()  # rows measured since they last changed
        self._model: QObject | None = None
        header = table.verticalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.measure_visible)
        table.verticalScrollBar().valueChanged.connect(self._later.start)
        table.horizontalHeader().sectionResized.connect(self._columns_changed)
        table.viewport().installEventFilter(self)

    def follow(self, model: QObject | None) -> None:
        """Listen to the table's (new) model."""
        if self._model is not None:
            for signal, slot in self._connections():
                getattr(self._model, signal).disconnect(slot)
        self._model = model
        self._fresh.clear()
        if model is not None:
            for signal, slot in self._connections():
                getattr(model, signal).connect(slot)
        self._later.start()

    def _connections(self) -> list[tuple[str, object]]:
        return [("dataChanged", self._cells_changed), ("modelReset", self._all_changed),
                ("layoutChanged", self._all_changed), ("rowsInserted", self._rows_moved),
                ("rowsRemoved", self._rows_moved)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._later.start()
        return False

    # ---- what changed --------------------------------------------------------------------------------------
    def _cells_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_roles: object) -> None:
        self._fresh.difference_update(range(top_left.row(), bottom_right.row() + 1))
        self.measure_visible()  # now: the row the officer just left must have its height when it is painted

    def _all_changed(self, *_args: object) -> None:
        self._fresh.clear()
        self._later.start()

    def _rows_moved(self, _parent: QModelIndex, first: int, _last: int) -> None:
        # Rows below moved: their heights moved with their sections, but which numbers are fresh did not.
        self._fresh = {row for row in self._fresh if row < first}
        self._later.start()

    def _columns_changed(self, *_args: object) -> None:
        self._fresh.clear()
        self._later.start()

    # ---- measuring -----------------------------------------------------------------------------------------
    def measure_visible(self) -> None:
        """Measure the rows in view that are not fresh; rows taller or shorter now change what is in view,
        so repeat until the view holds only fresh rows (a few rounds at most)."""
        model = self.table.model()
        if model is None or model.rowCount() == 0:
            return
        for _ in range(8):
            due = [row for row in self.visible_rows() if row not in self._fresh]
            if not due:
                return
            self.measure(due)

    def measure(self, rows: list[int]) -> None:
        header = self.table.verticalHeader()
        least = header.minimumSectionSize()
        for row in rows:
            header.resizeSection(row, max(self.table.sizeHintForRow(row), least))
            self._fresh.add(row)

    def visible_rows(self) -> range:
        model = self.table.model()
        count = model.rowCount() if model is not None else 0
        if count == 0:
            return range(0)
        height = self.table.viewport().height()
        top = max(self.table.rowAt(0), 0)
        bottom = self.table.rowAt(max(height - 1, 0))
        return range(top, (count - 1 if bottom < 0 else bottom) + 1)
