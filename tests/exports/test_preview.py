"""The real print preview (QPrintPreviewDialog) opened as the menu, the sign-off dialog and 定稿记录 open it,
non-modally, and its pages counted: never blank, the same pages as the PDF. Tests marked `xcb` run again on a
real X server (tests/test_under_xvfb.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.pdf import render_pdf
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_content import load_content
from gwr_desktop.ui.export.history import HistoryDialog
from gwr_desktop.ui.export.menu import add_export_actions
from gwr_desktop.ui.export.printing import FormPreviewDialog
from gwr_desktop.ui.export.signoff_dialog import SignoffDialog
from tests.exports import samples
from tests.exports.text_check import pages_of
from tests.xvfb import on_x_server


def _pages_shown(qtbot, dialog: FormPreviewDialog) -> int:  # noqa: ANN001
    if on_x_server():
        assert QGuiApplication.platformName() == "xcb"  # really on the X server, not offscreen
    widget = dialog.preview_widget()
    qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=20_000)
    return widget.pageCount()


def _pdf_pages(db: Database, kind: FormKind, tmp_path: Path, quarter: int | None = None) -> int:
    layout, _ = signoff.layout_for(db, load_content(db, "2023", samples.UNIT, kind, quarter))
    render_pdf(layout, tmp_path / "same.pdf")
    return pages_of(tmp_path / "same.pdf")


@pytest.mark.xcb
def test_menu_preview_shows_the_pages_of_the_pdf(filled_db: Database, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = add_export_actions(window, window.menuBar().addMenu("表格"), filled_db,
                                 lambda: ("2023", samples.UNIT, FormKind.PLAN, None))
    actions["preview"].trigger()  # exactly what the menu item (Ctrl+P) does
    dialogs = window.findChildren(FormPreviewDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    assert _pages_shown(qtbot, dialogs[0]) == _pdf_pages(filled_db, FormKind.PLAN, tmp_path) > 5
    dialogs[0].close()


@pytest.mark.xcb
def test_signoff_dialog_and_history_previews_are_not_blank(filled_db: Database, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    dialog = SignoffDialog(filled_db, "2023", samples.UNIT, FormKind.PROGRESS, quarter=2, folder=tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.buttons["preview"].click()
    preview = dialog.findChildren(FormPreviewDialog)[0]
    assert _pages_shown(qtbot, preview) == _pdf_pages(filled_db, FormKind.PROGRESS, tmp_path, 2)
    preview.close()
    signoff.sign_off(filled_db, "2023", samples.UNIT, FormKind.CONTACTS, tmp_path, formats=["docx"])
    history = HistoryDialog(filled_db, "2023", samples.UNIT, FormKind.CONTACTS)
    qtbot.addWidget(history)
    history.preview_button.click()
    assert _pages_shown(qtbot, history.findChildren(FormPreviewDialog)[0]) == 1
