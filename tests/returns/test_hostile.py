"""Hostile returned files: each is refused with a reason within seconds and bounded memory, never expanded —
zip bombs, XML entities (in the table and in the manifest), a sheet of 200,000 rows, a merge over a
million rows, a manifest too large to be one."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from gwr_desktop.domain.returns.reading import read_returned
from tests.plan_import import hostile
from tests.returns.conftest import HEADER_WORDS

_XLSX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
               'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
_WORKBOOK = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
             'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="附表3" sheetId="1" '
             'r:id="rId1"/></sheets></workbook>')
_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
         'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
         'Target="worksheets/sheet1.xml"/></Relationships>')


def _xlsx(path: Path, sheet: bytes, custom: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _XLSX_TYPES)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if custom is not None:
            archive.writestr("docProps/custom.xml", custom)
    return path


def _sheet(rows: str, merges: str = "") -> bytes:
    return (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}'
            f'</sheetData>{merges}</worksheet>').encode()


def many_rows(folder: Path) -> Path:
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{n}</t></is></c></row>' for n in range(1, 200_001))
    return _xlsx(folder / "rows.xlsx", _sheet(rows))


def huge_merge(folder: Path) -> Path:
    return _xlsx(folder / "merge.xlsx", _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>',
                                              '<mergeCells><mergeCell ref="A1:BL1048576"/></mergeCells>'))


def manifest_entities(folder: Path) -> Path:
    custom = ('<?xml version="1.0"?><!DOCTYPE Properties [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties">'
              '<property name="gwr.manifest"><lpwstr>&b;</lpwstr></property></Properties>')
    return _xlsx(folder / "custom.xlsx", _sheet(""), custom)


def big_manifest(folder: Path) -> Path:
    custom = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties">'
              f'<property name="gwr.manifest"><lpwstr>{"x" * 2_000_000}</lpwstr></property></Properties>')
    return _xlsx(folder / "bigcustom.xlsx", _sheet(""), custom)


@pytest.mark.parametrize("make, message", [
    (lambda folder: hostile.zip_bomb(folder, 400), "压缩炸弹"),
    (hostile.xml_entities, "实体"),
    (manifest_entities, "实体"),
    (big_manifest, "过大"),
    (many_rows, "行数过多"),
    (huge_merge, "合并单元格"),
])
def test_a_hostile_return_is_set_aside_with_a_reason(tmp_path: Path, make, message: str) -> None:  # noqa: ANN001
    path = make(tmp_path)
    started = time.process_time()
    found = read_returned(path, HEADER_WORDS)
    assert message in found.error, found.error
    assert time.process_time() - started < 10
