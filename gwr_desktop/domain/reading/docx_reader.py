"""A .docx plan: body paragraphs (with Word's automatic numbers written in) and table rows, streamed.

The main part is parsed incrementally and each body-level paragraph or table row is dropped once read, so a
document of 2 million paragraphs is stopped by the paragraph budget at a bounded size instead of being built
in memory. Soft line breaks (w:br, w:cr) end a line as a printed line break does; deleted, moved-away and
hidden text is not read, as a reader does not see it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from gwr_desktop.domain.reading.clean import clean_line
from gwr_desktop.domain.reading.document import ReadNote, SourceDocument, SourceLine, digest_of
from gwr_desktop.domain.reading.docx_numbering import Numbering, num_pr, read_numbering
from gwr_desktop.domain.reading.errors import PlanSourceError
from gwr_desktop.domain.reading.limits import Budget, Limits
from gwr_desktop.domain.reading.safe_zip import SafeZip, attr, iter_xml, local

_SKIPPED = frozenset({"del", "moveFrom", "instrText", "delText", "delInstrText", "rPr", "pPr", "tblPr", "tcPr",
                      "trPr", "footnoteReference", "endnoteReference", "commentReference", "fldData"})
_CONTAINERS = frozenset({"body", "sdtContent", "customXml"})


def read_docx(path: Path, data: bytes, limits: Limits) -> SourceDocument:
    package = SafeZip(path, data, limits, "Word")
    main = _main_part(package)
    rels = _part_rels(package, main)
    numbering = read_numbering(_optional_xml(package, rels.get("numbering")),
                               _optional_xml(package, rels.get("styles")))
    document = SourceDocument(format="docx", lines=[], name=path.name, line_word="段", digest=digest_of(data))
    body = _Body(numbering, Budget(limits, path.name), document)
    seen_body = False
    for _event, element in iter_xml(package.read(main), f"{path.name}:{main}", "Word", events=("end",)):
        name = local(element)
        if name == "body":
            seen_body = True
        elif name in ("p", "tbl", "tr") and _at_body_level(element, name):
            body.take(name, element)
    if not seen_body:
        raise PlanSourceError(f"Word 文件中没有正文（缺少 w:body），可能已损坏：{path.name}。"
            "请在 WPS 或 Word 中打开后另存为 .docx 再导入。")
    return document


def _at_body_level(element: etree._Element, name: str) -> bool:
    """A paragraph or table directly in the body (or a content control there); a row of such a table."""
    holder = element.getparent()
    if name == "tr":
        table = holder
        holder = table.getparent() if table is not None else None
    while holder is not None and local(holder) in ("sdtContent", "sdt", "customXml"):
        holder = holder.getparent()
    return holder is not None and local(holder) == "body"


def _main_part(package: SafeZip) -> str:
    if package.has("_rels/.rels"):
        for rel in package.xml("_rels/.rels"):
            if (attr(rel, "Type") or "").endswith("/officeDocument"):
                target = (attr(rel, "Target") or "").lstrip("/")
                if package.has(target):
                    return target
    if package.has("word/document.xml"):
        return "word/document.xml"
    raise PlanSourceError(f"文件不是 Word 文档（.docx 中找不到正文部分）：{package.name}")


def _part_rels(package: SafeZip, main: str) -> dict[str, str]:
    folder, name = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    found = {"numbering": posixpath.join(folder, "numbering.xml"), "styles": posixpath.join(folder, "styles.xml")}
    if package.has(rels_name):
        for rel in package.xml(rels_name):
            kind = (attr(rel, "Type") or "").rsplit("/", 1)[-1]
            if kind in found and attr(rel, "TargetMode") != "External":
                found[kind] = posixpath.normpath(posixpath.join(folder, attr(rel, "Target") or ""))
    return found


def _optional_xml(package: SafeZip, member: str | None) -> etree._Element | None:
    return package.xml(member) if member and package.has(member) else None


@dataclass
class _Table:
    above: dict[int, str] = field(default_factory=dict)  # grid column → text of the vMerge restart cell


@dataclass
class _Body:
    numbering: Numbering
    budget: Budget
    document: SourceDocument
    ordinal: int = 0
    table: _Table | None = None

    def take(self, name: str, element: etree._Element) -> None:
        if name == "p":
            self.ordinal += 1
            for piece in paragraph_text(element, self.numbering, self.budget).split("\n"):
                self._line(piece, None)
        elif name == "tr":
            self.ordinal += 1
            self.table = self.table or _Table()
            cells = self._row(element)
            self._line("\t".join(cell.replace("\n", " ") for cell in cells), tuple(cells))
        else:  # the table has ended
            self.table = None
        element.clear()
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]

    def _line(self, text: str, cells: tuple[str, ...] | None) -> None:
        text, removed = clean_line(text)
        if removed:
            self.document.notes.append(ReadNote("invisible_characters", self.ordinal, text,
                                                f"第{self.ordinal}段含不可见字符（{'、'.join(removed[:5])}），已删除"))
        if cells is not None:
            cells = tuple(clean_line(cell)[0] for cell in cells)
        self.document.lines.append(SourceLine(self.ordinal, text, cells))

    def _row(self, row: etree._Element) -> list[str]:
        cells: list[str] = []
        table = self.table or _Table()
        for child in row:
            name = local(child)
            if name == "trPr":
                cells.extend([""] * _grid_skip(child, "gridBefore", self.budget))
            elif name == "tc":
                self._cell(child, cells, table)
            elif name in ("sdt", "customXml"):
                for cell in child.iter():
                    if local(cell) == "tc":
                        self._cell(cell, cells, table)
        self.budget.columns(len(cells))
        self.budget.cell(len(cells))
        return cells

    def _cell(self, cell: etree._Element, cells: list[str], table: _Table) -> None:
        span, merge = 1, None
        paragraphs = []
        for child in cell:
            name = local(child)
            if name == "tcPr":
                span, merge = _cell_props(child)
            elif name == "p":
                paragraphs.append(paragraph_text(child, self.numbering, self.budget))
            elif name == "tbl":  # a nested table: its text, row by row
                for nested in child.iter():
                    if local(nested) == "p":
                        paragraphs.append(paragraph_text(nested, self.numbering, self.budget))
        self.budget.columns(len(cells) + span)
        column = len(cells)
        text = "\n".join(p for p in paragraphs if p.strip())
        if merge == "continue":
            text = table.above.get(column, "")  # a continuation first in the table has nothing above: ""
        elif merge == "restart":
            table.above[column] = text
        else:
            table.above.pop(column, None)
        cells.append(text)
        cells.extend([""] * (span - 1))


def _cell_props(tc_pr: etree._Element) -> tuple[int, str | None]:
    span, merge = 1, None
    for child in tc_pr:
        name = local(child)
        if name == "gridSpan":
            span = _positive(attr(child, "val"))
        elif name == "vMerge":
            merge = "restart" if attr(child, "val") == "restart" else "continue"
    return span, merge


def _grid_skip(tr_pr: etree._Element, name: str, budget: Budget) -> int:
    for child in tr_pr:
        if local(child) == name:
            count = _positive(attr(child, "val"))
            budget.columns(count)
            return count
    return 0


def _positive(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def paragraph_text(paragraph: etree._Element, numbering: Numbering, budget: Budget) -> str:
    """The paragraph as printed: its automatic number (if any) followed by its visible text."""
    label = _label(paragraph, numbering)
    pieces: list[str] = []
    _collect(paragraph, pieces)
    text = "".join(pieces)
    budget.paragraph(len(text))
    if label and label[-1].isalnum():
        label += " "
    return label + text if (label or text) else ""


def _collect(element: etree._Element, pieces: list[str]) -> None:
    for child in element:
        name = local(child)
        if name in _SKIPPED or (name == "r" and _hidden(child)):
            continue
        if name == "t":
            pieces.append(child.text or "")
        elif name == "tab" or name == "ptab":
            pieces.append("\t")
        elif name in ("br", "cr"):
            pieces.append("\n")
        elif name == "noBreakHyphen":
            pieces.append("-")
        elif name != "txbxContent":
            _collect(child, pieces)


def _hidden(run: etree._Element) -> bool:
    for child in run:
        if local(child) == "rPr":
            return any(local(prop) in ("vanish", "specVanish") and attr(prop, "val") not in ("0", "false")
                       for prop in child)
    return False


def _label(paragraph: etree._Element, numbering: Numbering) -> str:
    for child in paragraph:
        if local(child) != "pPr":
            continue
        found = num_pr(child)
        if found is None:
            style = next((attr(c, "val") for c in child if local(c) == "pStyle"), None)
            found = numbering.style_numbering.get(style or "")
        if found is None or found[0] in ("", "0"):
            return ""
        return numbering.label(*found)
    return ""
