"""Print preview and direct printing of a form, painted by the same code as the app's PDF."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.pdf import configure_printer, paint_form


class FormPrinter:
    """Holds one form's layout and paints it on whatever printer Qt hands over (preview or real)."""

    def __init__(self, layout: FormLayout) -> None:
        self.layout = layout
        self.pages = 0

    def new_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, self.layout)
        return printer

    def paint(self, printer: QPrinter) -> None:
        self.pages = paint_form(printer, self.layout)

    def preview_dialog(self, parent: QWidget | None = None) -> QPrintPreviewDialog:
        printer = self.new_printer()
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(f"打印预览 - {self.layout.label} {self.layout.title}")
        dialog.paintRequested.connect(self.paint)
        dialog._printer = printer  # keep the printer alive as long as the dialog
        return dialog

    def print_with_dialog(self, parent: QWidget | None = None) -> bool:
        """Ask which printer (QPrintDialog), then print; False when the user cancels."""
        printer = self.new_printer()
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(f"打印 - {self.layout.label}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        configure_printer(printer, self.layout)  # the dialog may have changed paper or orientation
        self.paint(printer)
        return True


def show_preview(layout: FormLayout, parent: QWidget | None = None) -> None:
    FormPrinter(layout).preview_dialog(parent).exec()
