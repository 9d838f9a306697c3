"""A returned file opened safely: its bytes read once (bounded), recognised by content, its zip opened through
domain/reading's SafeZip (members measured while inflating, XML without entities).

Only the app's own formats come back with data in them: .docx and .xlsx. Anything else — an old .doc/.xls/.wps,
a PDF or a scan, an encrypted or damaged file, a zip bomb — gets a Chinese reason and is set aside.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from gwr_desktop.domain.reading import read_file_bytes
from gwr_desktop.domain.reading.errors import PlanSourceError
from gwr_desktop.domain.reading.limits import MB, Limits
from gwr_desktop.domain.reading.safe_zip import SafeZip

# A form of ~300 items is ~1 MB of XML; these leave an order of magnitude and stop a hostile file early.
RETURN_LIMITS = Limits(file_bytes=20 * MB, text_file_bytes=1 * MB, member_bytes=24 * MB, total_bytes=64 * MB,
                       members=400, paragraphs=100_000, text_chars=4_000_000, columns=64, rows=20_000,
                       cells=400_000, pages=0, seconds=10.0)
SUFFIXES = (".docx", ".xlsx")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


class ReturnFileError(ValueError):
    """The file cannot be read as a returned form; the message says why and what to do, in Chinese."""


@dataclass(frozen=True)
class Package:
    name: str
    format: str  # "docx" | "xlsx"
    zip: SafeZip
    sha256: str  # of the file's bytes: the same file imported twice is recognised
    size: int


def open_package(path: Path, limits: Limits = RETURN_LIMITS) -> Package:
    path = Path(path)
    data = _read(path, limits)
    if data.startswith(_OLE2):
        raise ReturnFileError(f"不支持旧版 Office/WPS 格式（.doc/.xls/.wps/.et）：{path.name}。"
                              "请在 WPS 或 Office 中“另存为” .docx 或 .xlsx 后再导入。")
    if data[:1024].lstrip().startswith(b"%PDF"):
        raise ReturnFileError(f"PDF 文件（多为盖章扫描件）不能读出表格内容：{path.name}。"
                              "请一并发送 Word 或 Excel 文件。")
    if not data.startswith(_ZIP):
        raise ReturnFileError(f"不是 Word（.docx）或 Excel（.xlsx）文件：{path.name}。")
    try:
        archive = SafeZip(path, data, limits, "Office")
    except PlanSourceError as error:
        raise ReturnFileError(readable(error)) from error
    if archive.has("word/document.xml"):
        kind = "docx"
    elif archive.has("xl/workbook.xml"):
        kind = "xlsx"
    else:
        raise ReturnFileError(f"压缩文件中既不是 Word 文档也不是 Excel 工作簿：{path.name}。")
    return Package(path.name, kind, archive, hashlib.sha256(data).hexdigest(), len(data))


def readable(error: PlanSourceError) -> str:
    """A reader's message, worded for a returned form instead of a plan file."""
    return (str(error).replace("一份责任分解方案", "一份报送表格").replace("，无法作为方案导入", "")
            .replace("方案文件", "文件"))


def _read(path: Path, limits: Limits) -> bytes:
    try:
        return read_file_bytes(path, limits)
    except PlanSourceError as error:
        raise ReturnFileError(readable(error)) from error


def candidate_files(folder: Path, limit: int = 2000) -> list[Path]:
    """The .docx/.xlsx files in a folder and its subfolders, in name order (Office's ~$ lock files left out)."""
    found = []
    for path in sorted(Path(folder).rglob("*")):
        if path.suffix.lower() in SUFFIXES and path.is_file() and not path.name.startswith("~$"):
            found.append(path)
            if len(found) >= limit:
                break
    return found
