"""PDF and printing of a FormLayout with QPainter: the same painting serves the PDF file, the print preview
and the printer. QtGui/QtPrintSupport only (no QtWidgets), so services and the command line can use it.

Chinese glyphs are embedded by Qt's PDF engine from whichever family of each chain is installed.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from gwr_desktop.exports import fonts
from gwr_desktop.exports.fonts import FontRole
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.pdf_layout import PagePlan, paginate, spread_merged_heights
from gwr_desktop.exports.text_metrics import CELL_PADDING_MM, fit_size, unbreakable

_APP: QGuiApplication | None = None
_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter,
          "right": Qt.AlignmentFlag.AlignRight}
_ALIGN_FLAGS = {name: int(flag | Qt.AlignmentFlag.AlignVCenter) for name, flag in _ALIGN.items()}
_LATIN_RUN = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+")
PAD_X_MM, PAD_Y_MM = CELL_PADDING_MM / 2, 1.2
MIN_ROW_MM = 8.0
PAGE_NUMBER_GAP_MM = 7.0  # GB/T 9704 §7.5: the number line sits 7 mm below the 版心


def ensure_gui_app() -> QGuiApplication:
    """Fonts and painting need a Qt application; the command line has none, so make a windowless one."""
    global _APP
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QGuiApplication([sys.argv[0] if sys.argv else "gwr_desktop"])
    return _APP


@cache
def qfont(role: FontRole) -> QFont:
    """One QFont per role, shared: a QFont and its metrics cost far more to make than to look up."""
    font = QFont(role.families)
    font.setPointSizeF(role.size_pt)
    font.setBold(role.bold)
    return font


def configure_printer(printer: QPrinter, layout: FormLayout) -> None:
    """A4 in the form's orientation with GB/T margins; we paint the whole sheet ourselves (full page)."""
    orientation = QPageLayout.Orientation.Landscape if layout.page.landscape else QPageLayout.Orientation.Portrait
    # Zero layout margins + full page: the painter's origin is the sheet's corner and the GB/T margins are
    # ours (a layout margin would shift the origin a second time).
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0),
                                      QPageLayout.Unit.Millimeter))
    printer.setFullPage(True)
    printer.setDocName(layout.title)
    printer.setCreator("gwr_desktop")


def render_pdf(layout: FormLayout, path: str | Path) -> int:
    """Write the form as a PDF file; returns the number of pages."""
    ensure_gui_app()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    configure_printer(printer, layout)
    return paint_form(printer, layout)


def paint_form(printer: QPrinter, layout: FormLayout) -> int:
    """Paint every page onto printer (a PDF file, a preview or a real printer); returns the page count."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"无法写入：{printer.outputFileName() or printer.printerName()}")
    try:
        form = _FormPainter(painter, printer.resolution(), layout)
        pages = form.plan_pages()
        for number, page in enumerate(pages, start=1):
            if number > 1:
                printer.newPage()
            form.paint_page(page, number)
        return len(pages)
    finally:
        painter.end()


class _FormPainter:
    """Measures and paints one form. Every cell is measured once and painted once; what both need (the font
    metrics, a text's wrap flags, a cell's body font) is worked out once per render and looked up after."""

    def __init__(self, painter: QPainter, dpi: int, layout: FormLayout) -> None:
        self.painter, self.dpi, self.layout = painter, dpi, layout
        self._metrics: dict[FontRole, QFontMetricsF] = {}
        self._wrap_memo: dict[tuple[str, FontRole, float], int] = {}
        self._height_memo: dict[tuple[str, FontRole, float], float] = {}
        self._role_memo: dict[tuple[str, int], FontRole] = {}
        self._advance_memo: dict[tuple[str, FontRole], float] = {}
        self.merged = {(s.column, r): s for s in layout.merges for r in range(s.first, s.last + 1)}
        self.pen = QPen(Qt.GlobalColor.black, self.px(0.25))
        self.pad_x, self.pad_y = self.px(PAD_X_MM), self.px(PAD_Y_MM)
        self._painter_role: FontRole | None = None  # the painter's current font, so it is set only on a change
        page = layout.page
        self.left, self.top = self.px(page.margins.left), self.px(page.margins.top)
        self.width, self.height = self.px(page.content_width_mm), self.px(page.content_height_mm)
        self.col_x = [self.left]
        for column in layout.columns:
            self.col_x.append(self.col_x[-1] + self.px(column.width_mm))
        self.header_height = max(self.cell_height(h, i, fonts.TABLE_HEAD) for i, h in enumerate(layout.headers))

    def px(self, mm: float) -> float:
        return mm * self.dpi / 25.4

    # measuring -------------------------------------------------------------------------------------------
    def metrics(self, role: FontRole) -> QFontMetricsF:
        known = self._metrics.get(role)
        if known is None:
            known = self._metrics[role] = QFontMetricsF(qfont(role), self.painter.device())
        return known

    def text_height(self, text: str, role: FontRole, width: float, align: str = "left") -> float:
        """Height of text wrapped at width (the same for every alignment), measured once per text and width."""
        key = (text, role, round(width, 3))
        known = self._height_memo.get(key)
        if known is None:
            rect = self.metrics(role).boundingRect(QRectF(0, 0, width, 1e7), self._flags(text, role, width, align),
                                                   text or " ")
            known = self._height_memo[key] = rect.height()
        return known

    def _flags(self, text: str, role: FontRole, width: float, align: str) -> int:
        key = (text, role, round(width, 3))
        wrap = self._wrap_memo.get(key)
        if wrap is None:
            wrap = self._wrap_memo[key] = self._wrap(text, role, width)
        return _ALIGN_FLAGS.get(align, _ALIGN_FLAGS["left"]) | wrap

    def _advance(self, run: str, role: FontRole) -> float:
        key = (run, role)
        known = self._advance_memo.get(key)
        if known is None:
            known = self._advance_memo[key] = self.metrics(role).horizontalAdvance(run)
        return known

    def _wrap(self, text: str, role: FontRole, width: float) -> int:
        longest = max((self._advance(run, role) for run in _LATIN_RUN.findall(text or "")), default=0)
        if longest > width:  # a long unbroken Latin run (a URL, a long number): break it anywhere
            # (only then: wrapping anywhere would also drop the rule that keeps "，" off the start of a line)
            return int(Qt.TextFlag.TextWrapAnywhere)
        return int(Qt.TextFlag.TextWordWrap)

    def span_width(self, first: int, last: int) -> float:
        return self.col_x[last + 1] - self.col_x[first]

    def cell_height(self, text: str, column: int, role: FontRole, last: int | None = None) -> float:
        inner = self.span_width(column, column if last is None else last) - 2 * self.px(PAD_X_MM)
        return max(self.text_height(text, role, inner), 0) + 2 * self.px(PAD_Y_MM)

    def body_role(self, text: str, column: int) -> FontRole:
        """The body font, made smaller for an unbreakable text (a mobile number) until it fits on one line."""
        key = (text, column)
        known = self._role_memo.get(key)
        if known is None:
            known = self._role_memo[key] = self._fitting_body_role(text, column)
        return known

    def _fitting_body_role(self, text: str, column: int) -> FontRole:
        role = fonts.TABLE_BODY.sized(fit_size(text, self.layout.columns[column].width_mm, fonts.TABLE_BODY.size_pt))
        if not unbreakable(text):
            return role
        inner = self.span_width(column, column) - 2 * self.px(PAD_X_MM)
        while role.size_pt > 8 and self.metrics(role).horizontalAdvance(text) > inner:
            role = role.sized(role.size_pt - 0.5)
        return role

    def row_heights(self) -> list[float]:
        merged = self.merged
        last_col = len(self.layout.columns) - 1
        own = []
        for index, row in enumerate(self.layout.rows):
            if row.heading:
                cells = [self.cell_height(row.cells[0], 0, fonts.PART_HEADING, last_col)]
            else:
                cells = [self.cell_height(text, col, self.body_role(text, col)) for col, text in enumerate(row.cells)
                         if (col, index) not in merged]
            own.append(max(cells + [self.px(max(MIN_ROW_MM, self.layout.min_row_mm))]))
        need = {i: self.cell_height(self.layout.rows[s.first].cells[s.column], s.column, fonts.TABLE_BODY)
                for i, s in enumerate(self.layout.merges)}
        return spread_merged_heights(self.layout, own, need)

    def heading_block_height(self) -> float:
        return self._heading_block(paint=False)

    def note_heights(self) -> list[float]:
        return [self.text_height(n, fonts.NOTE, self.width) + self.px(2) for n in self.layout.notes]

    def plan_pages(self) -> list[PagePlan]:
        self.heights = self.row_heights()
        room = self.height - self.header_height
        return paginate(self.layout, self.heights, first_page_room=room - self.heading_block_height(),
                        page_room=room, note_heights=self.note_heights())

    # painting --------------------------------------------------------------------------------------------
    def paint_page(self, page: PagePlan, number: int) -> None:
        self.painter.setPen(self.pen)  # one pen for every rule and text; nothing else changes it
        self._painter_role = None
        y = self.top + (self._heading_block(paint=True) if page.first else 0)
        if page.rows or page.first:
            y = self._paint_header_row(y)
        row_y = {}
        for row in page.rows:
            row_y[row] = y
            y += self.heights[row]
        self._paint_rows(page, row_y)
        for index in page.notes:
            text = self.layout.notes[index]
            height = self.text_height(text, fonts.NOTE, self.width)
            self._text(QRectF(self.left, y + self.px(2), self.width, height), text, fonts.NOTE, "left")
            y += height + self.px(2)
        self._page_number(number)

    def _heading_block(self, *, paint: bool) -> float:
        y = self.top
        label_h = self.text_height(self.layout.label, fonts.LABEL, self.width)
        if paint:
            self._text(QRectF(self.left, y, self.width, label_h), self.layout.label, fonts.LABEL, "left")
        y += label_h + self.px(2)
        title_h = self.text_height(self.layout.title, fonts.TITLE, self.width, "center")
        if paint:
            self._text(QRectF(self.left, y, self.width, title_h), self.layout.title, fonts.TITLE, "center")
        y += title_h + self.px(4)
        if self.layout.header_fields:
            field_h = self.text_height("单位", fonts.FIELDS, self.width)
            if paint:
                starts = [0.0, 0.55]
                for (label, value), start in zip(self.layout.header_fields, starts, strict=False):
                    rect = QRectF(self.left + self.width * start, y, self.width * (1 - start), field_h)
                    self._text(rect, label + value, fonts.FIELDS, "left")
            y += field_h + self.px(2)
        return y - self.top

    def _paint_header_row(self, y: float) -> float:
        for col, header in enumerate(self.layout.headers):
            self._cell(QRectF(self.col_x[col], y, self.span_width(col, col), self.header_height), header,
                       fonts.TABLE_HEAD, "center")
        return y + self.header_height

    def _paint_rows(self, page: PagePlan, row_y: dict[int, float]) -> None:
        merged = self.merged
        last_col = len(self.layout.columns) - 1
        for row in page.rows:
            cells = self.layout.rows[row].cells
            if self.layout.rows[row].heading:
                rect = QRectF(self.col_x[0], row_y[row], self.span_width(0, last_col), self.heights[row])
                self._cell(rect, cells[0], fonts.PART_HEADING, "left")
                continue
            for col, spec in enumerate(self.layout.columns):
                span = merged.get((col, row))
                if span is None:
                    rect = QRectF(self.col_x[col], row_y[row], self.span_width(col, col), self.heights[row])
                    self._cell(rect, cells[col], self.body_role(cells[col], col), spec.align)
                elif row == span.first or row == page.rows[0]:
                    # the merged box, cut at the page edge; a continued item repeats its text on the new page
                    rows_here = [r for r in page.rows if span.first <= r <= span.last]
                    height = sum(self.heights[r] for r in rows_here)
                    rect = QRectF(self.col_x[col], row_y[row], self.span_width(col, col), height)
                    self._cell(rect, self.layout.rows[span.first].cells[col], fonts.TABLE_BODY, spec.align)

    def _cell(self, rect: QRectF, text: str, role: FontRole, align: str) -> None:
        self.painter.drawRect(rect)
        inner = rect.adjusted(self.pad_x, self.pad_y, -self.pad_x, -self.pad_y)
        # No clip of our own: drawText already cuts a text taller than its rectangle (a merged cell cut at the
        # page edge) at the inner rectangle, unless told TextDontClip; a clip per cell only cost time.
        self._text(inner, text, role, align)

    def _text(self, rect: QRectF, text: str, role: FontRole, align: str) -> None:
        if role != self._painter_role:
            self.painter.setFont(qfont(role))
            self._painter_role = role
        self.painter.drawText(rect, self._flags(text, role, rect.width(), align), text)

    def _page_number(self, number: int) -> None:
        """"— N —" 4号宋体: odd pages at the right, even pages at the left, one character in (§7.5)."""
        indent = self.px(fonts.PAGE_NUMBER.size_pt * 25.4 / 72)
        y = self.top + self.height + self.px(PAGE_NUMBER_GAP_MM) - self.px(2)
        rect = QRectF(self.left + indent, y, self.width - 2 * indent, self.px(8))
        self._text(rect, f"— {number} —", fonts.PAGE_NUMBER, "right" if number % 2 else "left")
