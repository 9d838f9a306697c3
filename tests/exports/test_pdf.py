"""The app's own PDF: pages, size, embedded CJK fonts, header repeated, page numbers, a true text layer."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.pdf import render_pdf, render_pdf_report
from tests.exports.text_check import RADICALS, column_streams, every_cell_in_order, flat, pdf_text, typed_text


def _pdf(tool: str, path: Path, *args: str) -> str:
    return subprocess.run([tool, *args, str(path)], check=True, capture_output=True, text=True).stdout


# Under a Chinese default locale Qt sets "—" in the CJK font, whose glyph other dashes share.
_DASHES = re.compile("[\u2010-\u2015\u2e3a\uff0d]")


def _text(path: Path, *pages: int) -> str:
    """The PDF's text without spaces, exactly as extracted (no normalisation: the text layer must be true)."""
    raw = pdf_text(path, first=pages[0], last=pages[-1]) if pages else pdf_text(path)
    return _DASHES.sub("—", flat(raw))


def _page_size(info: str) -> tuple[int, int]:
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    return round(float(match.group(1))), round(float(match.group(2)))


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory, plan_layout: FormLayout, qapp) -> tuple[Path, int]:  # noqa: ANN001
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    return path, render_pdf(plan_layout, path)


def test_page_count_and_a4_landscape(plan_pdf: tuple[Path, int]) -> None:
    path, pages = plan_pdf
    info = _pdf("pdfinfo", path)
    assert f"Pages:           {pages}" in info and pages > 5
    assert _page_size(info) == (842, 595)  # A4 landscape, in points


def test_chinese_fonts_are_embedded(plan_pdf: tuple[Path, int]) -> None:
    lines = _pdf("pdffonts", plan_pdf[0]).splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines)  # the "emb" column
    assert any("CJK" in line for line in lines)


def test_label_title_on_page_one_header_on_every_page(plan_pdf: tuple[Path, int]) -> None:
    path, pages = plan_pdf
    first = _text(path, 1)
    expected = ("附表1", "市发改委市《政府工作报告》办理方案", "单位：市发改委", "主要负责人(签字)：李明")
    assert all(s in first for s in expected)
    for page in (2, pages):
        text = _text(path, page)
        assert "具体工作内容" in text and "责任事项" in text
        assert f"—{page}—" in text
        assert "办理方案" not in text  # the title is printed once


def test_every_cell_printed_whole_and_in_order(plan_pdf: tuple[Path, int], plan_layout: FormLayout) -> None:
    assert every_cell_in_order(plan_pdf[0], plan_layout) == []
    assert "=SUM(A1)" in _text(plan_pdf[0])


@pytest.mark.parametrize("name", ["plan_layout", "progress_layout"])
def test_searching_finds_every_typed_word(tmp_path: Path, name: str, request: pytest.FixtureRequest, qapp) -> None:  # noqa: ANN001
    """Qt alone writes ⼯ ⽅ ⼈ ⻔ for 工 方 人 门 (one glyph, the lowest code point wins): searching 附表3 for 工作
    found 0 of 48. Counted column by column (pdftotext's reading order may run a line into the next column)."""
    layout = request.getfixturevalue(name)
    pages = render_pdf(layout, tmp_path / "form.pdf")
    assert not RADICALS.findall(pdf_text(tmp_path / "form.pdf"))
    text, typed = "".join(column_streams(tmp_path / "form.pdf", layout)), flat(typed_text(layout))
    header = flat("".join(layout.headers))  # repeated on every page
    in_drawing_order = flat(subprocess.run(["pdftotext", "-raw", str(tmp_path / "form.pdf"), "-"], check=True,
                                           capture_output=True, text=True).stdout)  # each cell's lines together
    for word in ("工作", "方案", "人民", "部门"):
        expected = typed.count(word) + (pages - 1) * header.count(word)
        assert text.count(word) == in_drawing_order.count(word) == expected, word
    assert typed.count("工作") >= 40


def test_characters_beyond_the_bmp_and_shaped_glyphs_keep_their_text(tmp_path: Path, progress_layout: FormLayout,
                                                                     qapp) -> None:  # noqa: ANN001
    """𠮷 (U+20BB7) is in Noto CJK but beyond the BMP, "ffi"/"fi" are ligatures (one glyph for several
    characters, inside a run and ending one): Qt's own map leaves them out or names ﬁ."""
    texts = ("𠮷野家 工作方案", "office 第1期 fi")
    first, second = (replace(progress_layout.rows[i + 1], cells=(*progress_layout.rows[i + 1].cells[:2], text))
                     for i, text in enumerate(texts))
    layout = replace(progress_layout, rows=(first, second), merges=())
    pages, report = render_pdf_report(layout, tmp_path / "wide.pdf")
    assert report.complete and report.fixed > 0
    assert all(flat(text) in _text(tmp_path / "wide.pdf") for text in texts)


def test_contacts_pdf_is_portrait_with_office_contacts(tmp_path: Path, contacts_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    path = tmp_path / "c.pdf"
    assert render_pdf(contacts_layout, path) == 1
    assert _page_size(_pdf("pdfinfo", path)) == (595, 842)
    text = _text(path)
    assert "市政府督查室联系人" in text and "13627297755" in text and "13800000001" in text


def test_only_the_page_being_painted_holds_laid_out_texts(tmp_path: Path, plan_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    """Every cell is measured for the pagination and let go; its text is laid out again on the page that
    shows it, and a page's texts are dropped when the next page starts (a 2,000-row form held ~50 MB)."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    from gwr_desktop.exports import pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "held.pdf"))
    pdf.configure_printer(printer, plan_layout)
    painter = QPainter()
    assert painter.begin(printer)
    try:
        form = pdf._FormPainter(painter, printer.resolution(), plan_layout, None)
        assert form.texts and all(isinstance(text, pdf._Measured) for text in form.texts)  # no layout kept
        pages = form.plan_pages()
        assert len(pages) > 1
        for number, page in enumerate(pages, start=1):
            if number > 1:
                printer.newPage()
            form.paint_page(page, number)
            assert {flow for flow, _ in form._on_page} <= {piece.flow for piece in page.pieces}
    finally:
        painter.end()
