"""The editor's columns, read from the plan's form definition: one per value (a printed column holding several
values, such as 分管领导 / 责任部门, becomes one editor column per value), with its width, editor and rules."""

from __future__ import annotations

from dataclasses import dataclass

from gwr_desktop.domain.form_defs import FormDefinition, Level, ValueKind
from gwr_desktop.domain.page import printable_width_mm
from gwr_desktop.domain.periods import PERIOD_SUGGESTIONS
from gwr_desktop.domain.validation import STATUS_CHOICES

TABLE_PX = 1035  # the editor's table is about this wide whatever the page: columns keep the paper's proportions
MIN_PX = 56
MIN_PART_PX = 100


@dataclass(frozen=True)
class EditorColumn:
    key: str  # the value's key (a read-only column's own key)
    header: str
    level: Level
    kind: ValueKind
    read_only: bool = False
    width_px: int = 120
    centered: bool = False

    @property
    def multiline(self) -> bool:
        return self.kind is ValueKind.LONG_TEXT

    @property
    def choices(self) -> list[str]:
        return ["", *STATUS_CHOICES] if self.kind is ValueKind.STATUS else []

    @property
    def completions(self) -> list[str]:
        """What the cell's line editor offers while typing (完成时间: months, ranges, 全年)."""
        return list(PERIOD_SUGGESTIONS) if self.kind is ValueKind.PERIOD else []


def editor_columns(definition: FormDefinition) -> list[EditorColumn]:
    """Every printed column (optional ones too: the unit tracks them even when they are not printed)."""
    found = []
    px_per_mm = TABLE_PX / printable_width_mm(definition.orientation)
    for column in definition.columns:
        width = max(MIN_PX, round(column.width_mm * px_per_mm))
        centered = column.align == "center"
        if column.parts:
            part_width = max(MIN_PART_PX, width // len(column.parts))
            found += [EditorColumn(part.key, part.label, column.level, part.kind, width_px=part_width,
                                   centered=centered) for part in column.parts]
            continue
        found.append(EditorColumn(column.key, column.header, column.level, column.kind, read_only=column.read_only,
                                  width_px=width, centered=centered))
    return found
