"""The body table of a Word form as one WordprocessingML string, parsed once.

Why a string: python-docx costs ~0.5 ms per cell (every run, paragraph property and width goes through
get_or_add/insert_element_before), which made a 200-item 附表1 take seconds. The markup here is exactly what
the python-docx calls used to produce: fixed grid with gridCol + tblW + tcW (Word reads tcW/tblW, WPS and
LibreOffice read gridCol), cantSplit on every row, tblHeader on the head row, vMerge restart/continue, gridSpan
for part headings, vertically centred cells, keepNext inside an item, and w:eastAsia fonts on every run.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm
from lxml import etree

from gwr_desktop.exports import fonts
from gwr_desktop.exports.fonts import FontRole
from gwr_desktop.exports.layout import FormLayout, LayoutRow
from gwr_desktop.exports.text_metrics import CELL_PADDING_MM, fit_size

KEEP_TOGETHER_ROWS = 8  # an item longer than this may break across pages (Word would push it off anyway)
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
        self.layout, self.style_id = layout, style_id
        self.widths = [int(Mm(c.width_mm)) for c in layout.columns]  # EMU, as python-docx's Mm gives them
        self.starts = {(s.column, s.first) for s in layout.merges}
        self.continued = {(s.column, r) for s in layout.merges for r in range(s.first + 1, s.last + 1)}
        self.keep_next = keep_next_rows(layout)
        self.min_height = twips(int(Mm(layout.min_row_mm))) if layout.min_row_mm else 0

    def xml(self) -> str:
        parts = [self._table_properties(), self._grid(), self._header_row()]
        parts.extend(self._body_row(index, row) for index, row in enumerate(self.layout.rows))
        return "".join(("<w:tbl>", *parts, "</w:tbl>"))

    def _table_properties(self) -> str:
        margin = twips(int(Mm(CELL_PADDING_MM / 2)))
        return (f'<w:tblPr><w:tblStyle w:val="{escape(self.style_id)}"/>'
                f'<w:tblW w:type="dxa" w:w="{sum(twips(w) for w in self.widths)}"/><w:jc w:val="center"/>'
                f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
                f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>{_TBL_LOOK}</w:tblPr>')

    def _grid(self) -> str:
        return "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in self.widths) + "</w:tblGrid>"

    def _row_start(self, *, header: bool) -> str:
        height = f'<w:trHeight w:val="{self.min_height}" w:hRule="atLeast"/>' if self.min_height and not header else ""
        flag = '<w:tblHeader w:val="true"/>' if header else ""
        return f'<w:tr><w:trPr><w:cantSplit w:val="true"/>{height}{flag}</w:trPr>'

    def _cell(self, column: int, body: str, *, span: int = 1, merge: str = "") -> str:
        width = twips(sum(self.widths[column:column + span]))
        grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        if merge == "continue":  # stands for the merged cell above: no alignment, one empty paragraph
            return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
        v_merge = '<w:vMerge w:val="restart"/>' if merge else ""
        return (f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{grid_span}{v_merge}<w:vAlign w:val="center"/>'
                f"</w:tcPr>{body}</w:tc>")

    def _header_row(self) -> str:
        cells = (self._cell(i, cell_paragraphs_xml(h, fonts.TABLE_HEAD, "center", keep_next=False))
                 for i, h in enumerate(self.layout.headers))
        return self._row_start(header=True) + "".join(cells) + "</w:tr>"

    def _body_row(self, index: int, row: LayoutRow) -> str:
        keep = index in self.keep_next
        columns = self.layout.columns
        if row.heading:
            body = cell_paragraphs_xml(row.cells[0], fonts.PART_HEADING, "left", keep_next=keep)
            cells = [self._cell(0, body, span=len(columns))] if len(columns) > 1 else [self._cell(0, body)]
            return self._row_start(header=False) + "".join(cells) + "</w:tr>"
        cells = []
        for column, (spec, text) in enumerate(zip(columns, row.cells, strict=True)):
            if (column, index) in self.continued:
                cells.append(self._cell(column, "", merge="continue"))
                continue
            role = fonts.TABLE_BODY.sized(fit_size(text, spec.width_mm, fonts.TABLE_BODY.size_pt))
            merge = "restart" if (column, index) in self.starts else ""
            cells.append(self._cell(column, cell_paragraphs_xml(text, role, spec.align, keep_next=keep), merge=merge))
        return self._row_start(header=False) + "".join(cells) + "</w:tr>"


def keep_next_rows(layout: FormLayout, longest: int = KEEP_TOGETHER_ROWS) -> set[int]:
    """Body rows whose paragraphs get keepNext: a part heading, and a row whose item continues below (items of
    at most `longest` rows), so Word moves an item's rows to the next page together instead of leaving its
    序号/责任事项 behind."""
    sizes: dict[int, int] = {}
    for row in layout.rows:
        sizes[row.group] = sizes.get(row.group, 0) + 1
    keep = set()
    for index, row in enumerate(layout.rows[:-1]):
        following = layout.rows[index + 1]
        if row.heading or (row.group == following.group and sizes[row.group] <= longest):
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
