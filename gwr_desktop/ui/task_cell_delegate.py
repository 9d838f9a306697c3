"""Paints the task table's cells from prepared text: what a repaint after each keystroke mostly costs.

Qt's default painting lays every cell's text out again on every paint (splitting it into scripts, shaping
it and breaking it into lines), about half of a cell's painting time. Here each cell's text is laid out once
per column width, cut to the lines the row can show with "…" at the end as Qt's own wrapping would, and the
shaped layout is kept (up to CACHE_LIMIT cells), so later paints only draw it. A first paint costs what Qt's
own painting costs. Background, selection and focus frame are still drawn by the style, and everything else (tooltips,
size hints, accessibility) still comes from the model.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionFocusRect, QStyleOptionViewItem, QWidget

from gwr_desktop.ui.models.task_cells import ALIGNMENTS, cell_looks

CACHE_LIMIT = 2000  # laid-out cells kept (~11 KB each; a screenful is ~65, a plan 1,610); then it starts again
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_FOCUS = QStyle.PrimitiveElement.PE_FrameFocusRect
_SELECTED = QStyle.StateFlag.State_Selected
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus
_ACTIVE = QStyle.StateFlag.State_Active
_WRAP = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere  # what an item view uses when it wraps words

Index = QModelIndex | QPersistentModelIndex
Prepared = tuple[QTextLayout, int, int]  # the laid-out text, its x and y offsets inside the cell


class TaskCellDelegate(QStyledItemDelegate):
    def __init__(self, entry_at, parent: QWidget | None = None) -> None:  # noqa: ANN001 - row → TaskEntry
        super().__init__(parent)
        self._entry_at = entry_at
        self._prepared: dict[tuple, Prepared] = {}
        self._font = QFont()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry, column = self._entry_at(index.row()), index.column()
        widget, rect, state = option.widget, option.rect, option.state
        style = widget.style()
        style.drawPrimitive(_PANEL, option, painter, widget)
        if option.font != self._font:  # prepared texts are laid out in one font
            self._prepared.clear()
            self._font = QFont(option.font)
        colour, bold = cell_looks(entry, column)
        if state & _SELECTED or colour is None:
            role = QPalette.ColorRole.HighlightedText if state & _SELECTED else QPalette.ColorRole.Text
            colour = option.palette.color(_colour_group(state), role)
        text = entry.cells[column]
        key = (text, column, rect.width(), rect.height(), bold is not None)
        font = option.font if bold is None else bold.resolve(option.font)
        layout, dx, dy = self._prepared.get(key) or self._prepare(key, text, column, font, style, rect.size())
        painter.setPen(colour)
        if bold is not None:
            painter.setFont(font)
        layout.draw(painter, QPointF(rect.x() + dx, rect.y() + dy))
        if bold is not None:
            painter.setFont(option.font)
        if state & _HAS_FOCUS:
            self._draw_focus(painter, option, style)

    def _prepare(self, key: tuple, text: str, column: int, font: QFont, style: QStyle, size: QSize) -> Prepared:
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1  # as Qt's item text margin
        width = max(1, size.width() - 2 * margin)
        lines = max(1, size.height() // QFontMetrics(font).lineSpacing())
        alignment = Qt.AlignmentFlag(ALIGNMENTS[column] & ~int(Qt.AlignmentFlag.AlignVCenter))
        layout, height = fitted_layout(text, font, width, lines, alignment)
        if len(self._prepared) >= CACHE_LIMIT:
            self._prepared.clear()
        prepared = (layout, margin, (size.height() - int(height)) // 2)
        self._prepared[key] = prepared
        return prepared

    def _draw_focus(self, painter: QPainter, option: QStyleOptionViewItem, style: QStyle) -> None:
        focus = QStyleOptionFocusRect()
        focus.initFrom(option.widget)
        focus.rect, focus.state = option.rect, option.state | QStyle.StateFlag.State_KeyboardFocusChange
        focus.backgroundColor = option.palette.color(QPalette.ColorRole.Highlight if option.state & _SELECTED
                                                     else QPalette.ColorRole.Window)
        style.drawPrimitive(_FOCUS, focus, painter, option.widget)


def _colour_group(state: QStyle.StateFlag) -> QPalette.ColorGroup:
    """The palette group Qt's own item painting uses for this state."""
    if not state & QStyle.StateFlag.State_Enabled:
        return QPalette.ColorGroup.Disabled
    return QPalette.ColorGroup.Active if state & _ACTIVE else QPalette.ColorGroup.Inactive


def fitted_layout(text: str, font: QFont, width: int, lines: int,
                  alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> tuple[QTextLayout, float]:
    """`text` laid out in at most `lines` lines of `width`, the last ending in "…" when cut (as Qt elides).

    Returns the layout, kept shaped for drawing, and its height.
    """
    layout, height = _laid_out(text, font, width, alignment, lines + 1)
    if layout.lineCount() > lines:
        last = layout.lineAt(lines - 1).textStart()
        text = text[:last] + QFontMetrics(font).elidedText(text[last:], Qt.TextElideMode.ElideRight, width)
        layout, height = _laid_out(text, font, width, alignment, lines)
    return layout, height


def fitted_text(text: str, font: QFont, width: int, lines: int) -> str:
    return fitted_layout(text, font, width, lines)[0].text()


def _laid_out(text: str, font: QFont, width: int, alignment: Qt.AlignmentFlag, most: int) -> tuple[QTextLayout, float]:
    layout = QTextLayout(text, font)
    option = QTextOption(alignment)
    option.setWrapMode(_WRAP)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)  # keep the shaped glyphs: drawing again does not lay out again
    height, count = 0.0, 0
    layout.beginLayout()
    while count < most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height()
        count += 1
    layout.endLayout()
    return layout, height
