"""Print preview and direct printing of a form, painted by the same code as the app's PDF.

The preview dialog owns what paints its pages (the layout and the printer): a painter object dropped before
the dialog opened left every preview blank ("1 / 0"), because Qt's connection to a bound method does not keep
its object alive. `open_preview` is the one way the menu, the sign-off dialog and 定稿记录 open it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.pdf import configure_printer, paint_form
from gwr_desktop.exports.pdf_fonts import NoChineseFontError, require_chinese_font

_OPEN: set[FormPreviewDialog] = set()  # previews without a parent, kept until closed


def new_printer(layout: FormLayout) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, layout)
    return printer


class FormPreviewDialog(QPrintPreviewDialog):
    """打印预览 of one form: paints the pages on request, for as long as the dialog lives."""

    def __init__(self, layout: FormLayout, parent: QWidget | None = None) -> None:
        self.layout_to_print = layout
        self.page_printer = new_printer(layout)  # the dialog uses it until it closes (not `printer`: Qt's method)
        super().__init__(self.page_printer, parent)
        self.pages = 0
        self.setWindowTitle(f"打印预览 - {layout.label} {layout.title[:60]}")
        self.paintRequested.connect(self.paint)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:  # a page one can read: most of the screen, not Qt's small default
            self.resize(screen.width() * 4 // 5, screen.height() * 9 // 10)

    def paint(self, printer: QPrinter) -> None:
        self.pages = paint_form(printer, self.layout_to_print)

    def preview_widget(self) -> QPrintPreviewWidget:
        widget = self.findChild(QPrintPreviewWidget)
        assert widget is not None, "QPrintPreviewDialog makes its preview widget"
        return widget


def open_preview(layout: FormLayout, parent: QWidget | None = None) -> FormPreviewDialog | None:
    """Open the preview (window-modal, not blocking) and return it; None after telling the user why not."""
    try:
        require_chinese_font()
    except NoChineseFontError as error:
        QMessageBox.warning(parent, "打印预览", str(error))
        return None
    dialog = FormPreviewDialog(layout, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _OPEN.add(dialog)
        dialog.finished.connect(lambda _result: _OPEN.discard(dialog))
    dialog.open()
    return dialog


def print_with_dialog(layout: FormLayout, parent: QWidget | None = None) -> bool:
    """Ask which printer (QPrintDialog), then print; False when the user cancels or no font can print."""
    try:
        require_chinese_font()
    except NoChineseFontError as error:
        QMessageBox.warning(parent, "打印", str(error))
        return False
    printer = new_printer(layout)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印 - {layout.label}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    configure_printer(printer, layout)  # the dialog may have changed paper or orientation
    paint_form(printer, layout)
    return True
