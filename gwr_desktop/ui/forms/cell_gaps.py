"""What a form still lacks, kept by place (the header, each item or roster role) with the cell each gap is shown
at, so that after an edit only the edited item's gaps are worked out again.

Cells are named by row key and column (`Target`), not by row number: rows below an item that gained a work
entry move down, and their gaps stay where they are without being touched.
"""

from __future__ import annotations

from collections.abc import Callable

from gwr_desktop.domain.completeness import Gap

Target = tuple[tuple, int]  # (row key, column)


class CellGaps:
    def __init__(self, target_of: Callable[[Gap], Target | None]) -> None:
        self._target_of = target_of
        self._places: dict[str, list[tuple[Gap, Target | None]]] = {}
        self._at: dict[Target, str] = {}
        self._count = 0

    def reset(self, by_place: dict[str, list[Gap]]) -> None:
        self._places, self._at, self._count = {}, {}, 0
        for place, gaps in by_place.items():
            self._places[place] = []
            self.replace(place, gaps)

    def replace(self, place: str, gaps: list[Gap]) -> None:
        """The gaps of one place, in the order the form lists them (a new place goes last)."""
        for _gap, target in self._places.get(place, ()):
            if target is not None and target in self._at:
                del self._at[target]
        self._count -= len(self._places.get(place, ()))
        placed = [(gap, self._target_of(gap)) for gap in gaps]
        self._places[place] = placed
        self._count += len(placed)
        for gap, target in placed:
            if target is not None:
                self._at.setdefault(target, gap.message)

    def at(self, target: Target) -> str | None:
        return self._at.get(target)

    @property
    def count(self) -> int:
        return self._count

    def listed(self) -> list[tuple[str, Target | None]]:
        """Every gap's message and cell, in the form's order."""
        return [(gap.message, target) for placed in self._places.values() for gap, target in placed]
