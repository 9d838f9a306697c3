"""Exported .xlsx files reopened and checked: texts, merges and their borders, print setup, no formulas."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree
from openpyxl import load_workbook

from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.manifest import read_manifest
from gwr_desktop.exports.text_metrics import text_lines
from gwr_desktop.exports.xlsx_render import FIRST_BODY_ROW, HEADER_ROW, render_xlsx
from tests.exports import samples

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@pytest.fixture(scope="module")
def plan_xlsx(tmp_path_factory: pytest.TempPathFactory, plan_layout: FormLayout) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "plan.xlsx"
    render_xlsx(plan_layout, str(path))
    return path


def test_heading_block_and_table_texts(plan_xlsx: Path, plan_layout: FormLayout) -> None:
    sheet = load_workbook(plan_xlsx).active
    assert sheet.title == "附表1"
    assert sheet["A1"].value == "附表1" and sheet["A2"].value == "市发改委市《政府工作报告》办理方案"
    assert [c.value for c in sheet[3] if c.value] == ["单位：市发改委", "主要负责人(签字)：李明"]
    assert [c.value for c in sheet[HEADER_ROW]] == list(plan_layout.headers)
    for offset, row in enumerate(plan_layout.rows):
        values = [c.value or "" for c in sheet[FIRST_BODY_ROW + offset]]
        expected = list(row.cells) if not row.heading else [row.cells[0]] + [""] * (len(row.cells) - 1)
        assert values == expected, offset
    assert sheet["A2"].font.name == "方正小标宋简体" and sheet["A1"].font.name == "黑体"
    assert sheet.cell(FIRST_BODY_ROW + 1, 2).font.name == "仿宋_GB2312"


def test_merges_match_the_layout(plan_xlsx: Path, plan_layout: FormLayout) -> None:
    sheet = load_workbook(plan_xlsx).active
    ranges = {str(r) for r in sheet.merged_cells.ranges}
    for span in plan_layout.merges:
        column = "ABCDE"[span.column]
        assert f"{column}{FIRST_BODY_ROW + span.first}:{column}{FIRST_BODY_ROW + span.last}" in ranges
    assert f"A{FIRST_BODY_ROW}:E{FIRST_BODY_ROW}" in ranges  # part heading
    assert "A2:E2" in ranges  # title


def test_borders_intact_on_merged_cells_in_the_saved_xml(plan_xlsx: Path, plan_layout: FormLayout) -> None:
    """Checked in the raw XML: openpyxl re-creates merged borders on load, which would hide the bug."""
    with zipfile.ZipFile(plan_xlsx) as archive:
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    xfs = styles.find("m:cellXfs", NS).findall("m:xf", NS)
    borders = styles.find("m:borders", NS).findall("m:border", NS)
    styled = {c.get("r"): int(c.get("s", "0")) for c in sheet.iter(f"{{{NS['m']}}}c")}

    def sides(ref: str) -> set[str]:
        border = borders[int(xfs[styled[ref]].get("borderId", "0"))]
        return {side for side in ("left", "right", "top", "bottom") if border.find(f"m:{side}", NS).get("style")}

    for span in plan_layout.merges:  # the outline of every merged box: both sides all along, top and bottom
        column = "ABCDE"[span.column]
        first, last = FIRST_BODY_ROW + span.first, FIRST_BODY_ROW + span.last
        for row in range(first, last + 1):
            assert {"left", "right"} <= sides(f"{column}{row}")
        assert "top" in sides(f"{column}{first}") and "bottom" in sides(f"{column}{last}")
    heading = [sides(f"{c}{FIRST_BODY_ROW}") for c in "ABCDE"]
    assert all({"top", "bottom"} <= s for s in heading) and "left" in heading[0] and "right" in heading[-1]


def test_print_setup(plan_xlsx: Path) -> None:
    sheet = load_workbook(plan_xlsx).active
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    margins = sheet.page_margins
    assert [round(v * 25.4) for v in (margins.top, margins.bottom, margins.left, margins.right)] == [28, 26, 35, 37]
    assert "— &P —" in sheet.oddFooter.right.text and "— &P —" in sheet.evenFooter.left.text


def test_portrait_for_the_contacts_form(tmp_path: Path, contacts_layout: FormLayout) -> None:
    render_xlsx(contacts_layout, str(tmp_path / "c.xlsx"))
    sheet = load_workbook(tmp_path / "c.xlsx").active
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.cell(FIRST_BODY_ROW + len(contacts_layout.rows), 1).value.startswith("市政府督查室联系人：徐小生")


def test_no_formula_anywhere_user_text_went(tmp_path: Path, plan_xlsx: Path,
                                            contacts_layout: FormLayout, progress_layout: FormLayout) -> None:
    render_xlsx(contacts_layout, str(tmp_path / "c.xlsx"))
    render_xlsx(progress_layout, str(tmp_path / "p.xlsx"))
    for path in (plan_xlsx, tmp_path / "c.xlsx", tmp_path / "p.xlsx"):
        with zipfile.ZipFile(path) as archive:
            assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml") and b"<f " not in archive.read(
                "xl/worksheets/sheet1.xml")
        sheet = load_workbook(path).active
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert all(c.data_type == "s" for c in cells)
        assert any(samples.FORMULA in str(c.value) for c in cells)


def test_row_heights_leave_room_for_wrapped_cjk_text(plan_xlsx: Path, plan_layout: FormLayout) -> None:
    sheet = load_workbook(plan_xlsx).active
    for span in plan_layout.merges:
        text = plan_layout.rows[span.first].cells[span.column]
        lines = text_lines(text, plan_layout.columns[span.column].width_mm, 12)
        total = sum(sheet.row_dimensions[FIRST_BODY_ROW + r].height for r in range(span.first, span.last + 1))
        assert total >= lines * 12 * 1.45  # Noto CJK, the fallback on 信创 Linux: 1.45 em per line
    for offset, row in enumerate(plan_layout.rows):
        height = sheet.row_dimensions[FIRST_BODY_ROW + offset].height
        assert height and height >= text_lines(row.cells[2], 88, 12) * 12 * 1.45


def test_text_lines_counts_cjk_as_full_width() -> None:
    assert text_lines("", 50, 12) == 1
    assert text_lines("一" * 10, 50, 12) == 1  # 10 × 4.23 mm = 42 mm < 48 mm usable
    assert text_lines("一" * 12, 50, 12) == 2
    assert text_lines("a" * 18, 50, 12) == 1  # Latin ~0.55 em; a line is filled to 95 %
    assert text_lines("甲\n乙\n丙", 50, 12) == 3


def test_manifest_reads_back(plan_xlsx: Path, plan_layout: FormLayout) -> None:
    assert read_manifest(plan_xlsx) == plan_layout.manifest


def _column_text(sheet, column: int, first: int) -> str:  # noqa: ANN001 - a worksheet
    """The column's text top to bottom, without the （续） labels of continued rows."""
    values = (str(sheet.cell(row, column).value or "") for row in range(first, sheet.max_row + 1))
    return "".join(v for v in values if not v.endswith(("（续）", "(续)")))


def test_long_cells_continue_in_the_next_rows_whole_and_top_aligned(tmp_path: Path) -> None:
    from gwr_desktop.domain.plan import FormKind
    from gwr_desktop.exports.xlsx_rows import EXCEL_MAX_ROW_PT
    from tests.exports import long_text
    from tests.exports.conftest import layout_of
    from tests.exports.text_check import columns_of

    layout = layout_of(FormKind.PROGRESS, long_text.progress_content())
    render_xlsx(layout, str(tmp_path / "long.xlsx"))
    sheet = load_workbook(tmp_path / "long.xlsx").active
    notes = len(layout.notes)
    for col, cells in enumerate(columns_of(layout), start=1):  # every character, cell after cell, in order
        text = _column_text(sheet, col, FIRST_BODY_ROW)
        assert text.startswith("".join(cells)) and len(text) - len("".join(cells)) <= sum(map(len, layout.notes))
    body = range(FIRST_BODY_ROW, sheet.max_row + 1 - notes)
    heights = [sheet.row_dimensions[r].height for r in body]
    assert max(heights) <= EXCEL_MAX_ROW_PT and len(heights) > len(layout.rows)  # long answers took more rows
    labels = [sheet.cell(r, c).value for r in body for c in (1, 2) if str(sheet.cell(r, c).value).endswith("续）")]
    assert len(labels) >= 10  # 序号 and 责任事项 repeated where a long 完成情况 continues on the next page
    progress = [sheet.cell(r, 3) for r in body if sheet.cell(r, 3).value]
    assert all(c.alignment.vertical == "top" for c in progress)
    def ruled(side) -> bool:  # noqa: ANN001 - an openpyxl Side or None
        return side is not None and side.style is not None

    pieces = [c for c in progress if not ruled(c.border.bottom)]  # continued below: no rule under it
    assert pieces and all(not ruled(sheet.cell(c.row + 1, 3).border.top) for c in pieces)
    for cell in progress:
        assert sheet.row_dimensions[cell.row].height >= text_lines(cell.value, 131, 12) * 12 * 1.45


def test_merged_cells_get_their_height_and_fonts_name_the_gb2312_charset(plan_xlsx: Path,
                                                                         plan_layout: FormLayout) -> None:
    sheet = load_workbook(plan_xlsx).active
    for span in plan_layout.merges:
        text = plan_layout.rows[span.first].cells[span.column]
        total = sum(sheet.row_dimensions[FIRST_BODY_ROW + r].height for r in range(span.first, span.last + 1))
        assert total >= text_lines(text, plan_layout.columns[span.column].width_mm, 12) * 12 * 1.45
    assert sheet.cell(FIRST_BODY_ROW + 1, 2).font.charset == 134


def test_every_body_cell_has_its_box_even_under_a_very_long_merged_text(tmp_path: Path) -> None:
    """A 责任事项 longer than its item's rows can hold at 409 pt adds rows: every column still has cells there."""
    from dataclasses import replace

    from gwr_desktop.domain.plan import FormKind
    from gwr_desktop.exports.fonts import font_set
    from gwr_desktop.exports.xlsx_rows import plan_body
    from tests.exports import long_text
    from tests.exports.conftest import layout_of

    content = long_text.plan_content()
    first = replace(content.items[0], text=long_text.long_text(99, 6000), entries=content.items[0].entries[:1])
    layout = layout_of(FormKind.PLAN, replace(content, items=(first, *content.items[1:])))
    plan = plan_body(layout, font_set())
    covered = {(r, b.column) for b in plan.boxes for r in range(b.first, b.last + 1)}
    heading_rows = {r for b in plan.boxes if b.heading for r in range(b.first, b.last + 1)}
    assert all((r, c) in covered for r in range(plan.rows) if r not in heading_rows
               for c in range(len(layout.columns)))
    render_xlsx(layout, str(tmp_path / "x.xlsx"))
    sheet = load_workbook(tmp_path / "x.xlsx").active
    assert _column_text(sheet, 2, FIRST_BODY_ROW).startswith(first.text)
