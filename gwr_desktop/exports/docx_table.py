"""The body table of a Word form as one WordprocessingML string, parsed once.

Why a string: python-docx costs ~0.5 ms per cell (every run, paragraph property and width goes through
get_or_add/insert_element_before), which made a 200-item 附表1 take seconds. The markup here is exactly what
the python-docx calls used to produce: fixed grid with gridCol + tblW + tcW (Word reads tcW/tblW, WPS and
LibreOffice read gridCol), tblHeader on the head row, vMerge restart/continue, gridSpan for part headings,
keepNext inside an item, and w:eastAsia fonts on every run.

Rows that fit on a page are cantSplit and vertically centred; a row estimated taller than a page (a 3,000-
character 完成情况) may split, top-aligned, so Word, WPS and LibreOffice continue it on the next page instead of
running it into the footer (a cantSplit row taller than a page has nowhere to go and is cut).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm
from lxml import etree

from gwr_desktop.exports.fonts import FontRole, FontSet, font_set
from gwr_desktop.exports.layout import FormLayout, LayoutRow
from gwr_desktop.exports.text_metrics import CELL_PADDING_MM, MM_PER_PT, fit_size, line_height_pt, text_lines

KEEP_TOGETHER_ROWS = 8  # an item longer than this may break across pages (Word would push it off anyway)
PAGE_SHARE = 0.85  # a row estimated up to this share of the page's room is kept whole (cantSplit)
_EMU_PER_TWIP = 635
_RUN_BREAKS = re.compile(r"([\t\r])")
_TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
             'w:noVBand="1" w:val="04A0"/>')


def twips(emu: int) -> int:
    return int(round(emu / _EMU_PER_TWIP))


def run_xml(text: str, role: FontRole) -> str:
    """One w:r as python-docx's run.text writes it: tabs become w:tab, a carriage return w:br, and a w:t whose
    text starts or ends with white space keeps it (xml:space="preserve"); no w:t at all for an empty text."""
    family = escape(role.family, {'"': "&quot;"})
    bold = "<w:b/>" if role.bold else ""
    parts = [f'<w:r><w:rPr><w:rFonts w:ascii="{family}" w:hAnsi="{family}" w:eastAsia="{family}" w:cs="{family}"/>'
             f'{bold}<w:sz w:val="{round(role.size_pt * 2)}"/></w:rPr>']
    for piece in _RUN_BREAKS.split(text) if ("\t" in text or "\r" in text) else (text,):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece == "\r":
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece.strip() != piece else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    parts.append("</w:r>")
    return "".join(parts)


def cell_paragraphs_xml(text: str, role: FontRole, align: str, *, keep_next: bool) -> str:
    """One paragraph per line of text, no spacing before or after, aligned as the column says."""
    keep = "<w:keepNext/>" if keep_next else ""
    ppr = f'<w:pPr>{keep}<w:spacing w:before="0" w:after="0"/><w:jc w:val="{align}"/></w:pPr>'
    return "".join(f"<w:p>{ppr}{run_xml(line, role)}</w:p>" for line in (text.split("\n") if text else [""]))


class TableMarkup:
    """Builds the w:tbl element's markup for one layout."""

    def __init__(self, layout: FormLayout, style_id: str) -> None:
        self.layout, self.style_id, self.roles = layout, style_id, font_set(layout.fonts)
        self.widths = [int(Mm(c.width_mm)) for c in layout.columns]  # EMU, as python-docx's Mm gives them
        self.starts = {(s.column, s.first) for s in layout.merges}
        self.continued = {(s.column, r) for s in layout.merges for r in range(s.first + 1, s.last + 1)}
        self.heights = row_heights_pt(layout, self.roles)
        self.whole = {i for i, h in enumerate(self.heights) if h <= page_room_pt(layout, self.roles) * PAGE_SHARE}
        self.keep_next = keep_next_rows(layout, heights=self.heights, room=page_room_pt(layout, self.roles))
        self.min_height = twips(int(Mm(layout.min_row_mm))) if layout.min_row_mm else 0

    def xml(self) -> str:
        return "".join(self.chunks())

    def chunks(self) -> Iterator[str]:
        """The markup piece by piece: the table's start, then one piece per row, then its end."""
        yield "<w:tbl>" + self._table_properties() + self._grid()
        yield self._header_row()
        for index, row in enumerate(self.layout.rows):
            yield self._body_row(index, row)
        yield "</w:tbl>"

    def _table_properties(self) -> str:
        margin = twips(int(Mm(CELL_PADDING_MM / 2)))
        return (f'<w:tblPr><w:tblStyle w:val="{escape(self.style_id)}"/>'
                f'<w:tblW w:type="dxa" w:w="{sum(twips(w) for w in self.widths)}"/><w:jc w:val="center"/>'
                f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
                f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>{_TBL_LOOK}</w:tblPr>')

    def _grid(self) -> str:
        return "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in self.widths) + "</w:tblGrid>"

    def _row_start(self, *, header: bool, whole: bool = True) -> str:
        height = f'<w:trHeight w:val="{self.min_height}" w:hRule="atLeast"/>' if self.min_height and not header else ""
        flag = '<w:tblHeader w:val="true"/>' if header else ""
        keep = '<w:cantSplit w:val="true"/>' if whole else ""
        return f"<w:tr><w:trPr>{keep}{height}{flag}</w:trPr>"

    def _cell(self, column: int, body: str, *, span: int = 1, merge: str = "", top: bool = False) -> str:
        width = twips(sum(self.widths[column:column + span]))
        grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        if merge == "continue":  # stands for the merged cell above: no alignment, one empty paragraph
            return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
        v_merge = '<w:vMerge w:val="restart"/>' if merge else ""
        align = "top" if top else "center"
        return (f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{grid_span}{v_merge}<w:vAlign w:val="{align}"/>'
                f"</w:tcPr>{body}</w:tc>")

    def _header_row(self) -> str:
        cells = (self._cell(i, cell_paragraphs_xml(h, self.roles.table_head, "center", keep_next=False))
                 for i, h in enumerate(self.layout.headers))
        return self._row_start(header=True) + "".join(cells) + "</w:tr>"

    def _body_row(self, index: int, row: LayoutRow) -> str:
        keep, whole = index in self.keep_next, index in self.whole
        columns = self.layout.columns
        if row.heading:
            body = cell_paragraphs_xml(row.cells[0], self.roles.part_heading, "left", keep_next=keep)
            cells = [self._cell(0, body, span=len(columns))] if len(columns) > 1 else [self._cell(0, body)]
            return self._row_start(header=False) + "".join(cells) + "</w:tr>"
        cells = []
        body_role = self.roles.table_body
        for column, (spec, text) in enumerate(zip(columns, row.cells, strict=True)):
            if (column, index) in self.continued:
                cells.append(self._cell(column, "", merge="continue"))
                continue
            role = body_role.sized(fit_size(text, spec.width_mm, body_role.size_pt))
            merge = "restart" if (column, index) in self.starts else ""
            cells.append(self._cell(column, cell_paragraphs_xml(text, role, spec.align, keep_next=keep), merge=merge,
                                    top=not whole))
        return self._row_start(header=False, whole=whole) + "".join(cells) + "</w:tr>"


def page_room_pt(layout: FormLayout, roles: FontSet) -> float:
    """The height a page has for body rows: the 版心 less the repeated header row."""
    head = max((text_lines(h, c.width_mm, roles.table_head.size_pt) for h, c in zip(layout.headers, layout.columns,
                                                                                     strict=True)), default=1)
    return layout.page.content_height_mm / MM_PER_PT - head * line_height_pt(roles.table_head.size_pt)


def row_heights_pt(layout: FormLayout, roles: FontSet) -> list[float]:
    """Each body row's estimated height (a merged cell's text shared out over its rows), never too short."""
    spans = {(s.column, s.first): s.last - s.first + 1 for s in layout.merges}
    continued = {(s.column, r) for s in layout.merges for r in range(s.first + 1, s.last + 1)}
    size, heights = roles.table_body.size_pt, []
    lines: float
    total = sum(c.width_mm for c in layout.columns)
    for index, row in enumerate(layout.rows):
        if row.heading:
            lines = text_lines(row.cells[0], total, roles.part_heading.size_pt)
        else:
            lines = max((text_lines(text, c.width_mm, size) / spans.get((col, index), 1)
                         for col, (c, text) in enumerate(zip(layout.columns, row.cells, strict=True))
                         if (col, index) not in continued), default=1)
        heights.append(lines * line_height_pt(size) + 4)
    return heights


def keep_next_rows(layout: FormLayout, longest: int = KEEP_TOGETHER_ROWS, *, heights: list[float] | None = None,
                   room: float = float("inf")) -> set[int]:
    """Body rows whose paragraphs get keepNext: a part heading, and a row whose item continues below (items of
    at most `longest` rows that fit on a page), so Word moves an item's rows to the next page together instead
    of leaving its 序号/责任事项 behind."""
    sizes: dict[int, int] = {}
    tall: dict[int, float] = {}
    for index, row in enumerate(layout.rows):
        sizes[row.group] = sizes.get(row.group, 0) + 1
        tall[row.group] = tall.get(row.group, 0.0) + (heights[index] if heights else 0.0)
    keep = set()
    for index, row in enumerate(layout.rows[:-1]):
        following = layout.rows[index + 1]
        together = sizes[row.group] <= longest and tall[row.group] <= room * PAGE_SHARE
        if row.heading or (row.group == following.group and together):
            keep.add(index)
    return keep


def table_xml(layout: FormLayout, style_id: str) -> str:
    """The complete w:tbl markup (without namespace declarations) for the layout's header and body rows."""
    return TableMarkup(layout, style_id).xml()


def table_element(layout: FormLayout, style_id: str):  # noqa: ANN201 - docx CT_Tbl
    """The w:tbl element, parsed once, ready to be placed in the document body."""
    markup = table_xml(layout, style_id).replace("<w:tbl>", f"<w:tbl {nsdecls('w')}>", 1)
    try:
        return parse_xml(markup)
    except etree.XMLSyntaxError as error:  # what lxml says when a text holds a character XML cannot carry
        raise ValueError(f"All strings must be XML compatible: {error}") from error


def checked_table_chunks(layout: FormLayout, style_id: str) -> Iterator[bytes]:
    """The table's markup as UTF-8 pieces for streaming into word/document.xml (docx_render), each row
    checked as table_element checks the whole table. Why: the parsed table of a 2,000-row 附表1 is ~50 MB of
    lxml nodes (and python-docx serialises it again on save); row by row, only one row is ever held."""
    chunks = TableMarkup(layout, style_id).chunks()
    opening = next(chunks)
    _check(opening + "</w:tbl>")
    yield opening.encode("utf-8")
    for chunk in chunks:
        if chunk != "</w:tbl>":
            _check(f"<w:tbl>{chunk}</w:tbl>")
        yield chunk.encode("utf-8")


def _check(markup: str) -> None:
    try:
        etree.fromstring(markup.replace("<w:tbl>", f"<w:tbl {nsdecls('w')}>", 1))
    except etree.XMLSyntaxError as error:
        raise ValueError(f"All strings must be XML compatible: {error}") from error
