"""Document readers: a plan file (.txt, .docx, .xlsx, .pdf) → its lines, bounded in memory and time.

The file's content decides how it is read, not its name: an old Word/WPS file (OLE2), an RTF or a PDF
named .docx is recognised and refused with what to do instead.
"""

from __future__ import annotations

from pathlib import Path

from gwr_desktop.domain.reading.document import ReadNote, SourceDocument, SourceLine
from gwr_desktop.domain.reading.errors import LimitExceeded, PlanSourceError
from gwr_desktop.domain.reading.limits import DEFAULT_LIMITS, MB, Limits

__all__ = ["DEFAULT_LIMITS", "LimitExceeded", "Limits", "PlanSourceError", "ReadNote", "SourceDocument",
           "SourceLine", "read_document"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
_OFFICE_NAMES = {".doc": "Word 97-2003（.doc）", ".wps": "WPS 文字（.wps）", ".docx": "Word", ".et": "WPS 表格（.et）",
                 ".xls": "Excel 97-2003（.xls）", ".xlsx": "Excel"}


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    path = Path(path)
    data = read_file_bytes(path, limits)
    suffix = path.suffix.lower()
    if data.startswith(_OLE2):
        raise PlanSourceError(_ole2_message(path, data))
    if data.startswith(b"%PDF") or (b"%PDF-" in data[:1024] and suffix == ".pdf"):
        if suffix in (".docx", ".doc", ".wps", ".xlsx", ".txt"):
            raise PlanSourceError(f"文件名是 {suffix}，但内容是 PDF：{path.name}。请把扩展名改为 .pdf 后再导入。")
        from gwr_desktop.domain.reading.pdf_reader import read_pdf
        return read_pdf(path, data, limits)
    if data.startswith(_ZIP):
        return _read_package(path, data, limits)
    if data.lstrip()[:5].lower() == b"{\\rtf":
        raise PlanSourceError(f"文件是 RTF 格式，不能直接导入：{path.name}。"
            "请在 WPS 或 Word 中打开后另存为 .docx 再导入。")
    if suffix in (".docx", ".xlsx", ".pdf", ".doc", ".wps", ".xls", ".et"):
        raise PlanSourceError(f"文件已损坏或不是有效的 {suffix} 文件：{path.name}。"
            "请在 WPS 或 Word 中打开后另存为 .docx 再导入。")
    from gwr_desktop.domain.reading.text_file import read_text_file
    return read_text_file(path, data, limits)


def read_file_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, at most `limits.file_bytes` (it may grow while read); PlanSourceError/LimitExceeded with
    the reason otherwise. Returned forms read theirs here too (domain/returns/package.py rewords the message)."""
    try:
        if not path.exists():
            raise PlanSourceError(f"找不到方案文件：{path}")
        if not path.is_file():
            raise PlanSourceError(f"不是普通文件，无法作为方案导入：{path}")
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise LimitExceeded(f"方案文件过大（{size / MB:.0f}MB，"
                f"超过{limits.file_bytes // MB}MB），不像一份责任分解方案：{path.name}")
        if size == 0:
            raise PlanSourceError(f"方案文件是空的（0 字节）：{path.name}")
        with path.open("rb") as stream:
            data = stream.read(limits.file_bytes + 1)  # the file may grow while we read it
    except PermissionError as error:
        raise PlanSourceError(f"没有权限读取方案文件：{path.name}") from error
    except OSError as error:
        raise PlanSourceError(f"无法读取方案文件：{path.name}（{error.strerror or '读取失败'}）") from error
    if len(data) > limits.file_bytes:
        raise LimitExceeded(f"方案文件过大（超过{limits.file_bytes // MB}MB），不像一份责任分解方案：{path.name}")
    return data


def _ole2_message(path: Path, data: bytes) -> str:
    if _ENCRYPTED_OOXML in data[:1 << 20]:
        return f"文件设有打开密码（已加密），无法读取：{path.name}。请在 WPS 或 Word 中取消密码后另存为 .docx，再导入。"
    kind = _OFFICE_NAMES.get(path.suffix.lower(), "旧版 Office/WPS")
    return (f"不支持{kind}格式：{path.name}。请在 WPS 或 Word 中打开，选择“另存为”→“Word 文档（*.docx）”"
            "（表格另存为 .xlsx），再导入。")


def _read_package(path: Path, data: bytes, limits: Limits) -> SourceDocument:
    from gwr_desktop.domain.reading.safe_zip import SafeZip

    names = SafeZip(path, data, limits, "Office").names
    if "word/document.xml" in names or path.suffix.lower() == ".docx" and "xl/workbook.xml" not in names:
        from gwr_desktop.domain.reading.docx_reader import read_docx
        return read_docx(path, data, limits)
    if "xl/workbook.xml" in names:
        from gwr_desktop.domain.reading.xlsx_reader import read_xlsx
        return read_xlsx(path, data, limits)
    raise PlanSourceError("压缩文件中既不是 Word 文档也不是 Excel 工作簿，无法导入："
        f"{path.name}。请导入 .docx、.xlsx、.pdf 或 .txt 文件。")
