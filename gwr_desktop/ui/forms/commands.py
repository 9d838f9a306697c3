"""Undo commands whose redo and undo both go through the form service, so an undo is committed too."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from gwr_desktop.services.database import DatabaseError
from gwr_desktop.services.form_content import FormInputError
from gwr_desktop.services.form_edits import Edit

Apply = Callable[[Sequence[Edit]], list[Edit]]


class EditCommand(QUndoCommand):
    """Edits already applied when pushed: the first redo (from QUndoStack.push) does nothing.

    `apply` commits edits and returns their inverses; `report` shows a refusal (e.g. the form was changed
    elsewhere so an old undo no longer fits) — the command then becomes obsolete rather than half-applied.
    """

    def __init__(self, text: str, apply: Apply, forward: Sequence[Edit], backward: Sequence[Edit],
                 report: Callable[[str], None]) -> None:
        super().__init__(text)
        self._apply, self._report = apply, report
        self._forward, self._backward = list(forward), list(backward)
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(forward=True)

    def undo(self) -> None:
        self._run(forward=False)

    def _run(self, *, forward: bool) -> None:
        try:
            if forward:
                self._backward = self._apply(self._forward)
            else:
                self._forward = self._apply(self._backward)
        except (FormInputError, DatabaseError) as error:
            # Nothing of it was applied: rather than a step that undoes nothing, the step goes away.
            self.setObsolete(True)
            self._report(f"无法{'重做' if forward else '撤销'}“{self.text()}”：{error}")
