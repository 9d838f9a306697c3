"""Word (.docx) rendering of a FormLayout, in the official layout, for Word and WPS alike.

Why the raw XML: python-docx writes no w:eastAsia font, no repeated header rows, no cantSplit, no page-number
field and no custom properties; Word and WPS each read different width attributes, so all of them are set.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import IO
from zipfile import ZIP_DEFLATED, ZipFile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from gwr_desktop.exports.docx_table import checked_table_chunks
from gwr_desktop.exports.docx_xml import apply_east_asian_defaults, page_number_paragraph, set_run_font
from gwr_desktop.exports.fonts import FontRole, FontSet, font_set
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.manifest import CUSTOM_CONTENT_TYPE, custom_properties_xml
from gwr_desktop.exports.page_parts import DRAFT_MARK, balanced_title, second_field_fraction

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
DOCUMENT_PART = "word/document.xml"
TABLE_PLACEHOLDER = b"<w:tbl/>"  # how lxml writes the empty w:tbl that _table puts in the body
CORE_PROPERTY_LIMIT = 255  # python-docx (and Word) refuse a longer title or subject


def render_docx(layout: FormLayout, target: str | IO[bytes]) -> None:
    """Write the form as .docx to a path or a binary stream.

    The body table is not built as a tree: the document is saved with a placeholder where the table goes,
    then its parts are copied into the target with the table's markup streamed in row by row (docx_table),
    so a 2,000-row form never holds its whole table in memory, parsed or as text."""
    document = Document()
    roles = font_set(layout.fonts)
    apply_east_asian_defaults(document, roles)
    _page_setup(document, layout, roles)
    _heading_block(document, layout, roles)
    _table(document)
    for note in layout.notes:
        _paragraph(document, note, roles.note, space_before=6)
    _attach_manifest(document, layout)
    document.core_properties.title = _limited(layout.title)
    document.core_properties.subject = _limited(layout.label)
    document.core_properties.author = ""
    document.core_properties.language = "zh-CN"
    skeleton = BytesIO()
    document.save(skeleton)
    try:
        _stream_with_table(skeleton, checked_table_chunks(layout, document.styles["Table Grid"].style_id), target)
    except BaseException:
        if isinstance(target, str):  # a text XML cannot carry shows only mid-stream: leave no cut-off file
            Path(target).unlink(missing_ok=True)
        raise


def docx_bytes(layout: FormLayout) -> bytes:
    buffer = BytesIO()
    render_docx(layout, buffer)
    return buffer.getvalue()


def _limited(text: str) -> str:
    """A document property within Word's 255 characters (the page itself prints the whole title)."""
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[:CORE_PROPERTY_LIMIT - 1] + "…"


def _page_setup(document, layout: FormLayout, roles: FontSet) -> None:  # noqa: ANN001 - docx.Document
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
    page_number_paragraph(section.footer.paragraphs[0], odd=True, role=roles.page_number)
    page_number_paragraph(section.even_page_footer.paragraphs[0], odd=False, role=roles.page_number)
    if layout.draft:  # 草稿 at the top of every page, odd and even alike
        for header in (section.header, section.even_page_header):
            paragraph = header.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(DRAFT_MARK)
            set_run_font(run, roles.draft_mark)
            run.font.color.rgb = RGBColor(0x6E, 0x6E, 0x6E)


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


def _heading_block(document, layout: FormLayout, roles: FontSet) -> None:  # noqa: ANN001
    label = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    set_run_font(label.add_run(layout.label), roles.label)
    title, size = balanced_title(layout.title, layout.page.content_width_mm, roles.title.size_pt)
    _paragraph(document, title, roles.title.sized(size), align="center", space_before=12, space_after=12)
    if not layout.header_fields:
        return
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(6)
    stop = Mm(layout.page.content_width_mm * second_field_fraction(layout))
    paragraph.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.LEFT)
    for index, (label_text, value) in enumerate(layout.header_fields):
        text = ("\t" if index else "") + label_text + value
        set_run_font(paragraph.add_run(text), roles.fields)


def _table(document) -> None:  # noqa: ANN001
    """Where add_table would put the body table: an empty w:tbl, replaced by the table when the parts are
    copied (_stream_with_table)."""
    document.element.body.sectPr.addprevious(OxmlElement("w:tbl"))


def _stream_with_table(skeleton: BytesIO, table: Iterator[bytes], target: str | IO[bytes]) -> None:
    """Copy the saved package into target, part by part in the same order, with the table's markup written
    in place of the placeholder in word/document.xml."""
    with ZipFile(skeleton) as source, ZipFile(target, "w", ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != DOCUMENT_PART:
                package.writestr(info, data)
                continue
            before, placeholder, after = data.partition(TABLE_PLACEHOLDER)
            if not placeholder or TABLE_PLACEHOLDER in after:
                raise RuntimeError("the body table's place was not found exactly once in word/document.xml")
            with package.open(info, "w") as stream:
                stream.write(before)
                for chunk in table:
                    stream.write(chunk)
                stream.write(after)


def _attach_manifest(document, layout: FormLayout) -> None:  # noqa: ANN001
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CONTENT_TYPE, custom_properties_xml(layout.manifest),
                package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)

