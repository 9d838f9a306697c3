"""The long-text fixture (22 items, cells of up to 3,000 characters) in every format: pdftotext of the app's PDF
and of the .docx and .xlsx rendered by LibreOffice holds every typed character of every cell, in order.

LibreOffice is slow on two cores: every Office file of this module is converted in one `soffice` run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.docx_render import render_docx
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.pdf import render_pdf_report
from gwr_desktop.exports.xlsx_render import render_xlsx
from tests.exports import long_text
from tests.exports.conftest import layout_of
from tests.exports.text_check import RADICALS, every_cell_in_order, pages_of, pdf_text, words_by_page

FONTS_CONF = Path(__file__).resolve().parents[2] / "docs" / "exports" / "fonts.conf"


@pytest.fixture(scope="module")
def long_layouts() -> dict[str, FormLayout]:
    return {"plan": layout_of(FormKind.PLAN, long_text.plan_content()),
            "progress": layout_of(FormKind.PROGRESS, long_text.progress_content())}


def test_fixture_is_long(long_layouts: dict[str, FormLayout]) -> None:
    for layout in long_layouts.values():
        longest = max(len(text) for row in layout.rows for text in row.cells)
        items = len({row.group for row in layout.rows if not row.heading})
        assert longest >= long_text.LONGEST and items >= 20
        assert any("\n" in text and "https://" in text for row in layout.rows for text in row.cells)


@pytest.mark.parametrize("kind", ["plan", "progress"])
def test_app_pdf_prints_every_character(tmp_path: Path, long_layouts: dict[str, FormLayout], kind: str,
                                        qapp) -> None:  # noqa: ANN001
    layout = long_layouts[kind]
    path = tmp_path / f"{kind}.pdf"
    pages, report = render_pdf_report(layout, path)
    assert report.complete and pages == pages_of(path) > 20
    assert every_cell_in_order(path, layout) == []
    assert not RADICALS.findall(pdf_text(path))  # (searching: test_pdf; here a word may straddle a page break)
    _nothing_below_the_table_but_the_page_number(path, layout)


def _nothing_below_the_table_but_the_page_number(path: Path, layout: FormLayout) -> None:
    """The table ends inside the 版心 on every page: below it stands only "— N —" (it was drawn over rows)."""
    bottom_pt = (layout.page.height_mm - layout.page.margins.bottom) * 72 / 25.4
    for number, words in enumerate(words_by_page(path), start=1):
        below = "".join(w[4] for w in words if w[3] > bottom_pt + 0.5)
        assert below.replace("—", "").replace("－", "") == str(number), (number, below)


def soffice_to_pdf(files: list[Path], out: Path) -> list[Path]:
    """Convert Office files to PDF in one LibreOffice run, with a private profile (others may run soffice too)
    and 仿宋_GB2312/方正小标宋简体/黑体 mapped to Noto CJK, the fallback fonts of a 信创 PC."""
    profile = out / "lo-profile"
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True, env=env, timeout=900)
    return [out / (f.stem + ".pdf") for f in files]


@pytest.fixture(scope="module")
def office_pdfs(tmp_path_factory: pytest.TempPathFactory, long_layouts: dict[str, FormLayout]) -> dict[str, Path]:
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) missing: run tools/setup_system.sh")
    folder = tmp_path_factory.mktemp("lo")
    files = {}
    for kind, layout in long_layouts.items():
        render_docx(layout, str(folder / f"{kind}-docx.docx"))
        render_xlsx(layout, str(folder / f"{kind}-xlsx.xlsx"))
        files[f"{kind}-docx"], files[f"{kind}-xlsx"] = folder / f"{kind}-docx.docx", folder / f"{kind}-xlsx.xlsx"
    pdfs = soffice_to_pdf(list(files.values()), folder)
    return dict(zip(files, pdfs, strict=True))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["plan-docx", "plan-xlsx", "progress-docx", "progress-xlsx"])
def test_office_files_print_every_character_in_libreoffice(office_pdfs: dict[str, Path],
                                                           long_layouts: dict[str, FormLayout], name: str) -> None:
    layout = long_layouts[name.split("-")[0]]
    assert every_cell_in_order(office_pdfs[name], layout) == []
