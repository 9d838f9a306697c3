"""The manifest a returned file carries (docProps/custom.xml, exports/manifest.py writes it), read through the
bounded package: the raw JSON object, so a contribution's extra fields (lead, items) come along."""

from __future__ import annotations

import json

from gwr_desktop.domain.reading.errors import PlanSourceError
from gwr_desktop.domain.reading.safe_zip import attr, local
from gwr_desktop.domain.returns.package import Package, ReturnFileError, readable

CUSTOM_PART = "docProps/custom.xml"
MANIFEST_PROPERTY = "gwr.manifest"
MAX_MANIFEST_BYTES = 256 * 1024


def manifest_of(package: Package) -> dict | None:
    """The manifest as a JSON object; None when the file has none (hand-made, or re-saved without it)."""
    if not package.zip.has(CUSTOM_PART):
        return None
    try:
        info = package.zip.archive.getinfo(CUSTOM_PART)
        if info.file_size > MAX_MANIFEST_BYTES:
            raise ReturnFileError(f"文件的自定义属性过大，可能已损坏：{package.name}")
        root = package.zip.xml(CUSTOM_PART)
    except PlanSourceError as error:
        raise ReturnFileError(readable(error)) from error
    for prop in root:
        if local(prop) == "property" and attr(prop, "name") == MANIFEST_PROPERTY:
            text = "".join(child.text or "" for child in prop if local(child) in ("lpwstr", "bstr"))
            return _parsed(text, package.name)
    return None


def _parsed(text: str, name: str) -> dict:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ReturnFileError(f"文件的导出清单已损坏，无法读取：{name}") from error
    if not isinstance(data, dict) or not isinstance(data.get("form"), str):
        raise ReturnFileError(f"文件的导出清单不完整，无法读取：{name}")
    return data


def describe(manifest: dict) -> str:
    """"附表3（工作目标完成情况）" or "配合材料": what the manifest says the file is, for messages."""
    label, title = str(manifest.get("label") or ""), str(manifest.get("title") or "")
    names = {"plan": "办理方案", "contacts": "督办工作人员名单", "progress": "完成情况", "contribution": "配合材料"}
    name = names.get(str(manifest.get("form")), title or "表格")
    return f"{label}（{name}）" if label and label != name else name
