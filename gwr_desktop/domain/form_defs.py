"""The declarative form definitions in forms/*.json, read by the editors and by every exporter."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gwr_desktop.domain.plan import FormKind, FormSetting
from gwr_desktop.paths import forms_path


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width_mm: float
    align: str = "left"
    merge_over_entries: bool = False


@dataclass(frozen=True)
class HeaderField:
    key: str
    label: str


@dataclass(frozen=True)
class RowSpec:
    """A fixed row of a roster form (附表2): its label and how many people it may hold."""

    key: str
    label: str
    min: int = 1
    max: int = 1


@dataclass(frozen=True)
class FormDefinition:
    kind: FormKind
    name: str
    orientation: str  # "portrait" | "landscape"
    columns: tuple[Column, ...]
    header_fields: tuple[HeaderField, ...] = ()
    rows: tuple[RowSpec, ...] = ()
    optional_columns: tuple[Column, ...] = ()
    notes: tuple[str, ...] = ()

    def title(self, setting: FormSetting, unit: str, quarter_label: str = "") -> str:
        return setting.title_pattern.format(unit=unit, quarter=quarter_label)


@cache
def load_definition(kind: FormKind, folder: Path | None = None) -> FormDefinition:
    data = json.loads(((folder or forms_path()) / f"{kind.value}.json").read_text(encoding="utf-8"))
    return FormDefinition(
        kind=FormKind(data["kind"]), name=data["name"], orientation=data.get("orientation", "portrait"),
        columns=tuple(Column(**c) for c in data["columns"]),
        header_fields=tuple(HeaderField(**f) for f in data.get("header_fields", ())),
        rows=tuple(RowSpec(**r) for r in data.get("rows", ())),
        optional_columns=tuple(Column(**c) for c in data.get("optional_columns", ())),
        notes=tuple(data.get("notes", ())),
    )


def quarter_label(quarter: int) -> str:
    """The 前N季度 wording of a cumulative report; the fourth is the whole year."""
    return f"前{quarter}季度"
