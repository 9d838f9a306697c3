"""A PDF with a text layer, read with pdfminer.six (MIT licence; its layout analysis groups characters into
lines by position).

Chosen over pypdf after extracting the same CJK plan from both (Noto CJK subset fonts with ToUnicode maps,
Qt's PDF writer): pypdf breaks a printed line at every change of font, so "5G", "T2", "XXX(单位)…" and unit
names beside Latin text come out split over several lines (82 of 1,037 lines wrong); pdfminer.six keeps them
whole (2 lines differ, both glyphs the file itself maps to nothing). Such unmapped glyphs come out as
"(cid:N)": they are replaced by "�" and reported, never passed on silently. Page-number lines ("— 3 —") are
dropped; a PDF without text (a scan) or with a password is refused with what to do instead.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from gwr_desktop.domain.reading.clean import clean_line
from gwr_desktop.domain.reading.document import ReadNote, SourceDocument, SourceLine, digest_of
from gwr_desktop.domain.reading.errors import LimitExceeded, PlanSourceError
from gwr_desktop.domain.reading.limits import Budget, Limits

_PAGE_NUMBER = re.compile(r"^[\s\-—–－]*\d{1,4}[\s\-—–－]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")
_UNMAPPED = re.compile(r"\(cid:\d+\)")
_MIN_TEXT_PER_PAGE = 20
_REFUSED = "请取消密码后另存，或改用 Word（.docx）文件导入。"


def read_pdf(path: Path, data: bytes, limits: Limits) -> SourceDocument:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its notes on odd PDFs are not the user's business
    texts = _page_texts(path, data, limits)
    if sum(len(t.strip()) for t in texts) < _MIN_TEXT_PER_PAGE * max(1, len(texts)) / 2:
        raise PlanSourceError(
            f"PDF 中没有可读取的文字（可能是扫描件或图片）：{path.name}。"
            "请向发文单位索取 Word（.docx）文件，或用带文字层的 PDF 导入。")
    return _document(path, data, texts)


def _page_texts(path: Path, data: bytes, limits: Limits) -> list[str]:
    try:
        from pdfminer.converter import TextConverter
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
    except ImportError as error:  # pragma: no cover - a packaging mistake, not the user's
        raise PlanSourceError("本程序缺少读取 PDF 的组件（pdfminer.six），请导入 Word（.docx）文件。") from error
    budget = Budget(limits, path.name)
    resources, out = PDFResourceManager(), io.StringIO()
    device = TextConverter(resources, out, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    texts: list[str] = []
    try:
        for page in PDFPage.get_pages(io.BytesIO(data), password="", check_extractable=False):
            if len(texts) >= limits.pages:
                raise LimitExceeded(f"PDF 页数过多（超过{limits.pages:,}页），不像一份责任分解方案：{path.name}")
            interpreter.process_page(page)
            texts.append(out.getvalue())
            out.seek(0)
            out.truncate()
            budget.paragraph(len(texts[-1]))
            budget.check_time()
    except PlanSourceError:
        raise
    except PDFPasswordIncorrect as error:
        raise PlanSourceError(f"PDF 文件设有打开密码，无法读取：{path.name}。{_REFUSED}") from error
    except PDFEncryptionError as error:
        raise PlanSourceError(f"PDF 文件已加密，无法读取：{path.name}。{_REFUSED}") from error
    except Exception as error:  # noqa: BLE001 - a third-party parser on untrusted input: any failure is "damaged"
        raise PlanSourceError(f"PDF 文件已损坏，无法读取：{path.name}。请改用 Word（.docx）文件导入。") from error
    finally:
        device.close()
    return texts


def _document(path: Path, data: bytes, texts: list[str]) -> SourceDocument:
    document = SourceDocument(format="pdf", lines=[], name=path.name, digest=digest_of(data))
    number = 0
    for text in texts:
        for raw in text.replace("\x0c", "").splitlines():
            number += 1
            line = clean_line(raw)[0]
            if _UNMAPPED.search(line):
                line = _UNMAPPED.sub("\ufffd", line)
                document.notes.append(ReadNote("damaged_text", number, line,
                                               f"第{number}行有 PDF 字体未给出文字的字形，已用“�”代替，请对照原件核对"))
            if _PAGE_NUMBER.match(line):
                continue
            document.lines.append(SourceLine(number, line))
        number += 1
        document.lines.append(SourceLine(number, ""))  # a page ends like a blank line in a text dump
    return document
