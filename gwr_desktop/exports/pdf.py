"""PDF and printing of a FormLayout with QPainter: the same painting serves the PDF file, the print preview
and the printer. QtGui/QtPrintSupport only (no QtWidgets), so services and the command line can use it.

Every text is laid out into lines (pdf_text) and paginated by pdf_layout: a row taller than the room left
continues on the next page under the repeated header row, nothing is clipped. The PDF file's text layer is
then rewritten from the glyphs really drawn (pdf_tounicode), so it copies and searches as typed.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from gwr_desktop.exports import page_parts
from gwr_desktop.exports.fonts import FontRole, font_set
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.page_parts import balanced_title, continued_text, repeat_columns, second_field_fraction
from gwr_desktop.exports.pdf_fonts import qfont, require_chinese_font
from gwr_desktop.exports.pdf_layout import Flow, PagePlan, Paginator, Piece, blocks
from gwr_desktop.exports.pdf_text import GlyphLog, LaidText, draw_lines, lay_out
from gwr_desktop.exports.pdf_tounicode import TextLayerReport, fix_text_layer
from gwr_desktop.exports.text_metrics import CELL_PADDING_MM, unbreakable

_APP: QGuiApplication | None = None
PAD_X_MM, PAD_Y_MM = CELL_PADDING_MM / 2, 1.2
MIN_ROW_MM = 8.0
PAGE_NUMBER_GAP_MM = 7.0  # GB/T 9704 §7.5: the number line sits 7 mm below the 版心
LABEL_LINES = 4  # a continuation label longer than this is shortened further
_SEPARATOR_BREAK = re.compile(r"[/、,，;；]\s*")


def ensure_gui_app() -> QGuiApplication:
    """Fonts and painting need a Qt application; the command line has none, so make a windowless one."""
    global _APP
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QGuiApplication([sys.argv[0] if sys.argv else "gwr_desktop"])
    return _APP


def configure_printer(printer: QPrinter, layout: FormLayout) -> None:
    """A4 in the form's orientation with GB/T margins; we paint the whole sheet ourselves (full page)."""
    orientation = QPageLayout.Orientation.Landscape if layout.page.landscape else QPageLayout.Orientation.Portrait
    # Zero layout margins + full page: the painter's origin is the sheet's corner and the GB/T margins are
    # ours (a layout margin would shift the origin a second time).
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0),
                                      QPageLayout.Unit.Millimeter))
    printer.setFullPage(True)
    printer.setDocName(layout.title[:200])
    printer.setCreator("gwr_desktop")


def render_pdf(layout: FormLayout, path: str | Path) -> int:
    """Write the form as a PDF file with a true text layer; returns the number of pages."""
    return render_pdf_report(layout, path)[0]


def render_pdf_report(layout: FormLayout, path: str | Path) -> tuple[int, TextLayerReport]:
    """render_pdf, and what was done to the text layer (report.complete is False if Qt's file was kept)."""
    ensure_gui_app()
    require_chinese_font()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    configure_printer(printer, layout)
    log = GlyphLog()
    pages = paint_form(printer, layout, log)
    target = Path(path)
    fixed, report = fix_text_layer(target.read_bytes(), log)
    if report.fixed:
        target.write_bytes(fixed)
    return pages, report


def paint_form(printer: QPrinter, layout: FormLayout, log: GlyphLog | None = None) -> int:
    """Paint every page onto printer (a PDF file, a preview or a real printer); returns the page count."""
    require_chinese_font()
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"无法写入：{printer.outputFileName() or printer.printerName()}")
    try:
        form = _FormPainter(painter, printer.resolution(), layout, log)
        pages = form.plan_pages()
        for number, page in enumerate(pages, start=1):
            if number > 1:
                printer.newPage()
            form.paint_page(page, number)
        return len(pages)
    finally:
        painter.end()


@dataclass(frozen=True)
class _Measured:
    """A cell's text, measured for the pagination and then let go. Why: a laid-out text holds its shaped
    glyphs (~4 KB each); holding every cell's until the last page is painted cost ~50 MB for a 2,000-row
    附表1. It is laid out again, identically, when the page that shows it is painted."""

    text: str  # as laid out (line separators in place)
    role: FontRole
    first_col: int
    last_col: int
    align: str


class _FormPainter:
    """Measures and paints one form: every cell's text laid out for its height, then again on the page that
    shows it (only the current page's texts are held), every page painted from the pagination."""

    def __init__(self, painter: QPainter, dpi: int, layout: FormLayout, log: GlyphLog | None) -> None:
        self.painter, self.dpi, self.layout, self.log = painter, dpi, layout, log
        self.roles = font_set(layout.fonts)
        self.pen = QPen(Qt.GlobalColor.black, self.px(0.25))
        self.pad_x, self.pad_y = self.px(PAD_X_MM), self.px(PAD_Y_MM)
        page = layout.page
        self.left, self.top = self.px(page.margins.left), self.px(page.margins.top)
        self.width, self.height = self.px(page.content_width_mm), self.px(page.content_height_mm)
        self.col_x = [self.left]
        for column in layout.columns:
            self.col_x.append(self.col_x[-1] + self.px(column.width_mm))
        self.header = [self.lay(h, self.roles.table_head, i, i, "center") for i, h in enumerate(layout.headers)]
        self.header_height = max((t.height() for t in self.header), default=0) + 2 * self.pad_y
        self.flows: list[Flow] = []
        self.texts: list[_Measured] = []
        self.labels: list[_Measured | None] = []
        self._on_page: dict[tuple[int, bool], LaidText] = {}  # (flow, label) → laid out for the page painted
        self._build_flows()

    def px(self, mm: float) -> float:
        return mm * self.dpi / 25.4

    def device(self):  # noqa: ANN201 - the painter's QPaintDevice
        return self.painter.device()

    def lay(self, text: str, role: FontRole, first_col: int, last_col: int, align: str) -> LaidText:
        inner = self.col_x[last_col + 1] - self.col_x[first_col] - 2 * self.pad_x
        return lay_out(text, qfont(role), inner, align, self.device())

    # flows -----------------------------------------------------------------------------------------------
    def _build_flows(self) -> None:
        layout, last = self.layout, len(self.layout.columns) - 1
        starts = {(s.column, s.first): s for s in layout.merges}
        inside = {(s.column, r) for s in layout.merges for r in range(s.first + 1, s.last + 1)}
        repeats = repeat_columns(layout)
        for index, row in enumerate(layout.rows):
            if row.heading:
                self._add_flow(index, index, 0, last, row.cells[0], self.roles.part_heading, "left", False)
                continue
            for col, (spec, text) in enumerate(zip(layout.columns, row.cells, strict=True)):
                if (col, index) in inside:
                    continue
                span, role = starts.get((col, index)), self.body_role(text, col)
                self._add_flow(index, span.last if span else index, col, col, self.cell_text(text, role, col), role,
                               spec.align, col in repeats)

    def _add_flow(self, first_row: int, last_row: int, first_col: int, last_col: int, text: str, role: FontRole,
                  align: str, repeat: bool) -> None:
        laid = self.lay(text, role, first_col, last_col, align)
        label = self._label(text, role, first_col) if repeat and text else None
        self.flows.append(Flow(first_row, last_row, first_col, last_col, tuple(laid.heights),
                               tuple(label.heights) if label else ()))
        self.texts.append(_Measured(laid.text, role, first_col, last_col, align))
        self.labels.append(_Measured(label.text, role, first_col, first_col, self.layout.columns[first_col].align)
                           if label else None)

    def _label(self, text: str, role: FontRole, col: int) -> LaidText:
        limit = 60
        width_em = (self.col_x[col + 1] - self.col_x[col] - 2 * self.pad_x) / self.px(role.size_pt * 25.4 / 72)
        while True:
            label = self.lay(continued_text(text, limit, width_em=width_em), role, col, col,
                             self.layout.columns[col].align)
            if label.line_count <= LABEL_LINES or limit <= 4:
                return label
            limit //= 2

    def body_role(self, text: str, column: int) -> FontRole:
        """The body font, made smaller for an unbreakable text (a phone number) until it fits on one line."""
        role = self.roles.table_body
        if not unbreakable(text):
            return role
        while role.size_pt > 8 and self._too_wide(text, role, column):
            role = role.sized(role.size_pt - 0.5)
        return role

    def _too_wide(self, text: str, role: FontRole, column: int) -> bool:
        inner = self.col_x[column + 1] - self.col_x[column] - 2 * self.pad_x
        return QFontMetricsF(qfont(role), self.device()).horizontalAdvance(text) > inner

    def cell_text(self, text: str, role: FontRole, column: int) -> str:
        """Two phone numbers too wide for one line even when smaller go one under the other, never cut inside."""
        if unbreakable(text) and self._too_wide(text, role, column):
            return _SEPARATOR_BREAK.sub(lambda m: m.group(0).rstrip() + "\n", text).rstrip("\n")
        return text

    # pagination ------------------------------------------------------------------------------------------
    def title_text(self) -> tuple[str, FontRole]:
        text, size = balanced_title(self.layout.title, self.layout.page.content_width_mm, self.roles.title.size_pt)
        return text, self.roles.title.sized(size)

    def heading_block(self) -> tuple[list[tuple[LaidText, float, float]], float]:
        """(text, x, y) of the label, the title and the header fields on page 1 (y from the 版心's top), and
        the height they take."""
        width, y, parts = self.width, 0.0, []
        label = lay_out(self.layout.label, qfont(self.roles.label), width, "left", self.device())
        parts.append((label, 0.0, y))
        y += label.height() + self.px(2)
        text, role = self.title_text()
        title = lay_out(text, qfont(role), width, "center", self.device())
        parts.append((title, 0.0, y))
        y += title.height() + self.px(4)
        if self.layout.header_fields:
            starts = [0.0, second_field_fraction(self.layout) * width]
            heights = []
            for (label_text, value), start in zip(self.layout.header_fields, starts, strict=False):
                field = lay_out(label_text + value, qfont(self.roles.fields), width - start, "left", self.device())
                parts.append((field, start, y))
                heights.append(field.height())
            y += max(heights) + self.px(2)
        return parts, y

    def note_texts(self) -> list[LaidText]:
        return [lay_out(n, qfont(self.roles.note), self.width, "left", self.device()) for n in self.layout.notes]

    def plan_pages(self) -> list[PagePlan]:
        self.block, self.block_height = self.heading_block()
        self.notes = self.note_texts()
        room = self.height - self.header_height
        paginator = Paginator(self.flows, blocks(self.layout), pad=self.pad_y,
                              min_row=self.px(max(MIN_ROW_MM, self.layout.min_row_mm)),
                              first_room=room - self.block_height, room=room)
        return paginator.run([n.height() + self.px(2) for n in self.notes])

    # painting --------------------------------------------------------------------------------------------
    def paint_page(self, page: PagePlan, number: int) -> None:
        self._on_page.clear()  # the texts of the page before: drawn, not needed again
        self.painter.setPen(self.pen)
        y = self.top
        if page.first:
            for laid, x, top in self.block:
                self._draw(laid, 0, laid.line_count, self.left + x, self.top + top)
            y += self.block_height
        if page.rows or page.first:
            y = self._paint_header_row(y)
        row_y: dict[int, float] = {}
        for row, height in zip(page.rows, page.heights, strict=True):
            row_y[row] = y
            y += height
        bottoms = {row: row_y[row] + h for row, h in zip(page.rows, page.heights, strict=True)}
        for piece in page.pieces:
            self._paint_piece(piece, row_y[piece.first_row], bottoms[piece.last_row])
        for index in page.notes:
            note = self.notes[index]
            self._draw(note, 0, note.line_count, self.left, y + self.px(2))
            y += note.height() + self.px(2)
        self._page_number(number)
        if self.layout.draft:
            self._draft_mark()

    def _paint_header_row(self, y: float) -> float:
        for col, laid in enumerate(self.header):
            rect = QRectF(self.col_x[col], y, self.col_x[col + 1] - self.col_x[col], self.header_height)
            self.painter.drawRect(rect)
            self._draw(laid, 0, laid.line_count, rect.left() + self.pad_x,
                       rect.top() + (rect.height() - laid.height()) / 2)
        return y + self.header_height

    def _paint_piece(self, piece: Piece, top: float, bottom: float) -> None:
        flow = self.flows[piece.flow]
        rect = QRectF(self.col_x[flow.first_col], top, self.col_x[flow.last_col + 1] - self.col_x[flow.first_col],
                      bottom - top)
        self.painter.drawRect(rect)
        x = rect.left() + self.pad_x
        if piece.label:
            label = self._laid(piece.flow, label=True)
            if label is not None:
                self._draw(label, 0, label.line_count, x, top + self.pad_y)
            return
        laid = self._laid(piece.flow, label=False)
        assert laid is not None  # every flow has its text
        height = laid.height(piece.first_line, piece.last_line)
        y = top + (rect.height() - height) / 2 if piece.whole else top + self.pad_y
        self._draw(laid, piece.first_line, piece.last_line, x, y)

    def _laid(self, flow: int, *, label: bool) -> LaidText | None:
        """The flow's text (or continuation label) laid out again for the page being painted."""
        laid = self._on_page.get((flow, label))
        if laid is None:
            measured = self.labels[flow] if label else self.texts[flow]
            if measured is None:
                return None
            laid = self._on_page[(flow, label)] = self.lay(measured.text, measured.role, measured.first_col,
                                                           measured.last_col, measured.align)
        return laid

    def _draw(self, laid: LaidText, first: int, last: int, x: float, y: float) -> None:
        draw_lines(self.painter, laid, first, last, x, y, self.log)

    def _page_number(self, number: int) -> None:
        """"— N —" 4号宋体 below the 版心: odd pages at the right, even pages at the left, one character in (§7.5)."""
        indent = self.px(self.roles.page_number.size_pt * 25.4 / 72)
        y = self.top + self.height + self.px(PAGE_NUMBER_GAP_MM) - self.px(2)
        laid = lay_out(f"— {number} —", qfont(self.roles.page_number), self.width - 2 * indent,
                       "right" if number % 2 else "left", self.device())
        self._draw(laid, 0, laid.line_count, self.left + indent, y)

    def _draft_mark(self) -> None:
        """草稿 in the top margin of every page of an unsigned export, in grey: never taken for the signed file."""
        laid = lay_out(page_parts.DRAFT_MARK, qfont(self.roles.draft_mark), self.width, "right", self.device())
        self.painter.setPen(QPen(QColor(110, 110, 110)))
        self._draw(laid, 0, laid.line_count, self.left, self.top - laid.height() - self.px(4))
        self.painter.setPen(self.pen)
