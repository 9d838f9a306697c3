"""The task browser: the plan's outline, the filtered item table and the selected item's detail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.domain.catalogue import ItemRow, PlanCatalogue
from gwr_desktop.domain.plan import Role
from gwr_desktop.ui.filter_bar import FilterBar
from gwr_desktop.ui.item_detail import ItemDetailView, Viewer
from gwr_desktop.ui.models.plan_tree import BRANCH_ROLE, PlanTreeModel
from gwr_desktop.ui.models.task_filter import ALL_ITEMS, MINE, WHOLE_PLAN, TaskFilterProxy
from gwr_desktop.ui.models.task_table import (
    ITEM_ROLE,
    KEY_COLUMN,
    LEAD_COLUMN,
    RESPONSIBLE_COLUMN,
    ROLE_COLUMN,
    TEXT_COLUMN,
    TaskTableModel,
)
from gwr_desktop.ui.task_cell_delegate import TaskCellDelegate

TABLE_LINES = 3  # each row shows three lines of the item's text; the rest is in the tooltip and the detail
# Simplified Chinese UI fonts, best first, for systems whose default font has no Chinese glyphs (Linux).
CHINESE_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                    "WenQuanYi Micro Hei")


def chinese_font(base: QFont) -> QFont:
    """`base`, or the same size in a Chinese font when `base` has no Chinese glyphs.

    Text in a font without Chinese goes through font fallback on every layout (each run of text split by
    script and matched to another font): with a Chinese font first, the table paints about twice as fast
    and three lines of Chinese really fit in the row height computed from the font's line spacing.
    """
    chinese = QFontDatabase.WritingSystem.SimplifiedChinese
    if chinese in QFontDatabase.writingSystems(QFontInfo(base).family()):
        return base
    available = QFontDatabase.families(chinese)
    preferred = [family for family in CHINESE_FAMILIES if family in available]
    regional = [family for family in available if family.endswith((" SC", " CN", " GB"))]
    choices = preferred or regional or available
    if not choices:
        return base
    font = QFont(base)
    font.setFamilies([choices[0], *base.families()])
    return font


class TaskBrowser(QWidget):
    item_selected = Signal(object)  # the selected ItemRow, or None
    counts_changed = Signal(int, int)  # shown, total

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(chinese_font(self.font()))
        self.table_model = TaskTableModel(self)
        self.proxy = TaskFilterProxy(self.table_model, self)
        self.tree_model = PlanTreeModel(self)
        self.filter_bar = FilterBar(self)
        self.tree = self._build_tree()
        self.table = self._build_table()
        self.detail = ItemDetailView(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget, stretch in ((self.tree, 0), (self.table, 1), (self.detail, 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([260, 780, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self._viewer = Viewer(None)
        self._batching = 0  # inside announcing_once: filters change, counts are announced once at the end
        self._connect()

    # --- public API -------------------------------------------------------------------------------

    def load(self, catalogue: PlanCatalogue, roles: dict[str, Role], viewer: Viewer) -> None:
        """Show one plan (only one plan's items are in the model at a time)."""
        with self.announcing_once():
            self._viewer = viewer
            self.table_model.set_items(catalogue.items, roles)
            self.tree_model.set_plan(catalogue.tree, catalogue.items)
            self.filter_bar.set_parts(catalogue.tree)
            self._expand_outline()
            self._fit_counts()
            self.tree.setCurrentIndex(self.tree_model.whole_plan_index())
            self.set_unit(roles, viewer)

    def set_unit(self, roles: dict[str, Role], viewer: Viewer) -> None:
        with self.announcing_once():
            self._viewer = viewer
            self._filtering(lambda: self.table_model.set_roles(roles))  # the role filter decides again
            self.filter_bar.set_unit_chosen(viewer.unit is not None)
            if viewer.unit is None and self.proxy.role_filter != ALL_ITEMS:
                self.set_role_filter(ALL_ITEMS)

    @contextmanager
    def announcing_once(self) -> Iterator[None]:
        """Several filter changes as one: the detail and the counts (a pass over every item shown, for the
        outline) once at the end, not after each change — loading a plan changed the filters four times, and
        counting was a quarter of the first paint's own work (issue 15)."""
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if not self._batching:
                self._show_detail()
                self._announce_counts()

    def set_role_filter(self, mode: str) -> None:
        self._filtering(lambda: self.proxy.set_role_filter(mode))
        self.filter_bar.show_role(mode)

    def default_role_filter(self) -> str:
        return MINE if self._viewer.unit else ALL_ITEMS

    def current_item(self) -> ItemRow | None:
        index = self.table.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None

    def select_item(self, key: str) -> bool:
        """Select an item by key, clearing filters that hide it. False when the plan has no such item."""
        row = self.table_model.row_of(key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.table_model.index(row, KEY_COLUMN))
        if not index.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(self.table_model.index(row, KEY_COLUMN))
        self._select_index(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def clear_filters(self) -> None:
        self.filter_bar.keyword.clear()
        self.set_role_filter(ALL_ITEMS)
        self.tree.setCurrentIndex(self.tree_model.whole_plan_index())

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("browser/splitter", self.splitter.saveState())
        settings.setValue("browser/columns", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter, columns = settings.value("browser/splitter"), settings.value("browser/columns")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        if columns is not None:
            self.table.horizontalHeader().restoreState(columns)

    # --- construction -----------------------------------------------------------------------------

    def _build_tree(self) -> QTreeView:
        tree = QTreeView(self)
        tree.setModel(self.tree_model)
        tree.setUniformRowHeights(True)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The count column is sized when a plan is shown (_fit_counts), not ResizeToContents: that re-measured
        # every row of the outline at each count change — 15 times per keystroke in the search box (issue 15).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        tree.setMinimumWidth(180)
        return tree

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.proxy)
        table.setItemDelegate(TaskCellDelegate(self.proxy.entry_at, table))
        table.setSortingEnabled(True)
        table.sortByColumn(KEY_COLUMN, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        # Uniform heights keep scrolling and filtering instant; full text is one glance away (detail, tooltip).
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().lineSpacing() * TABLE_LINES + 16)
        columns = table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setStretchLastSection(False)
        widths = {KEY_COLUMN: 62, LEAD_COLUMN: 140, RESPONSIBLE_COLUMN: 170, ROLE_COLUMN: 66}
        for column, width in widths.items():
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, width)
        columns.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        table.setMinimumWidth(420)
        return table

    def _connect(self) -> None:
        bar = self.filter_bar
        bar.role_changed.connect(self.set_role_filter)
        bar.keyword_changed.connect(lambda text: self._filtering(lambda: self.proxy.set_keyword(text)))
        bar.part_changed.connect(self._on_part_chosen)
        self.tree.selectionModel().currentChanged.connect(self._on_branch_chosen)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())

    def _fit_counts(self) -> None:
        """Wide enough for the largest count there can be: the plan's own (filters only make counts smaller)."""
        header = self.tree.header()
        header.resizeSection(1, max(header.sectionSizeHint(1), self.tree.sizeHintForColumn(1)))

    def _expand_outline(self) -> None:
        whole = self.tree_model.whole_plan_index()
        self.tree.expand(whole)
        for row in range(self.tree_model.rowCount(whole)):
            self.tree.expand(self.tree_model.index(row, 0, whole))

    # --- reactions --------------------------------------------------------------------------------

    def _on_branch_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        branch = (current.data(BRANCH_ROLE) if current.isValid() else None) or WHOLE_PLAN
        self._filtering(lambda: self.proxy.set_branch(branch))
        self.filter_bar.show_part(branch[0])

    def _on_part_chosen(self, part: str | None) -> None:
        index = self.tree_model.index_of_branch((part, None, None) if part else WHOLE_PLAN)
        self.tree.setCurrentIndex(index)

    def _filtering(self, change) -> None:  # noqa: ANN001 - a no-argument callable
        """Run a filter change, keeping the selected item selected when it is still shown."""
        current = self.current_item()
        change()
        row = self.table_model.row_of(current.key) if current is not None else None
        if row is not None and not self.table.currentIndex().isValid():
            index = self.proxy.mapFromSource(self.table_model.index(row, 0))
            if index.isValid():
                self._select_index(index)
        self._after_filter()

    def _select_index(self, index: QModelIndex) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _after_filter(self) -> None:
        if self._batching:
            return  # announcing_once announces once, at its end
        if not self.table.currentIndex().isValid():
            self._show_detail()
        self._announce_counts()

    def _announce_counts(self) -> None:
        entries = self.table_model.entries
        self.tree_model.set_counts(entries[row].item for row in self.proxy.rows_in_any_branch())
        shown, total = self.proxy.rowCount(), self.table_model.rowCount()
        self.filter_bar.show_count(shown, total)
        self.counts_changed.emit(shown, total)

    def _show_detail(self) -> None:
        item = self.current_item()
        if item is None:
            self.detail.show_item(None, [], None, self._viewer)
        else:
            place = self.tree_model.path_labels(item.part, item.section_title, item.heading_title)
            row = self.table_model.row_of(item.key)
            role = self.table_model.entries[row].role if row is not None else None
            self.detail.show_item(item, place, role, self._viewer)
        self.item_selected.emit(item)
