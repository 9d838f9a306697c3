"""The machine-readable manifest embedded in every exported .docx and .xlsx (custom document properties).

Stored as OOXML custom properties (docProps/custom.xml), which Word, WPS and Excel keep and show under
文件 → 属性 → 自定义; `read_manifest` reads that part straight from the zip, for either format.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from defusedxml import ElementTree

PREFIX = "gwr."
MANIFEST_PROPERTY = "gwr.manifest"
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


class ManifestError(ValueError):
    """The file carries no readable manifest (not exported by this app, or damaged)."""


@dataclass(frozen=True)
class Manifest:
    plan: str
    unit: str
    form: str  # FormKind value
    quarter: int | None
    version: int | None  # None for an unsigned draft export
    digest: str  # sha256 of the printed document (exports.layout.document_digest)
    label: str = ""
    title: str = ""
    app: str = "gwr_desktop"
    # sha256 of the body table's visible texts as written into this file (domain/returns/cells.py), set by
    # exports/writer.py: a reader recomputes it from the file's own cells to tell an edit made after export.
    cells: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def properties(self) -> dict[str, str]:
        """Flat properties (readable in the Office dialog) plus the whole manifest as JSON."""
        flat = {f"{PREFIX}{k}": "" if v is None else str(v) for k, v in asdict(self).items()}
        flat[MANIFEST_PROPERTY] = self.to_json()
        return flat


def custom_properties_xml(manifest: Manifest) -> bytes:
    props = []
    for pid, (name, value) in enumerate(manifest.properties().items(), start=2):
        props.append(f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
                     f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>")
    body = "".join(props)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{body}</Properties>').encode()


def read_manifest(path: str | Path) -> Manifest:
    """The manifest of an exported .docx or .xlsx file."""
    try:
        with zipfile.ZipFile(path) as archive:
            if CUSTOM_PART not in archive.namelist():
                raise ManifestError(f"文件没有导出清单：{Path(path).name}")
            info = archive.getinfo(CUSTOM_PART)
            if info.file_size > 1_000_000:
                raise ManifestError(f"导出清单过大，文件可能已损坏：{Path(path).name}")
            root = ElementTree.fromstring(archive.read(CUSTOM_PART))
    except zipfile.BadZipFile as error:
        raise ManifestError(f"不是有效的 Word/Excel 文件：{Path(path).name}") from error
    for prop in root.findall(f"{{{_NS}}}property"):
        if prop.get("name") == MANIFEST_PROPERTY:
            value = prop.find(f"{{{_VT}}}lpwstr")
            if value is not None:  # without its text the file has no manifest (below), not a traceback
                return Manifest.from_json(value.text or "")
    raise ManifestError(f"文件没有导出清单：{Path(path).name}")
