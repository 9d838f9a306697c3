"""The editor's 待完善 list, updated in place: after an edit only the lines that changed are replaced.

A form of 2,000 items can list 6,000 missing values; rebuilding the list (and letting the view measure every
line) after each typed cell cost more than the edit itself. The list keeps what it shows and, given the new
problems, removes and inserts only the run between the unchanged beginning and end; all lines are one text
line, so the view lays them out without measuring each.
"""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from gwr_desktop.ui.forms.cell_gaps import Target

Problem = tuple[str, Target | None]  # message, the cell it is at (row key, column) or None


class ProblemList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self._shown: list[Problem] = []

    def show_problems(self, problems: list[Problem]) -> None:
        shown = self._shown
        start, end_old, end_new = _changed_run(shown, problems)
        for _ in range(end_old - start):
            self.takeItem(start)
        for offset, (message, _target) in enumerate(problems[start:end_new]):
            self.insertItem(start + offset, QListWidgetItem(message))
        self._shown = list(problems)

    def target(self, item: QListWidgetItem) -> Target | None:
        row = self.row(item)
        return self._shown[row][1] if 0 <= row < len(self._shown) else None


def _changed_run(old: list[Problem], new: list[Problem]) -> tuple[int, int, int]:
    """(start, end in old, end in new) of the part that differs, after the common beginning and end."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    return start, end_old, end_new
