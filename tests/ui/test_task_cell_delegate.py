"""The task table's own cell painting looks exactly like Qt's, and cuts long text the way Qt elides it."""

from __future__ import annotations

from PySide6.QtGui import QImage, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

from gwr_desktop.ui.task_cell_delegate import TaskCellDelegate, fitted_text
from tests.ui.conftest import visible_keys

LONG = "把恢复和扩大消费摆在优先位置，积极培育新业态、新场景，加快建设国际消费中心城市。" * 4


def table_image(browser) -> QImage:  # noqa: ANN001 - TaskBrowser
    QApplication.processEvents()
    return browser.table.grab().toImage()


def on_screen(browser, key: str) -> bool:  # noqa: ANN001 - TaskBrowser
    rect = browser.table.visualRect(browser.proxy.index(visible_keys(browser).index(key), 0))
    return browser.table.viewport().rect().contains(rect)  # wholly: the row's last line shows too


def differing_pixels(first: QImage, second: QImage) -> int:
    assert first.size() == second.size()
    pixels = ((x, y) for y in range(first.height()) for x in range(first.width()))
    return sum(1 for x, y in pixels if first.pixel(x, y) != second.pixel(x, y))


def test_cells_paint_exactly_as_qt_paints_them(make_window) -> None:
    """Selected row, bold 牵头, grey no-lead-rule units, wrapped and elided text, focus: pixel for pixel."""
    browser = make_window("市商务局").browser
    browser.set_role_filter("all")
    assert isinstance(browser.table.itemDelegate(), TaskCellDelegate)
    browser.window().resize(1400, 900)
    browser.select_item("二-1")
    browser.table.scrollToTop()
    browser.table.setFocus()
    ours = table_image(browser)
    browser.table.setItemDelegate(QStyledItemDelegate(browser.table))
    qts = table_image(browser)
    # on screen: 一-3 (市发改委 grey, led by the no-lead rule), 二-1 (selected, bold 牵头), 二-2 (text cut with …)
    assert all(on_screen(browser, key) for key in ("一-3", "二-1", "二-2"))
    assert differing_pixels(ours, qts) == 0


def lines_needed(text: str, font, width: int) -> int:  # noqa: ANN001 - QFont
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    count = 0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        count += 1
    layout.endLayout()
    return count


def test_long_text_is_cut_to_the_lines_shown_with_an_ellipsis(make_window) -> None:
    font, width = make_window().browser.table.font(), 300
    assert lines_needed(LONG, font, width) > 3
    shown = fitted_text(LONG, font, width, 3)
    assert shown.endswith("…") and LONG.startswith(shown[:-1])
    assert lines_needed(shown, font, width) == 3
    assert len(shown) > len(LONG) // 4  # three full lines' worth, not a token
    short = "城镇新增就业22万人以上。"
    assert fitted_text(short, font, width, 3) == short

