"""The app's own PDF: pages, size, embedded CJK fonts, header repeated, page numbers, items kept whole."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.pdf import render_pdf
from gwr_desktop.exports.pdf_layout import blocks, paginate


def _pdf(tool: str, path: Path, *args: str) -> str:
    return subprocess.run([tool, *args, str(path)], check=True, capture_output=True, text=True).stdout


# Under a Chinese default locale Qt sets "—" in the CJK font, whose ToUnicode may name another dash.
_DASHES = re.compile("[\u2010-\u2015\u2e3a\uff0d]")


def _text(path: Path, *pages: int) -> str:
    """The PDF's text without spaces; NFKC because Qt's ToUnicode maps some glyphs shared by Noto CJK to the
    Kangxi radicals (⼯ U+2F2F for 工), which copy-paste shows the same but compare differently."""
    args = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    raw = subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True).stdout
    return _DASHES.sub("—", re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)))


def _page_size(info: str) -> tuple[int, int]:
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    return round(float(match.group(1))), round(float(match.group(2)))


def _has(text: str, expected: str) -> bool:
    """expected occurs in the extracted text, an ideograph also matching a radical-block look-alike."""
    flat = _DASHES.sub("—", re.sub(r"\s+", "", unicodedata.normalize("NFKC", expected)))
    pattern = "".join(f"(?:{re.escape(c)}|[\u2e80-\u2fdf])" if "\u4e00" <= c <= "\u9fff" else re.escape(c)
                      for c in flat)
    return re.search(pattern, text) is not None


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
    assert all(_has(first, s) for s in expected)
    for page in (2, pages):
        text = _text(path, page)
        assert _has(text, "具体工作内容") and _has(text, "责任事项")
        assert f"—{page}—" in text
        assert not _has(text, "办理方案")  # the title is printed once


def test_all_items_printed_in_order(plan_pdf: tuple[Path, int], plan_layout: FormLayout) -> None:
    text = _text(plan_pdf[0])
    starts = [row.cells[1][:8] for row in plan_layout.rows if not row.heading and row.cells[1]]
    missing = [start for start in starts if not _has(text, start)]
    assert not missing and len(starts) == 46
    assert "=SUM(A" in text


def test_contacts_pdf_is_portrait_with_office_contacts(tmp_path: Path, contacts_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    path = tmp_path / "c.pdf"
    assert render_pdf(contacts_layout, path) == 1
    assert _page_size(_pdf("pdfinfo", path)) == (595, 842)
    text = _text(path)
    assert _has(text, "市政府督查室联系人") and "13627297755" in text and "13800000001" in text


def test_pagination_keeps_items_whole_and_never_splits_rows(plan_layout: FormLayout) -> None:
    heights = [10.0 + 7 * (i % 4) for i in range(len(plan_layout.rows))]
    pages = paginate(plan_layout, heights, first_page_room=100, page_room=140, note_heights=[])
    placed = [row for page in pages for row in page.rows]
    assert placed == list(range(len(plan_layout.rows)))  # every row once, in order
    where = {row: n for n, page in enumerate(pages) for row in page.rows}
    for block in blocks(plan_layout):
        if sum(heights[r] for r in block) <= 140:
            assert len({where[r] for r in block}) == 1, block
    for n, page in enumerate(pages):
        room = 100 if n == 0 else 140
        assert sum(heights[r] for r in page.rows) <= room or len(page.rows) == 1


def test_part_heading_goes_with_its_first_item(plan_layout: FormLayout) -> None:
    for block in blocks(plan_layout):
        headings = [r for r in block if plan_layout.rows[r].heading]
        assert headings == block[:len(headings)]
        assert len(block) > len(headings)
