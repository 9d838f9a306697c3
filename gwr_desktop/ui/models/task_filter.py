"""Filtering of the task table: my role, keywords and a branch of the plan's tree.

Kept fast for large tables (32,200 rows = 100 plans): the filtered view is a plain table model holding a
Python list of the source rows it shows, in source order (the source sorts itself). A filter change decides
the list in one pass over the rows' lowercase search texts, computed once in the source model; a keyword
that extends the previous one (typing narrows) only re-checks the rows already shown. The change is then
announced as one reset, so Qt never calls back into Python per row (as QSortFilterProxyModel's
filterAcceptsRow would), and painting answers all of a cell's roles in one call (multiData).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QModelRoleDataSpan, Qt

from gwr_desktop.domain.plan import Role
from gwr_desktop.ui.models.task_cells import COLUMNS, cell_data, fill_roles
from gwr_desktop.ui.models.task_table import KEY_MARK, Branch, Index, TaskEntry, TaskTableModel

ALL_ITEMS, MINE, LEAD, RESPONSIBLE = "all", "mine", "lead", "responsible"
ROLE_FILTERS: dict[str, frozenset[Role] | None] = {
    ALL_ITEMS: None,
    MINE: frozenset({Role.LEAD, Role.RESPONSIBLE}),
    LEAD: frozenset({Role.LEAD}),
    RESPONSIBLE: frozenset({Role.RESPONSIBLE}),
}
WHOLE_PLAN: Branch = (None, None, None)

# "二-15", "二－15", "2-15": a keyword that names an item matches that item's key exactly.
_KEY_PATTERN = re.compile(r"^([一二三四五六七八九十]+|\d)\s*[-－—–]\s*(\d+)$")
_ARABIC_PARTS = dict(zip("123456789", "一二三四五六七八九", strict=True))


def keyword_terms(text: str) -> list[str]:
    """Lowercase terms, all of which must match; key-like terms become exact key marks."""
    terms = []
    for word in text.lower().split():
        match = _KEY_PATTERN.match(word)
        if match:
            part = _ARABIC_PARTS.get(match.group(1), match.group(1))
            word = f"{KEY_MARK}{part}-{int(match.group(2))}{KEY_MARK}"
        terms.append(word)
    return terms


class TaskFilterProxy(QAbstractTableModel):
    """The rows of a TaskTableModel that pass the filters, in the source's order, as a table of its own."""

    def __init__(self, table: TaskTableModel, parent=None) -> None:  # noqa: ANN001 - any QObject
        super().__init__(parent)
        self._table = table
        self._roles: frozenset[Role] | None = None
        self._terms: list[str] = []
        self._branch: Branch = WHOLE_PLAN
        self.role_filter = ALL_ITEMS
        self._rows: list[int] = []  # source rows shown, ascending
        self._base: list[int] | None = None  # rows passing role and branch, before keywords
        self._base_basis: tuple | None = None
        self._rows_terms: list[str] | None = None  # the keywords _rows was decided for, over _base
        self._layout_keys: list[tuple[QModelIndex, str | None]] = []  # kept index → key of its item
        table.modelAboutToBeReset.connect(self.beginResetModel)
        table.modelReset.connect(self._after_source_reset)
        # bound methods, not lambdas: a connection to a method ends with this object
        table.dataChanged.connect(self._after_source_data)
        table.layoutAboutToBeChanged.connect(self._before_source_layout)
        table.layoutChanged.connect(self._after_source_layout)
        self._rows = self._decide()

    def sourceModel(self) -> TaskTableModel:  # noqa: N802 - the name QAbstractProxyModel uses
        return self._table

    # --- filters ----------------------------------------------------------------------------------

    @property
    def branch(self) -> Branch:
        return self._branch

    def set_role_filter(self, mode: str) -> None:
        if mode not in ROLE_FILTERS:
            raise ValueError(f"unknown role filter {mode!r}")
        self._refilter(lambda: self._set_roles(mode))

    def set_keyword(self, text: str) -> None:
        terms = keyword_terms(text)
        if terms != self._terms:
            self._refilter(lambda: setattr(self, "_terms", terms))

    def set_branch(self, branch: Branch) -> None:
        branch = WHOLE_PLAN if branch == WHOLE_PLAN else branch
        if branch != self._branch:
            self._refilter(lambda: setattr(self, "_branch", branch))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source sorts itself (one key per row); this model keeps the source order."""
        self._table.sort(column, order)

    # --- mapping ----------------------------------------------------------------------------------

    def mapToSource(self, index: Index) -> QModelIndex:  # noqa: N802 - the name QAbstractProxyModel uses
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return QModelIndex()
        return self._table.index(self._rows[index.row()], index.column())

    def mapFromSource(self, index: Index) -> QModelIndex:  # noqa: N802
        if not index.isValid():
            return QModelIndex()
        row = self._shown_row(index.row())
        return QModelIndex() if row is None else self.index(row, index.column())

    def entry_at(self, row: int) -> TaskEntry:
        """The entry shown in `row` (painting reads it directly, not role by role)."""
        return self._table.entries[self._rows[row]]

    def _shown_row(self, source_row: int) -> int | None:
        rows = self._rows
        at = bisect_left(rows, source_row)
        return at if at < len(rows) and rows[at] == source_row else None

    # --- the model --------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Made here, not by Qt's default (which asks rowCount and columnCount through Python each time)."""
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            shown = role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows)
            return section + 1 if shown else None
        return self._table.headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        return cell_data(self._table.entries[self._rows[row]], index.column(), role)

    # Qt always passes a span; PySide6's stubs widen the parameter with QModelRoleData (implicitly convertible).
    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:  # type: ignore[override]  # noqa: N802
        row = index.row()
        if 0 <= row < len(self._rows) and index.isValid():
            fill_roles(self._table.entries[self._rows[row]], index.column(), roles)

    def rows_in_any_branch(self) -> list[int]:
        """The source rows the role and keyword filters pass, whatever the branch: what the outline counts."""
        if self._branch == WHOLE_PLAN:
            return self._rows
        entries, roles, texts = self._table.entries, self._roles, self._table.search_texts
        return [row for row in range(len(entries)) if (roles is None or entries[row].role in roles)
                and all(term in texts[row] for term in self._terms)]

    # --- deciding the rows ------------------------------------------------------------------------

    def _set_roles(self, mode: str) -> None:
        self.role_filter = mode
        self._roles = ROLE_FILTERS[mode]

    def _refilter(self, change) -> None:  # noqa: ANN001 - a no-argument callable
        """Apply a filter change as one reset.

        An incremental change announces every removed and inserted range; with thousands of scattered
        rows that costs several times the filtering itself. Views lose their current row on a reset, so
        the task browser puts the selection back (TaskBrowser._filtering).
        """
        rows = self._decide(change)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _decide(self, change=None) -> list[int]:  # noqa: ANN001 - a no-argument callable
        if change is not None:
            change()
        entries = self._table.entries
        basis = (self._table.generation, len(entries), self._roles, self._branch)
        if basis != self._base_basis or self._base is None:
            self._base, self._base_basis, self._rows_terms = self._role_and_branch_rows(), basis, None
        terms = self._terms
        # typing narrows: when the new keywords extend the old, only the rows shown can still match
        narrowing = self._rows_terms is not None and _narrows(self._rows_terms, terms)
        rows = self._rows if narrowing else self._base
        texts = self._table.search_texts
        for term in terms:
            if rows is self._base and len(rows) == len(texts):  # everything: a plain scan is twice as fast
                rows = [row for row, text in enumerate(texts) if term in text]
            else:
                rows = [row for row in rows if term in texts[row]]
        self._rows_terms = list(terms)
        return rows

    def _role_and_branch_rows(self) -> list[int]:
        entries, roles, branch = self._table.entries, self._roles, self._branch
        rows: Sequence[int] = range(len(entries))
        if roles is not None:
            rows = [row for row in rows if entries[row].role in roles]
        if branch != WHOLE_PLAN:
            rows = [row for row in rows if entries[row].in_branch(branch)]
        return list(rows)

    # --- following the source ---------------------------------------------------------------------

    def _after_source_reset(self) -> None:
        self._base = None
        self._rows = self._decide()
        self.endResetModel()

    def _after_source_data(self, *_changed: object) -> None:
        """Roles changed (another unit): the role filter decides again."""
        self._refilter(lambda: None)

    def _before_source_layout(self, *_layout: object) -> None:
        """The source is about to re-sort: remember which item each kept index (selection, current) shows."""
        self.layoutAboutToBeChanged.emit()
        entries = self._table.entries
        self._layout_keys = [
            (index, entries[self._rows[index.row()]].item.key if 0 <= index.row() < len(self._rows) else None)
            for index in self.persistentIndexList()]

    def _after_source_layout(self, *_layout: object) -> None:
        """Same rows, new order: decide again and move the kept indexes to where their items are now."""
        self._base = None
        self._rows = self._decide()
        old, new = [], []
        for index, key in self._layout_keys:
            source_row = self._table.row_of(key) if key is not None else None
            row = self._shown_row(source_row) if source_row is not None else None
            old.append(index)
            new.append(QModelIndex() if row is None else self.index(row, index.column()))
        self._layout_keys = []
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()


def _narrows(old: list[str], new: list[str]) -> bool:
    """True when every row matching `new` also matches `old`: each old term is inside its new term."""
    return len(new) >= len(old) and all(before in after for before, after in zip(old, new, strict=False))
