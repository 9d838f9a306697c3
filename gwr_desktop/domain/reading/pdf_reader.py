"""A PDF with a text layer, read with pypdf (pure Python, BSD licence, ToUnicode maps honoured).

Chosen over pdfminer.six after extracting the same CJK document from both (Noto CJK fonts, subset, with
ToUnicode maps): identical characters, pypdf ~20 % faster and with no dependencies (pdfminer.six needs
cryptography and charset-normalizer), and pdfminer prints unmapped glyphs as "(cid:N)". Page-number lines
("— 3 —") are dropped; a PDF without text (a scan) or with a password is refused with what to do instead.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from gwr_desktop.domain.reading.clean import clean_line
from gwr_desktop.domain.reading.document import SourceDocument, SourceLine, digest_of
from gwr_desktop.domain.reading.errors import LimitExceeded, PlanSourceError
from gwr_desktop.domain.reading.limits import Budget, Limits

_PAGE_NUMBER = re.compile(r"^[\s\-—–－]*\d{1,4}[\s\-—–－]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")
_MIN_TEXT_PER_PAGE = 20


def read_pdf(path: Path, data: bytes, limits: Limits) -> SourceDocument:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as error:  # pragma: no cover - a packaging mistake, not the user's
        raise PlanSourceError("本程序缺少读取 PDF 的组件（pypdf），请导入 Word（.docx）文件。") from error
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd PDFs are not the user's business
    budget = Budget(limits, path.name)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _unlock(reader, path)
        pages = reader.pages
        if len(pages) > limits.pages:
            raise LimitExceeded(f"PDF 页数过多（{len(pages):,}页），不像一份责任分解方案：{path.name}")
        texts = []
        for page in pages:
            texts.append(page.extract_text() or "")
            budget.paragraph(len(texts[-1]))
            budget.check_time()
    except PlanSourceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError,
            ZeroDivisionError, AssertionError, NotImplementedError, UnicodeError) as error:
        raise PlanSourceError(f"PDF 文件已损坏，无法读取：{path.name}。请改用 Word（.docx）文件导入。") from error
    if sum(len(t.strip()) for t in texts) < _MIN_TEXT_PER_PAGE * max(1, len(texts)) / 2:
        raise PlanSourceError(
            f"PDF 中没有可读取的文字（可能是扫描件或图片）：{path.name}。"
            "请向发文单位索取 Word（.docx）文件，或用带文字层的 PDF 导入。")
    return _document(path, data, texts)


def _unlock(reader, path: Path) -> None:  # noqa: ANN001 - pypdf's PdfReader, imported lazily
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")  # permissions-only passwords open with an empty user password
    except Exception as error:  # noqa: BLE001 - pypdf raises several types for unsupported encryption
        raise PlanSourceError(f"PDF 文件已加密，无法读取：{path.name}。"
            "请取消密码后另存，或改用 Word（.docx）文件。") from error
    if not unlocked:
        raise PlanSourceError(f"PDF 文件设有打开密码，无法读取：{path.name}。"
            "请取消密码后另存，或改用 Word（.docx）文件。")


def _document(path: Path, data: bytes, texts: list[str]) -> SourceDocument:
    document = SourceDocument(format="pdf", lines=[], name=path.name, digest=digest_of(data))
    number = 0
    for text in texts:
        for raw in text.splitlines():
            number += 1
            line = clean_line(raw)[0]
            if _PAGE_NUMBER.match(line):
                continue
            document.lines.append(SourceLine(number, line))
        number += 1
        document.lines.append(SourceLine(number, ""))  # a page ends like a blank line in a text dump
    return document
