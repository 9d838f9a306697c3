"""Exported .docx files reopened and checked: layout, table XML, fonts, page setup and manifest."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from gwr_desktop.exports.docx_render import render_docx
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.manifest import read_manifest
from tests.exports import samples


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory: pytest.TempPathFactory, plan_layout: FormLayout) -> Path:
    path = tmp_path_factory.mktemp("docx") / "plan.docx"
    render_docx(plan_layout, str(path))
    return path


def _mm(length: int) -> float:
    return round(length / 36000, 1)  # EMU → mm; twips rounding is far below 0.1 mm


def _texts(cell) -> str:  # noqa: ANN001
    return "\n".join(p.text for p in cell.paragraphs)


def test_label_title_and_header_line(plan_docx: Path) -> None:
    paragraphs = [p.text for p in Document(str(plan_docx)).paragraphs]
    assert paragraphs[:3] == ["附表1", "市发改委市《政府工作报告》办理方案", "单位：市发改委\t主要负责人(签字)：李明"]


def test_headers_and_cell_texts(plan_docx: Path, plan_layout: FormLayout) -> None:
    table = Document(str(plan_docx)).tables[0]
    assert [_texts(c) for c in table.rows[0].cells] == list(plan_layout.headers)
    assert len(table.rows) == 1 + len(plan_layout.rows)
    assert _texts(table.cell(1, 0)) == "一、经济社会发展主要预期目标"
    row = [_texts(c) for c in table.rows[2].cells]
    assert row[0] == "(一)" and row[1] == "地区生产总值增长6.5%以上。" and row[3] == "3月"
    assert row[4] == "张建国副主任\n综合处、投资处"
    formula_rows = [r for r in table.rows if any(_texts(c) == "1." + samples.FORMULA for c in r.cells)]
    assert len(formula_rows) == 1  # kept verbatim as text


def test_merges_span_an_items_work_rows(plan_docx: Path, plan_layout: FormLayout) -> None:
    table = Document(str(plan_docx)).tables[0]
    grid, width = table._cells, len(plan_layout.columns)
    for span in plan_layout.merges:
        top = grid[(span.first + 1) * width + span.column]._tc
        assert top.vMerge == "restart"
        for row in range(span.first + 2, span.last + 2):
            assert grid[row * width + span.column]._tc is top  # vMerge continuations resolve to the top cell
    heading_tc = grid[width]._tc
    assert heading_tc.grid_span == len(plan_layout.columns)


def test_header_row_repeats_and_rows_that_fit_never_split(plan_docx: Path) -> None:
    rows = Document(str(plan_docx)).tables[0]._tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(tr.trPr.find(qn("w:tblHeader")) is None for tr in rows[1:])
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)


def test_rows_taller_than_a_page_may_split_top_aligned(tmp_path: Path) -> None:
    """A cantSplit row taller than a page has nowhere to go: LibreOffice ran it into the footer and lost lines."""
    from gwr_desktop.domain.plan import FormKind
    from gwr_desktop.exports.docx_table import page_room_pt, row_heights_pt
    from gwr_desktop.exports.fonts import font_set
    from tests.exports import long_text
    from tests.exports.conftest import layout_of

    layout = layout_of(FormKind.PROGRESS, long_text.progress_content())
    render_docx(layout, str(tmp_path / "long.docx"))
    rows = Document(str(tmp_path / "long.docx")).tables[0]._tbl.tr_lst[1:]
    heights, room = row_heights_pt(layout, font_set()), page_room_pt(layout, font_set())
    split = [i for i, tr in enumerate(rows) if tr.trPr.find(qn("w:cantSplit")) is None]
    assert split and all(heights[i] > room * 0.5 for i in split)
    assert all(heights[i] <= room for i, tr in enumerate(rows) if i not in split)
    for i in split:
        aligns = {tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) for tc in rows[i].tc_lst}
        assert aligns == {"top"}


def test_fixed_widths_on_grid_and_every_cell(plan_docx: Path, plan_layout: FormLayout) -> None:
    tbl = Document(str(plan_docx)).tables[0]._tbl
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    expected = [c.width_mm for c in plan_layout.columns]
    assert [_mm(g.w) for g in tbl.tblGrid.gridCol_lst] == expected
    for tc in tbl.iter_tcs():
        assert _mm(tc.width) == sum(expected[tc.grid_offset:tc.grid_offset + tc.grid_span])


def test_a4_landscape_with_gbt_margins(plan_docx: Path, tmp_path: Path, contacts_layout: FormLayout) -> None:
    section = Document(str(plan_docx)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (_mm(section.page_width), _mm(section.page_height)) == (297, 210)
    assert [_mm(m) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                             section.right_margin)] == [28, 26, 35, 37]
    portrait = tmp_path / "contacts.docx"
    render_docx(contacts_layout, str(portrait))
    section = Document(str(portrait)).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
    assert [_mm(m) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                             section.right_margin)] == [37, 35, 28, 26]


def test_east_asian_fonts_everywhere(plan_docx: Path) -> None:
    document = Document(str(plan_docx))
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = defaults.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and rfonts.get(qn("w:eastAsiaTheme")) is None
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    assert theme_lang.get(qn("w:eastAsia")) == "zh-CN"
    body = document.element.body
    runs = [r for r in body.iter(qn("w:r")) if r.find(qn("w:t")) is not None and r.find(qn("w:t")).text]
    assert runs and all(r.rPr.rFonts.get(qn("w:eastAsia")) for r in runs)
    label, title = document.paragraphs[0].runs[0], document.paragraphs[1].runs[0]
    assert label._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体" and label.font.size.pt == 16
    assert title._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体" and title.font.size.pt == 22
    header_run = document.tables[0].cell(0, 0).paragraphs[0].runs[0]
    assert header_run._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"


def test_font_table_names_substitutes(plan_docx: Path) -> None:
    document = Document(str(plan_docx))
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    assert "仿宋_GB2312" in part.blob.decode() and 'w:altName w:val="仿宋"' in part.blob.decode()


def test_page_numbers_odd_right_even_left(plan_docx: Path) -> None:
    document = Document(str(plan_docx))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
        assert footer.paragraphs[0].alignment.name.lower() == align


def test_notes_under_tables(tmp_path: Path, contacts_layout: FormLayout, progress_layout: FormLayout) -> None:
    render_docx(contacts_layout, str(tmp_path / "c.docx"))
    texts = [p.text for p in Document(str(tmp_path / "c.docx")).paragraphs]
    assert any(t.startswith("市政府督查室联系人：徐小生 82826016 13627297755") and "王璐" in t for t in texts)
    render_docx(progress_layout, str(tmp_path / "p.docx"))
    texts = [p.text for p in Document(str(tmp_path / "p.docx")).paragraphs]
    assert texts[-1].startswith("备注：为便于统计")


def test_manifest_reads_back(plan_docx: Path, plan_layout: FormLayout) -> None:
    assert read_manifest(plan_docx) == plan_layout.manifest
