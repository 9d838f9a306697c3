"""Low-level WordprocessingML the python-docx API does not cover: East-Asian fonts, the PAGE field and the font
table's substitutes (the body table's markup is in docx_table)."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from gwr_desktop.exports.fonts import ALT_NAMES, PANOSE, FontRole, FontSet

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


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


def apply_east_asian_defaults(document, roles: FontSet) -> None:  # noqa: ANN001 - docx.Document
    """docDefaults, Normal and Table Grid name the body font with w:eastAsia; zh-CN as East-Asian language."""
    body = roles.table_body
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
    _add_font_substitutes(document, roles)


def font_substitutes(roles: FontSet) -> dict[str, str]:
    """Each family the document names → the substitute Word/WPS should take when it is missing: the known
    Windows name (仿宋_GB2312 → 仿宋), else the next family of the role's chain."""
    result: dict[str, str] = {}
    for role in roles.all():
        result.setdefault(role.family, ALT_NAMES.get(role.family) or (role.fallbacks[0] if role.fallbacks else ""))
    return {name: alt for name, alt in result.items() if alt}


def _add_font_substitutes(document, roles: FontSet) -> None:  # noqa: ANN001
    """Font-table entries with altName, PANOSE and the GB2312 charset, so a PC without 仿宋_GB2312 uses 仿宋."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            root = etree.fromstring(part.blob)
            for name, alt in font_substitutes(roles).items():
                font = etree.SubElement(root, qn("w:font"))
                font.set(qn("w:name"), name)
                entries = [("w:altName", alt), ("w:panose1", PANOSE.get(name, "")), ("w:charset", "86"),
                           ("w:family", "auto"), ("w:pitch", "variable")]
                for tag, value in entries:
                    if value:
                        etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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
