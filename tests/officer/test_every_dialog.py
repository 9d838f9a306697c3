"""Every window and dialog of the program opened once, painted and closed — in the ordinary run and again on a
real X server (marked `xcb`, tests/test_under_xvfb.py: Xvfb at 1366×768), where each must also fit the screen.

Not here: QFileDialog and the modal crash dialog (their own tests replace them), QProgressDialog of the plan
import (tests/plan_import/window)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import handover, signoff
from gwr_desktop.services.database import Database, sqlite_file
from gwr_desktop.services.plan_preview import preview_plan
from gwr_desktop.ui.export.history import HistoryDialog
from gwr_desktop.ui.export.printing import FormPreviewDialog
from gwr_desktop.ui.export.signoff_dialog import SignoffDialog
from gwr_desktop.ui.officer import intake_flow
from gwr_desktop.ui.officer.handover_dialog import HandoverDialog
from gwr_desktop.ui.officer.help_dialog import HelpDialog
from gwr_desktop.ui.plan_import.review_dialog import PlanReviewDialog
from gwr_desktop.ui.safety.data_folder_dialog import DataFolderDialog, FolderDialog
from gwr_desktop.ui.safety.restore_dialog import RestoreDialog
from tests.forms.sample_content import PLAN, UNIT, fill_sample
from tests.officer import handmade
from tests.plan_import.second_year import TEXT_FILE
from tests.xvfb import on_x_server

pytestmark = pytest.mark.xcb


def check_shown(qtbot: QtBot, widget: QWidget) -> None:
    """Mapped, painted with something on it, and (on the X server) within the screen."""
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage()
    assert image.width() > 100 and image.height() > 60, type(widget).__name__
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 3, f"{type(widget).__name__} painted nothing"  # text, frames and fields, not one grey
    if on_x_server():
        assert QGuiApplication.platformName() == "xcb"
        screen = widget.screen().availableGeometry()
        frame = widget.frameGeometry()
        assert frame.width() <= screen.width() and frame.height() <= screen.height(), \
            f"{type(widget).__name__} {frame.width()}×{frame.height()} does not fit {screen.width()}×{screen.height()}"


@pytest.fixture
def window(make_window, sqlite_db: Database):  # noqa: ANN001, ANN201
    fill_sample(sqlite_db)
    return make_window(UNIT)


def test_the_main_window_and_its_pages(qtbot: QtBot, window) -> None:  # noqa: ANN001
    check_shown(qtbot, window)
    window.show_page(window.forms_page)
    workspace = window.forms_page.workspace
    for page in range(workspace.count()):
        workspace.setCurrentIndex(page)
        check_shown(qtbot, window)
    chooser = window.open_unit_chooser()
    check_shown(qtbot, chooser)
    chooser.reject()


def signed_contacts(db: Database, folder: Path) -> tuple[signoff.SignedVersion, list[Path]]:
    folder.mkdir(exist_ok=True)
    return signoff.sign_off(db, PLAN, UNIT, FormKind.CONTACTS, folder, formats=["docx"])


DIALOGS: dict[str, Callable] = {
    "import preview": lambda w, db, tmp: intake_flow.import_file(w.forms_page.workspace.plan_editor,
                                                                 handmade.plan_docx(tmp)),
    "sign-off": lambda w, db, tmp: SignoffDialog(db, PLAN, UNIT, FormKind.CONTACTS, folder=tmp / "out", parent=w),
    "hand-over": lambda w, db, tmp: HandoverDialog(db, *signed_contacts(db, tmp / "h"), parent=w),
    "history": lambda w, db, tmp: (signed_contacts(db, tmp / "v"), HistoryDialog(db, PLAN, UNIT, FormKind.CONTACTS,
                                                                                 parent=w))[1],
    "print preview": lambda w, db, tmp: FormPreviewDialog(
        signoff.layout_for(db, signoff.load_content(db, PLAN, UNIT, FormKind.CONTACTS))[0], w),
    "help": lambda w, db, tmp: HelpDialog(w),
    "plan review": lambda w, db, tmp: PlanReviewDialog(preview_plan(db, TEXT_FILE), w),
    "restore": lambda w, db, tmp: RestoreDialog(sqlite_file(db.url), w),
    "data folder": lambda w, db, tmp: DataFolderDialog(sqlite_file(db.url), w),
    "log folder": lambda w, db, tmp: FolderDialog(tmp, "日志文件夹", "程序日志和错误报告保存在：", w),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_opens_painted_and_fits(qtbot: QtBot, window, sqlite_db: Database, tmp_path: Path,  # noqa: ANN001
                                             name: str) -> None:
    window.show_page(window.forms_page)
    dialog = DIALOGS[name](window, sqlite_db, tmp_path)
    assert dialog is not None, name
    check_shown(qtbot, dialog)
    dialog.close()


def test_the_contacts_offer_after_an_import(qtbot: QtBot, window, sqlite_db: Database) -> None:  # noqa: ANN001
    from gwr_desktop.services.plan_import import import_plan

    import_plan(sqlite_db, TEXT_FILE)
    qtbot.waitUntil(lambda: window.contacts_offer.question is not None)
    check_shown(qtbot, window.contacts_offer.question)
    window.contacts_offer.question.reject()
    assert handover.office_email(sqlite_db, "2024") == ""
