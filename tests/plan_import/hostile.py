"""Hostile plan files, made on the fly: each must be refused with a message and nothing written.

The bounds themselves (sizes, ratios, entity handling) are the readers' (domain/plan_source, domain/reading);
these files only have to be hostile in the ways real attachments are: a zip bomb, XML entity expansion,
a zip cut short, a PDF renamed .docx, an enormous text file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                 'document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, document: str | None, *, big_part_mb: int = 0) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        if document is not None:
            archive.writestr("word/document.xml", document)
        if big_part_mb:
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode())
                chunk = b" " * (1 << 20)
                for _ in range(big_part_mb):
                    part.write(chunk)
                part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def zip_bomb(folder: Path, megabytes: int = 400) -> Path:
    """A .docx of a few hundred KB whose document.xml inflates to `megabytes` MB."""
    return _docx(folder / "zip_bomb.docx", None, big_part_mb=megabytes)


def xml_entities(folder: Path) -> Path:
    """"Billion laughs": ten levels of entities, each ten times the one before, inside document.xml."""
    levels = ['<!ENTITY lol0 "武汉市人民政府办公厅">']
    levels += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [{"".join(levels)}]>'
                f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    return _docx(folder / "entities.docx", document)


def truncated_zip(folder: Path, good_docx: Path) -> Path:
    data = good_docx.read_bytes()
    path = folder / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


def pdf_named_docx(folder: Path) -> Path:
    path = folder / "方案.docx"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                     b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    return path


def huge_text(folder: Path, seed_text: str, megabytes: int = 100) -> Path:
    """The seed's lines repeated to `megabytes` MB: plausible text, far beyond any real plan."""
    path = folder / "huge.txt"
    block = seed_text.encode("utf-8")
    with path.open("wb") as out:
        for _ in range(megabytes * (1 << 20) // len(block) + 1):
            out.write(block)
    return path
