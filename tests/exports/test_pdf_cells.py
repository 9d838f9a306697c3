"""A PDF cell's text stays inside its box: cut off when it does not fit (Qt's drawText clips), whole when it does."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from gwr_desktop.exports import fonts
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.pdf import _FormPainter, qfont

LONG = "统筹用好中央预算内资金、地方政府专项债券、政策性开发性金融工具等资金，鼓励民间资本参与重大工程建设。" * 3
DPI = 150


def _paint_cell(layout: FormLayout, rect: QRectF, text: str) -> QImage:
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        _FormPainter(painter, DPI, layout)._cell(rect, text, fonts.TABLE_BODY, "left")
    finally:
        painter.end()
    return image


def _inked_rows(image: QImage) -> list[int]:
    white = QColor("white").rgb()
    return [y for y in range(image.height()) if any(image.pixel(x, y) != white for x in range(image.width()))]


def test_text_taller_than_its_cell_is_cut_at_the_cell_edge(plan_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    rect = QRectF(50, 200, 300, 60)  # a few lines' room for a text that needs many more
    inked = _inked_rows(_paint_cell(plan_layout, rect, LONG))
    assert inked and inked[0] >= rect.top() - 1 and inked[-1] <= rect.bottom() + 1


def test_text_that_fits_is_drawn_whole_inside_the_cell(plan_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    rect = QRectF(50, 20, 300, 560)
    image = _paint_cell(plan_layout, rect, LONG)
    inked = [y for y in _inked_rows(image) if rect.top() + 2 < y < rect.bottom() - 2]  # the text, not the border
    line = qfont(fonts.TABLE_BODY).pointSizeF() * DPI / 72
    assert len(inked) > 4 * line * 0.5  # several lines of glyphs, all inside the box
