"""Word (.docx) rendering of a FormLayout, in the official layout, for Word and WPS alike.

Why the raw XML: python-docx writes no w:eastAsia font, no repeated header rows, no cantSplit, no page-number
field and no custom properties; Word and WPS each read different width attributes, so all of them are set.
"""

from __future__ import annotations

from io import BytesIO
from typing import IO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from gwr_desktop.exports import fonts
from gwr_desktop.exports.docx_xml import (
    apply_east_asian_defaults,
    page_number_paragraph,
    set_cell_width,
    set_row_flags,
    set_run_font,
    set_table_grid,
)
from gwr_desktop.exports.fonts import FontRole
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.manifest import CUSTOM_CONTENT_TYPE, custom_properties_xml
from gwr_desktop.exports.text_metrics import fit_size

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def render_docx(layout: FormLayout, target: str | IO[bytes]) -> None:
    """Write the form as .docx to a path or a binary stream."""
    document = Document()
    apply_east_asian_defaults(document, fonts.TABLE_BODY)
    _page_setup(document, layout)
    _heading_block(document, layout)
    _table(document, layout)
    for note in layout.notes:
        _paragraph(document, note, fonts.NOTE, space_before=6)
    _attach_manifest(document, layout)
    document.core_properties.title = layout.title
    document.core_properties.subject = layout.label
    document.core_properties.author = ""
    document.core_properties.language = "zh-CN"
    document.save(target)


def docx_bytes(layout: FormLayout) -> bytes:
    buffer = BytesIO()
    render_docx(layout, buffer)
    return buffer.getvalue()


def _page_setup(document, layout: FormLayout) -> None:  # noqa: ANN001 - docx.Document
    page, margins = layout.page, layout.page.margins
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
    section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
    section.header_distance = Mm(15)
    # GB/T 9704 §7.5: the number's 一字线 sits 7 mm below the 版心; ~5 mm for the glyphs themselves.
    section.footer_distance = Mm(max(margins.bottom - 12, 8))
    document.settings.odd_and_even_pages_header_footer = True
    page_number_paragraph(section.footer.paragraphs[0], odd=True, role=fonts.PAGE_NUMBER)
    page_number_paragraph(section.even_page_footer.paragraphs[0], odd=False, role=fonts.PAGE_NUMBER)


def _paragraph(container, text: str, role: FontRole, *, align: str = "left", space_before: float = 0,  # noqa: ANN001
               space_after: float = 0) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(space_after)
    for index, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        set_run_font(run, role)
        if index < len(text.split("\n")) - 1:
            run.add_break()
    return paragraph


def _heading_block(document, layout: FormLayout) -> None:  # noqa: ANN001
    label = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    set_run_font(label.add_run(layout.label), fonts.LABEL)
    _paragraph(document, layout.title, fonts.TITLE, align="center", space_before=12, space_after=12)
    if not layout.header_fields:
        return
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(6)
    stop = Mm(layout.page.content_width_mm * 0.55)
    paragraph.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.LEFT)
    for index, (label_text, value) in enumerate(layout.header_fields):
        text = ("\t" if index else "") + label_text + value
        set_run_font(paragraph.add_run(text), fonts.FIELDS)


def _table(document, layout: FormLayout) -> Table:  # noqa: ANN001
    widths = [Mm(c.width_mm) for c in layout.columns]
    table = document.add_table(rows=1 + len(layout.rows), cols=len(layout.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_table_grid(table, widths)
    _merge(table, layout)
    grid = _Grid(table._cells, len(layout.columns))
    for index, header in enumerate(layout.headers):
        _write_cell(grid.cell(0, index), header, fonts.TABLE_HEAD, "center")
    continuation = {(s.column, r) for s in layout.merges for r in range(s.first + 1, s.last + 1)}
    for index, row in enumerate(layout.rows, start=1):
        _fill_row(grid, index, row, layout, continuation)
    _keep_groups_together(table, layout)
    # Rows and cells straight from the XML: python-docx's table.rows[i] and row.cells re-walk the whole grid
    # (and every vertical merge above) on each call, which made a 200-item form take seconds (bench/run.py).
    for index, (row, tr) in enumerate(zip(table.rows, table._tbl.tr_lst, strict=True)):
        set_row_flags(row, header=index == 0)
        if index and layout.min_row_mm:
            row.height, row.height_rule = Mm(layout.min_row_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
        for tc in _own_cells(tr):
            _Cell(tc, table).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for tc in table._tbl.iter_tcs():
        set_cell_width(tc, widths)
    return table


def _merge(table: Table, layout: FormLayout) -> None:
    """Merge in the XML before any text is written: vMerge restart/continue down a column, gridSpan across a
    part heading. (python-docx's Cell.merge recomputes the whole grid per call: seconds for 40+ items.)"""
    rows = table._tbl.tr_lst
    for span in layout.merges:
        rows[span.first + 1].tc_lst[span.column].vMerge = "restart"
        for index in range(span.first + 2, span.last + 2):
            rows[index].tc_lst[span.column].vMerge = "continue"
    width = len(layout.columns)
    for index, row in enumerate(layout.rows, start=1):
        if row.heading and width > 1:
            tcs = rows[index].tc_lst
            tcs[0].grid_span = width
            for tc in tcs[1:]:
                rows[index].remove(tc)


def _keep_groups_together(table: Table, layout: FormLayout, longest: int = 8) -> None:
    """keepNext on every paragraph of a row whose item continues below, so Word moves an item's rows to the next
    page together instead of leaving its 序号/责任事项 behind; a part heading stays with its first item."""
    sizes: dict[int, int] = {}
    for row in layout.rows:
        sizes[row.group] = sizes.get(row.group, 0) + 1
    rows = table._tbl.tr_lst
    for index, row in enumerate(layout.rows[:-1]):
        following = layout.rows[index + 1]
        same_item = row.group == following.group and sizes[row.group] <= longest
        if row.heading or same_item:
            for tc in _own_cells(rows[index + 1]):
                for p in tc.p_lst:
                    Paragraph(p, table).paragraph_format.keep_with_next = True


def _own_cells(tr):  # noqa: ANN001, ANN202 - CT_Row → its CT_Tc, without the continuations of a vertical merge
    """As row.cells means them: a merge continuation stands for the merged cell above, which has its own turn."""
    return [tc for tc in tr.tc_lst if tc.vMerge != "continue"]


class _Grid:
    """The table's cells read once, addressed by (row, column); merged cells repeat their top-left cell."""

    def __init__(self, cells: list, width: int) -> None:
        self._cells, self._width = cells, width

    def cell(self, row: int, column: int):  # noqa: ANN201 - docx _Cell
        return self._cells[row * self._width + column]


def _fill_row(grid: _Grid, index: int, row, layout: FormLayout,  # noqa: ANN001 - LayoutRow
              continuation: set[tuple[int, int]]) -> None:
    if row.heading:
        _write_cell(grid.cell(index, 0), row.cells[0], fonts.PART_HEADING, "left")
        return
    for column, (spec, text) in enumerate(zip(layout.columns, row.cells, strict=True)):
        if (column, index - 1) in continuation:
            continue  # continuation of a vertically merged cell: written at its first row
        role = fonts.TABLE_BODY.sized(fit_size(text, spec.width_mm, fonts.TABLE_BODY.size_pt))
        _write_cell(grid.cell(index, column), text, role, spec.align)


def _write_cell(cell, text: str, role: FontRole, align: str) -> None:  # noqa: ANN001 - docx _Cell
    lines = text.split("\n") if text else [""]
    paragraph = cell.paragraphs[0]
    for number, line in enumerate(lines):
        if number:
            paragraph = cell.add_paragraph()
        paragraph.alignment = _ALIGN.get(align, WD_ALIGN_PARAGRAPH.LEFT)
        paragraph.paragraph_format.space_before = Pt(0)
        paragraph.paragraph_format.space_after = Pt(0)
        set_run_font(paragraph.add_run(line), role)


def _attach_manifest(document, layout: FormLayout) -> None:  # noqa: ANN001
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CONTENT_TYPE, custom_properties_xml(layout.manifest),
                package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)

