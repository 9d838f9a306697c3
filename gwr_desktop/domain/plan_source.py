"""Read a plan document's text from a .txt dump or a .docx whose paragraphs hold that text."""

from __future__ import annotations

import zipfile
from pathlib import Path

_MAX_BYTES = 50 * 1024 * 1024


class PlanSourceError(ValueError):
    """The file cannot be read as a plan document. The message is for the user, in Chinese."""


def read_plan_text(path: Path) -> str:
    if not path.is_file():
        raise PlanSourceError(f"找不到方案文件：{path}")
    if path.stat().st_size > _MAX_BYTES:
        raise PlanSourceError(f"方案文件过大（超过50MB），无法导入：{path.name}")
    if path.suffix.lower() == ".docx":
        return _read_docx(path)
    if path.suffix.lower() == ".doc":
        raise PlanSourceError(f"不支持旧版 Word 格式（.doc）：{path.name}。请在 Word 或 WPS 中另存为 .docx 后再导入。")
    return _read_text(path)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise PlanSourceError(f"文件不是文本文件，无法导入：{path.name}")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanSourceError(f"无法识别文件的文字编码（应为 UTF-8 或 GBK）：{path.name}")


def _read_docx(path: Path) -> str:
    _check_zip(path)
    from docx import Document  # deferred: python-docx is only needed when importing a .docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(str(path))
    except Exception as error:  # python-docx raises several unrelated types for a damaged package
        raise PlanSourceError(f"Word 文件已损坏或不是有效的 .docx：{path.name}（{error}）") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
    return "\n".join(lines)


def _check_zip(path: Path) -> None:
    """Refuse non-zip files and zip bombs before any XML is parsed (formats-and-packaging.md §3.6)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise PlanSourceError(f"Word 文件已损坏或不是有效的 .docx：{path.name}") from error
    total = sum(member.file_size for member in members)
    if len(members) > 2000 or total > 200 * 1024 * 1024:
        raise PlanSourceError(f"Word 文件内容异常（解压后过大），已拒绝导入：{path.name}")
