"""The body table's markup is what python-docx itself would write for the same runs and cells."""

from __future__ import annotations

from dataclasses import replace

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports import fonts
from gwr_desktop.exports.docx_table import keep_next_rows, run_xml, table_element
from gwr_desktop.exports.docx_xml import set_run_font
from gwr_desktop.exports.layout import FormLayout
from tests.exports.conftest import layout_of


def _canonical(element) -> tuple:  # noqa: ANN001 - an lxml element
    """Tag, attributes, text and children: the content, whatever namespace declarations the root carries."""
    return (element.tag, sorted(element.attrib.items()), element.text, [_canonical(child) for child in element])


@pytest.mark.parametrize("text", ["普通文字", "", " 前后空格 ", "a\tb", "行一\r行二", "<&>\"'", "\u3000全角空格", "\t"])
def test_run_markup_matches_python_docx(text: str) -> None:
    paragraph = Document().add_paragraph()
    run = paragraph.add_run(text)
    set_run_font(run, fonts.TABLE_BODY.sized(10.5))
    ours = parse_xml(run_xml(text, fonts.TABLE_BODY.sized(10.5)).replace("<w:r>", f"<w:r {nsdecls('w')}>", 1))
    assert _canonical(ours) == _canonical(run._r)


def test_bold_role_gets_w_b_between_fonts_and_size() -> None:
    run = parse_xml(run_xml("粗", fonts.TABLE_HEAD.__class__("黑体", (), 12, bold=True)).replace(
        "<w:r>", f"<w:r {nsdecls('w')}>", 1))
    assert [child.tag for child in run.find(qn("w:rPr"))] == [qn("w:rFonts"), qn("w:b"), qn("w:sz")]


def test_table_rows_cells_and_merges(plan_layout: FormLayout) -> None:
    tbl = table_element(plan_layout, "TableGrid")
    rows = tbl.findall(qn("w:tr"))
    assert len(rows) == 1 + len(plan_layout.rows)
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
    span = plan_layout.merges[0]
    first = rows[span.first + 1].findall(qn("w:tc"))[span.column]
    below = rows[span.first + 2].findall(qn("w:tc"))[span.column]
    assert first.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}").get(qn("w:val")) == "restart"
    assert below.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}").get(qn("w:val")) is None  # "continue" by default


def test_keep_next_marks_rows_whose_item_continues() -> None:
    layout = layout_of(FormKind.PLAN)
    keep = keep_next_rows(layout)
    for index, row in enumerate(layout.rows[:-1]):
        following = layout.rows[index + 1]
        if row.heading:
            assert index in keep
        elif row.group != following.group:
            assert index not in keep
    assert len(layout.rows) - 1 not in keep


def test_a_character_xml_cannot_carry_is_a_value_error_as_with_python_docx() -> None:
    layout = layout_of(FormKind.PLAN)
    bad = replace(layout, rows=(replace(layout.rows[1], cells=("\x01",) + layout.rows[1].cells[1:]),))
    with pytest.raises(ValueError, match="XML compatible"):
        table_element(replace(bad, merges=()), "TableGrid")


def test_the_streamed_table_in_the_file_is_the_parsed_table(tmp_path, plan_layout: FormLayout) -> None:  # noqa: ANN001
    """render_docx streams the table's markup into word/document.xml row by row instead of holding it as a
    tree: the file's table is exactly the one table_element builds, in the body's place before sectPr."""
    from gwr_desktop.exports.docx_render import render_docx

    render_docx(plan_layout, str(tmp_path / "f.docx"))
    document = Document(str(tmp_path / "f.docx"))
    body = document.element.body
    tables = body.findall(qn("w:tbl"))
    assert len(tables) == 1 and body[-1].tag == qn("w:sectPr") and body[-2] is tables[0]
    style = tables[0].find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}").get(qn("w:val"))
    assert _canonical(tables[0]) == _canonical(table_element(plan_layout, style))
    assert len(document.tables[0].rows) == 1 + len(plan_layout.rows)


def test_a_character_xml_cannot_carry_stops_the_streamed_file_too(tmp_path) -> None:  # noqa: ANN001
    from gwr_desktop.exports.docx_render import render_docx

    layout = layout_of(FormKind.PLAN)
    bad = replace(layout, rows=layout.rows[:1] + (replace(layout.rows[1], cells=("\x01",) + layout.rows[1].cells[1:]),),
                  merges=())
    with pytest.raises(ValueError, match="XML compatible"):
        render_docx(bad, str(tmp_path / "bad.docx"))
    assert not (tmp_path / "bad.docx").exists()  # nothing cut off left behind
