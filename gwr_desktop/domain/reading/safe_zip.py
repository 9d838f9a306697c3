"""Reading members of an Office zip package with bounded work, and parsing their XML without entities.

Sizes are measured while inflating: a zip whose directory understates a member is stopped at the limit,
not trusted. XML with a DOCTYPE is refused outright (Office parts never carry one), so no entity is ever
declared, let alone expanded (billion laughs, external entities).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from gwr_desktop.domain.reading.errors import LimitExceeded, PlanSourceError
from gwr_desktop.domain.reading.limits import MB, Limits

_CHUNK = 1 << 16


class SafeZip:
    def __init__(self, path: Path, data: bytes, limits: Limits, kind: str) -> None:
        self.name, self.limits, self.kind = path.name, limits, kind
        self.total = 0
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as error:
            raise PlanSourceError(f"{kind} 文件已损坏（压缩包不完整或格式错误），无法读取：{path.name}") from error
        if len(infos) > limits.members:
            raise LimitExceeded(f"{kind} 文件内部条目过多（{len(infos):,}个），不像正常文档，已拒绝：{path.name}")
        if any(info.flag_bits & 0x1 for info in infos):
            raise PlanSourceError(f"{kind} 文件已加密，无法读取：{path.name}。"
                "请在 WPS 或 Word 中取消密码后另存，再导入。")
        self.names = {info.filename for info in infos}

    def has(self, member: str) -> bool:
        return member in self.names

    def read(self, member: str) -> bytes:
        """The member's bytes, counted while inflating against the per-member and total limits."""
        limit = self.limits.member_bytes
        chunks, size = [], 0
        try:
            with self.archive.open(member) as stream:
                for chunk in iter(lambda: stream.read(_CHUNK), b""):
                    size += len(chunk)
                    self.total += len(chunk)
                    if size > limit or self.total > self.limits.total_bytes:
                        raise LimitExceeded(
                            f"{self.kind} 文件解压后过大（“{member}”超过{limit // MB}MB 或总量超过"
                            f"{self.limits.total_bytes // MB}MB），疑似压缩炸弹，已停止读取：{self.name}")
                    chunks.append(chunk)
        except LimitExceeded:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, KeyError) as error:
            raise PlanSourceError(f"{self.kind} 文件已损坏（“{member}”无法解压），无法读取：{self.name}") from error
        return b"".join(chunks)

    def xml(self, member: str) -> etree._Element:
        return parse_xml(self.read(member), f"{self.name}:{member}", self.kind)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True)


def check_no_doctype(data: bytes, where: str, kind: str) -> None:
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data[:1 << 20].lower():
        raise PlanSourceError(f"{kind} 文件内含 XML 实体声明（DOCTYPE/ENTITY）"
            f"，Office 文档不应有此内容，已拒绝：{where}")


def parse_xml(data: bytes, where: str, kind: str) -> etree._Element:
    check_no_doctype(data, where, kind)
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise PlanSourceError(f"{kind} 文件内部 XML 已损坏，无法读取：{where}") from error


def iter_xml(data: bytes, where: str, kind: str, events: tuple[str, ...] = ("start", "end")) -> Iterator:
    """Streaming parse: (event, element) pairs; the caller clears what it has used."""
    check_no_doctype(data, where, kind)
    try:
        yield from etree.iterparse(io.BytesIO(data), events=events, resolve_entities=False, no_network=True,
                                   load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    except etree.XMLSyntaxError as error:
        raise PlanSourceError(f"{kind} 文件内部 XML 已损坏，无法读取：{where}") from error


def local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attr(element: etree._Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (transitional or strict OOXML)."""
    for key, value in element.attrib.items():  # str on Python 3 (lxml's stubs allow bytes too)
        if isinstance(key, str) and isinstance(value, str) and key.rsplit("}", 1)[-1] == name:
            return value
    return None
