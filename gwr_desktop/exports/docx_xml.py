"""Low-level WordprocessingML the python-docx API does not cover: East-Asian fonts, table grid, row flags,
the PAGE field and the font table's substitutes."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from gwr_desktop.exports.fonts import ALT_NAMES, FontRole
from gwr_desktop.exports.text_metrics import CELL_PADDING_MM

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# CT_TrPr child order (ECMA-376): cantSplit comes before trHeight, tblHeader after it.
_TRPR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
               "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")


def set_fonts(rpr, family: str) -> None:  # noqa: ANN001 - CT_RPr
    """Name the font for Latin and East-Asian text; theme attributes would override the names, so drop them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), family)


def set_run_font(run: Run, role: FontRole) -> None:
    run.font.size = Pt(role.size_pt)
    run.font.bold = role.bold or None
    set_fonts(run._r.get_or_add_rPr(), role.family)


def apply_east_asian_defaults(document, body: FontRole) -> None:  # noqa: ANN001 - docx.Document
    """docDefaults, Normal and Table Grid name the body font with w:eastAsia; zh-CN as East-Asian language."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, body.family)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:  # the template's 10 pt after / 1.15 lines would loosen every table cell
        ppr.remove(spacing)
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.size = Pt(body.size_pt)
        set_fonts(style.element.get_or_add_rPr(), body.family)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        document.settings.element.append(theme_lang)
    theme_lang.set(qn("w:val"), "en-US")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")
    _add_font_substitutes(document)


def _add_font_substitutes(document) -> None:  # noqa: ANN001
    """Font-table entries with altName and the GB2312 charset, so a PC without 仿宋_GB2312 uses 仿宋."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            root = etree.fromstring(part.blob)
            for name, alt in ALT_NAMES.items():
                font = etree.SubElement(root, qn("w:font"))
                font.set(qn("w:name"), name)
                for tag, value in (("w:altName", alt), ("w:charset", "86"), ("w:family", "auto"),
                                   ("w:pitch", "variable")):
                    etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_table_grid(table: Table, widths: list[Length]) -> None:
    """Fixed layout + gridCol + tblW: Word reads tcW/tblW, WPS reads gridCol, LibreOffice needs gridCol."""
    table.autofit = False
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = width
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))
    tbl_w.set(qn("w:type"), "dxa")
    _cell_margins(tbl_pr, Mm(CELL_PADDING_MM / 2))


def _cell_margins(tbl_pr, side: Length) -> None:  # noqa: ANN001 - CT_TblPr
    """Left/right cell margins as the Excel and PDF renderers assume, so texts wrap alike everywhere."""
    margins = tbl_pr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for tag in ("w:left", "w:right"):
        element = OxmlElement(tag)
        element.set(qn("w:w"), str(side.twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)


def set_cell_width(tc, widths: list[Length]) -> None:  # noqa: ANN001 - CT_Tc
    """tcW on every cell; a horizontally merged cell is as wide as the grid columns it spans."""
    start = tc.grid_offset
    span = tc.grid_span
    tc.width = Length(sum(widths[start:start + span]))


def set_row_flags(row: _Row, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flags = ["w:cantSplit"] + (["w:tblHeader"] if header else [])
    for tag in flags:
        if tr_pr.find(qn(tag)) is None:
            element = OxmlElement(tag)
            element.set(qn("w:val"), "true")
            tr_pr.append(element)
    children = sorted(tr_pr, key=lambda el: _trpr_rank(el.tag))
    for child in children:
        tr_pr.append(child)  # re-appending moves each child into schema order


def _trpr_rank(tag: str) -> int:
    for rank, name in enumerate(_TRPR_ORDER):
        if qn(name) == tag:
            return rank
    return len(_TRPR_ORDER)


def page_number_paragraph(paragraph: Paragraph, *, odd: bool, role: FontRole) -> None:
    """"— N —" with a PAGE field; odd pages right, even pages left, one character in from the edge (§7.5)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    indent = Pt(role.size_pt)
    if odd:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    for text in ("— ",):
        set_run_font(paragraph.add_run(text), role)
    _field(paragraph, "PAGE", "1", role)
    set_run_font(paragraph.add_run(" —"), role)


def _field(paragraph: Paragraph, instruction: str, cached: str, role: FontRole) -> None:
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        set_run_font(run, role)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        elif kind == "text":
            run.text = cached
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
