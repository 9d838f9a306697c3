"""The last defence at the renderers' door: characters no Office file can carry are taken out and reported.

Text is cleaned where it enters (import, fill, paste); a character XML 1.0 cannot hold (BEL, NUL, a lone
surrogate, U+FFFE) that still reaches an export would make python-docx/openpyxl raise "All strings must be XML
compatible" on the deadline day. Here it is removed from the layout, and the report says where.
"""

from __future__ import annotations

import re
from dataclasses import replace

from gwr_desktop.exports.layout import FormLayout, LayoutRow

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text) if text and _NOT_XML.search(text) else text


def _found(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in _NOT_XML.findall(text or "")]


def clean_layout(layout: FormLayout) -> tuple[FormLayout, list[str]]:
    """The layout without characters XML cannot carry, and one Chinese line per place they were found."""
    if not _NOT_XML.search("".join(_texts(layout))):
        return layout, []  # the usual case, told by one scan instead of two per cell
    return _cleaned(layout)


def _texts(layout: FormLayout) -> list[str]:
    """Every text clean_layout cleans."""
    texts = [layout.label, layout.title, *layout.notes]
    texts.extend(text for field in layout.header_fields for text in field)
    texts.extend(text for row in layout.rows for text in row.cells)
    return texts


def _cleaned(layout: FormLayout) -> tuple[FormLayout, list[str]]:
    report: list[str] = []

    def take(text: str, where: str) -> str:
        found = _found(text)
        if found:
            report.append(f"{where}含无法写入文件的控制字符（{'、'.join(dict.fromkeys(found))}），导出时已删除。")
        return clean(text)

    rows = []
    for number, row in enumerate(layout.rows, start=1):
        cells = tuple(take(text, f"表格第 {number} 行“{layout.columns[col].header.replace(chr(10), '')}”")
                      if col < len(layout.columns) else clean(text) for col, text in enumerate(row.cells))
        rows.append(row if cells == row.cells else LayoutRow(cells, row.heading, row.group))
    fields = tuple((take(label, "表头"), take(value, f"“{label.rstrip('：:')}”"))
                   for label, value in layout.header_fields)
    cleaned = replace(layout, label=take(layout.label, "附表编号"), title=take(layout.title, "标题"),
                      header_fields=fields, rows=tuple(rows),
                      notes=tuple(take(note, "表下说明") for note in layout.notes))
    return (cleaned if report else layout), report
