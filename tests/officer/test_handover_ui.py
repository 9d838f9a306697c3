"""报送 in the window: files on the clipboard as files (for Explorer and the 信创 file managers), a pre-addressed
e-mail, a zip named like the files, the scan attached to the version, and a folder path that is never silent."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import handover, signoff
from gwr_desktop.services.database import Database
from gwr_desktop.ui.export.signoff_dialog import SignoffDialog
from gwr_desktop.ui.officer import handover_dialog as hd
from gwr_desktop.ui.officer.clipboard_files import GNOME_FILES, URI_LIST
from gwr_desktop.ui.officer.folders import CANNOT_OPEN
from gwr_desktop.ui.officer.tones import Tone
from tests.forms.sample_content import PLAN, UNIT, fill_sample
from tests.officer.test_handover import PNG

pytestmark = pytest.mark.xcb  # again on a real X server: tests/test_under_xvfb.py


@pytest.fixture
def dialog(qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> hd.HandoverDialog:
    fill_sample(sqlite_db)
    folder = tmp_path / "报送"
    folder.mkdir()
    version, paths = signoff.sign_off(sqlite_db, PLAN, UNIT, FormKind.CONTACTS, folder, formats=["docx", "xlsx"])
    handover.set_office_email(sqlite_db, PLAN, "duchashi@wuhan.gov.cn")
    shown = hd.HandoverDialog(sqlite_db, version, paths)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def clipboard_files() -> list[Path]:
    return [Path(url.toLocalFile()) for url in QGuiApplication.clipboard().mimeData().urls()]


def test_copy_puts_the_files_on_the_clipboard_as_files(dialog: hd.HandoverDialog) -> None:
    dialog.buttons["copy"].click()
    assert clipboard_files() == dialog.paths
    data = QGuiApplication.clipboard().mimeData()
    uris = bytes(data.data(URI_LIST)).decode("ascii").split("\r\n")
    assert [QUrl.fromEncoded(u.encode()).toLocalFile() for u in uris if u] == [str(p) for p in dialog.paths]
    gnome = bytes(data.data(GNOME_FILES)).decode("ascii").split("\n")
    assert gnome[0] == "copy" and [QUrl.fromEncoded(u.encode()).toLocalFile() for u in gnome[1:]] == \
        [str(p) for p in dialog.paths]
    assert dialog.message.tone is Tone.SUCCESS


def test_the_scan_goes_with_the_version_into_every_hand_over(dialog: hd.HandoverDialog, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    scan = tmp_path / "扫描.png"
    scan.write_bytes(PNG)
    monkeypatch.setattr(hd.Prompts, "open_scan", classmethod(lambda cls, parent, folder: scan))
    dialog.buttons["scan"].click()
    assert dialog.scan_list.count() == 1 and dialog.file_list.count() == 3
    dialog.buttons["copy"].click()
    copied = clipboard_files()
    assert len(copied) == 3 and copied[2].name.endswith("_签字盖章页.png") and copied[2].read_bytes() == PNG
    dialog.buttons["zip"].click()
    [archive] = clipboard_files()
    assert archive.name == dialog.paths[0].stem + ".zip"
    with zipfile.ZipFile(archive) as opened:
        assert [i.filename for i in opened.infolist()] == [p.name for p in copied]
    dialog.scan_list.setCurrentRow(0)
    dialog.buttons["unscan"].click()
    assert handover.scans(dialog.db, dialog.signed.id) == []


def test_write_mail_opens_a_pre_addressed_mail(dialog: hd.HandoverDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(hd.Prompts, "open_url", classmethod(lambda cls, url: opened.append(url) or True))
    dialog.buttons["mail"].click()
    [url] = opened
    assert url.startswith("mailto:duchashi@wuhan.gov.cn?subject=") and url == dialog.last_mailto
    subject, body = signoff.mail_text(dialog.db, dialog.signed, dialog.files)
    assert QUrl.fromEncoded(url.encode()).query(QUrl.ComponentFormattingOption.FullyDecoded) == \
        f"subject={subject}&body={body.replace(chr(10), chr(13) + chr(10))}"
    assert clipboard_files() == dialog.paths  # the attachments wait on the clipboard
    monkeypatch.setattr(hd.Prompts, "open_url", classmethod(lambda cls, url: False))
    dialog.buttons["mail"].click()
    assert dialog.message.tone is Tone.WARNING and QGuiApplication.clipboard().text().startswith(subject)


def test_the_address_is_edited_here_and_kept_with_the_plan(dialog: hd.HandoverDialog) -> None:
    dialog.email.setText("督查室")
    dialog.buttons["email"].click()
    assert dialog.message.tone is Tone.ERROR and handover.office_email(dialog.db, PLAN) == "duchashi@wuhan.gov.cn"
    dialog.email.setText("dcs@wuhan.gov.cn")
    dialog.buttons["email"].click()
    assert handover.office_email(dialog.db, PLAN) == "dcs@wuhan.gov.cn"


def test_a_folder_that_cannot_be_opened_shows_its_path(dialog: hd.HandoverDialog) -> None:
    row = dialog.folder_row
    assert row.path_label.text() == str(dialog.paths[0].parent)
    assert not row.open()  # offscreen: no file manager
    assert row.note.isVisible() and row.note.text() == CANNOT_OPEN
    row.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(dialog.paths[0].parent)


def test_moved_files_are_exported_again(dialog: hd.HandoverDialog) -> None:
    for path in dialog.paths:
        path.unlink()
    dialog.refresh()
    assert not dialog.buttons["copy"].isEnabled() and dialog.message.tone is Tone.WARNING
    dialog.buttons["reexport"].click()
    assert all(path.is_file() for path in dialog.paths) and dialog.buttons["copy"].isEnabled()


def test_signoff_dialog_offers_the_hand_over_and_never_a_silent_folder(qtbot: QtBot, sqlite_db: Database,
                                                                       tmp_path: Path) -> None:
    fill_sample(sqlite_db)
    dialog = SignoffDialog(sqlite_db, PLAN, UNIT, FormKind.CONTACTS, folder=tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.buttons["handover"].isEnabled()
    dialog.buttons["signoff"].click()
    assert dialog.buttons["handover"].isEnabled()
    assert not dialog.open_folder() and str(tmp_path / "out") in dialog.message.text()
    dialog.buttons["copy_path"].click()
    assert QGuiApplication.clipboard().text() == str((tmp_path / "out").resolve())
    dialog.buttons["handover"].click()
    assert dialog.handover.isVisible() and dialog.handover.paths == dialog.written
