"""Returned files read back: the app's own .docx/.xlsx give exactly the rows it printed (merged cells once,
Excel's continuation rows joined), their manifest's cells digest matches, and an edit after export shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.returns.cells import cells_digest, visible
from gwr_desktop.domain.returns.manifest import manifest_of
from gwr_desktop.domain.returns.package import ReturnFileError, candidate_files, open_package
from gwr_desktop.domain.returns.rows import table_rows
from gwr_desktop.domain.returns.table import read_table
from tests.returns.conftest import HEADER_WORDS, LONG


def read(path: Path):  # noqa: ANN201 - (manifest, TableRows)
    package = open_package(path)
    return manifest_of(package), table_rows(read_table(package), HEADER_WORDS)


@pytest.mark.parametrize("kind", list(FormKind))
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_rows_read_back_are_the_rows_printed(sample_files: dict, kind: FormKind, fmt: str) -> None:
    path, printed = sample_files[(kind, fmt)]
    manifest, table = read(path)
    assert table.rows == printed
    assert manifest is not None and manifest["form"] == kind.value and manifest["unit"] == "市商务局"
    assert manifest["cells"] == cells_digest(table.rows)
    assert any("市商务局" in line for line in table.before)


def test_a_long_text_continued_over_excel_rows_is_joined_exactly(sample_files: dict) -> None:
    path, _ = sample_files[(FormKind.PROGRESS, "xlsx")]
    sheet = openpyxl.load_workbook(path).active
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    marks = [text for text in texts if text.endswith("（续）")]
    assert marks, "the fixture must make Excel continue the long text"
    _, table = read(path)
    assert LONG in [row[2] for row in table.rows]


def _edit_xlsx(path: Path, old: str, new: str) -> None:
    book = openpyxl.load_workbook(path)
    for row in book.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and old in cell.value:
                cell.value = cell.value.replace(old, new)
    book.save(path)


def _edit_docx(path: Path, old: str, new: str) -> None:
    document = docx.Document(str(path))
    for paragraph in (p for row in document.tables[0].rows for cell in row.cells for p in cell.paragraphs):
        for run in paragraph.runs:
            run.text = run.text.replace(old, new)
    document.save(str(path))


@pytest.mark.parametrize("fmt, edit", [("xlsx", _edit_xlsx), ("docx", _edit_docx)])
def test_an_edit_after_export_changes_the_digest_and_keeps_the_manifest(sample_files: dict, tmp_path: Path,
                                                                       fmt: str, edit) -> None:  # noqa: ANN001
    path, _ = sample_files[(FormKind.PROGRESS, fmt)]
    copy = tmp_path / f"edited.{fmt}"
    shutil.copyfile(path, copy)
    edit(copy, "62家", "82家")
    manifest, table = read(copy)
    assert manifest is not None, "the office program keeps the custom properties"
    assert manifest["cells"] != cells_digest(table.rows)
    assert any("82家" in row[2] for row in table.rows)


def test_white_space_rewritten_by_an_office_program_is_no_edit(sample_files: dict, tmp_path: Path) -> None:
    path, printed = sample_files[(FormKind.PROGRESS, "xlsx")]
    copy = tmp_path / "spaces.xlsx"
    shutil.copyfile(path, copy)
    book = openpyxl.load_workbook(copy)
    for row in book.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.value = cell.value.replace("\n", "\r\n") + " "
    book.save(copy)
    manifest, table = read(copy)
    assert manifest["cells"] == cells_digest(table.rows)
    assert [[visible(c) for c in row] for row in table.rows] == [[visible(c) for c in row] for row in printed]


@pytest.mark.parametrize("content, message", [
    (b"", "空的"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版"), (b"%PDF-1.7\n", "PDF"),
    (b"just text", "不是 Word"), (b"PK\x03\x04broken", "损坏"),
])
def test_what_is_not_a_returned_form_gets_a_reason(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(ReturnFileError, match=message):
        open_package(path)


def test_the_folder_listing_takes_office_files_only(tmp_path: Path) -> None:
    for name in ("a.docx", "sub/b.XLSX", "~$a.docx", "c.pdf", "d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in candidate_files(tmp_path)] == ["a.docx", "sub/b.XLSX"]
