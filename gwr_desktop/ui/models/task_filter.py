"""Filtering and sorting of the task table: my role, keywords and a branch of the plan's tree.

Kept fast for large tables: every row's lowercase search text is computed once in the source model;
when a filter changes, one list comprehension decides every row with plain `in` checks (no service calls,
no regexes per row), and filterAcceptsRow only looks the answer up.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from gwr_desktop.domain.plan import Role
from gwr_desktop.ui.models.task_table import KEY_MARK, SORT_ROLE, Branch, TaskTableModel

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


class TaskFilterProxy(QSortFilterProxyModel):
    def __init__(self, table: TaskTableModel, parent=None) -> None:  # noqa: ANN001 - any QObject
        super().__init__(parent)
        self._table = table
        self._roles: frozenset[Role] | None = None
        self._terms: list[str] = []
        self._branch: Branch = WHOLE_PLAN
        self.role_filter = ALL_ITEMS
        self._accepted: list[bool] | None = None
        self._accepted_generation = -1
        self.setSourceModel(table)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source sorts itself (one key per row); the proxy only filters and keeps the source order."""
        self._table.sort(column, order)

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

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        accepted = self._accepted
        if accepted is None or self._accepted_generation != self._table.generation:
            self._decide_all_rows()
            accepted = self._accepted
        return accepted[source_row]

    def _decide_all_rows(self) -> None:
        """One simple comprehension per active criterion: far cheaper than one generic test per row."""
        entries = self._table.entries
        accepted = [True] * len(entries)
        if self._roles is not None:
            roles = self._roles
            accepted = [entry.role in roles for entry in entries]
        if self._branch is not WHOLE_PLAN:
            branch = self._branch
            accepted = [ok and entry.in_branch(branch) for ok, entry in zip(accepted, entries, strict=True)]
        for term in self._terms:
            accepted = [ok and term in entry.search_text for ok, entry in zip(accepted, entries, strict=True)]
        self._accepted = accepted
        self._accepted_generation = self._table.generation

    def _set_roles(self, mode: str) -> None:
        self.role_filter = mode
        self._roles = ROLE_FILTERS[mode]

    def _refilter(self, change) -> None:  # noqa: ANN001 - a no-argument callable
        """Apply a filter change as a reset of the proxy.

        An incremental re-filter announces every removed and inserted range; with thousands of scattered
        rows that costs several times the filtering itself. Views lose their current row on a reset, so
        the task browser puts the selection back (TaskBrowser._filtering).
        """
        self.beginResetModel()
        change()
        self._accepted = None
        self.endResetModel()
