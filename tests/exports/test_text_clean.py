"""clean_layout's quick look (one scan of every text) sees a character XML cannot carry wherever the cleaning
itself would take it out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gwr_desktop.exports.layout import FormLayout, LayoutRow
from gwr_desktop.exports.text_clean import clean_layout


def _planted(layout: FormLayout, where: str, bad: str) -> FormLayout:
    if where == "label":
        return replace(layout, label=layout.label + bad)
    if where == "title":
        return replace(layout, title=bad + layout.title)
    if where == "note":
        return replace(layout, notes=(*layout.notes, f"说明{bad}"))
    if where in ("field label", "field value"):
        label, value = layout.header_fields[0]
        field = (label + bad, value) if where == "field label" else (label, value + bad)
        return replace(layout, header_fields=(field, *layout.header_fields[1:]))
    row = layout.rows[-1]
    cells = (*row.cells[:-1], row.cells[-1] + bad)
    return replace(layout, rows=(*layout.rows[:-1], LayoutRow(cells, row.heading, row.group)))


@pytest.mark.parametrize("bad", ["\x07", "\x00", "\ufffe", "\ud800"])
@pytest.mark.parametrize("where", ["label", "title", "note", "field label", "field value", "cell"])
def test_a_character_anywhere_is_taken_out_and_reported(progress_layout: FormLayout, where: str, bad: str) -> None:
    cleaned, report = clean_layout(_planted(progress_layout, where, bad))
    assert len(report) == 1 and f"U+{ord(bad):04X}" in report[0]
    assert cleaned == _planted(progress_layout, where, "")


def test_a_clean_layout_comes_back_as_it_is(progress_layout: FormLayout) -> None:
    cleaned, report = clean_layout(progress_layout)
    assert cleaned is progress_layout and report == []
