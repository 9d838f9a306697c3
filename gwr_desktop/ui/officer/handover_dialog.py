"""报送: hand a signed version over in one step — its files (and the scan of the signed, stamped page) copied
to the clipboard as files, a pre-addressed e-mail, or one zip named like the files — with the folder always
visible and 复制路径 where it cannot be opened.

The 督查室's address is plan data (one per plan, editable here or with `set-office-email`); the scans are kept
with the version in the database (services/handover.py says why) and written beside the files when handed over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.handover import mailto_url
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.services import handover, signoff
from gwr_desktop.services.database import Database
from gwr_desktop.services.signoff import SignedVersion
from gwr_desktop.ui.officer.clipboard_files import copy_files
from gwr_desktop.ui.officer.folders import FolderRow
from gwr_desktop.ui.officer.message_line import MessageLine
from gwr_desktop.ui.officer.tones import Tone

SCAN_FILTER = "签字盖章页扫描件 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)"


class Prompts:
    """The file chooser and the system's mail link, classmethods so tests can replace them."""

    @classmethod
    def open_scan(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "选择签字盖章页的扫描件", folder, SCAN_FILTER)
        return Path(name) if name else None

    @classmethod
    def open_url(cls, url: str) -> bool:
        return QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii")))


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    return button


class HandoverDialog(QDialog):
    def __init__(self, db: Database, signed: SignedVersion, paths: list[Path] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.signed = db, signed
        self.paths = list(paths) if paths else [Path(signed.folder) / name for name in signed.files]
        self.files: list[Path] = []
        self.last_mailto = ""
        self.setWindowTitle("报送")
        self.heading = QLabel(self._heading())
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.file_list = QListWidget()
        self.folder_row = FolderRow()
        self.scan_list = QListWidget()
        self._stored_email = handover.office_email(db, signed.plan_key)
        self.email = QLineEdit(self._stored_email)
        self.email.setPlaceholderText("市政府督查室的邮箱，如 duchashi@example.gov.cn（本方案内保存）")
        self.message = MessageLine()
        self.buttons = {
            "copy": _button("复制文件", "把报送文件（含扫描件）作为文件复制到剪贴板：可直接粘贴到邮件附件或文件夹中"),
            "mail": _button("写邮件…", "用本机的邮件程序新建一封写好收件人、主题和正文的邮件（附件请粘贴或添加）"),
            "zip": _button("打包为 zip", "把报送文件打包成一个 zip（名称与文件相同），并复制到剪贴板"),
            "scan": _button("附加扫描件…", "附加签字盖章页的扫描件（PDF、JPG 或 PNG），随本版本保存并一同报送"),
            "unscan": _button("移除扫描件", "从本版本中移除所选的扫描件"),
            "email": _button("保存邮箱", "保存督查室的邮箱（本方案的设置，以后报送都用它）"),
            "reexport": _button("重新导出文件", "定稿时写出的文件不在了：按本版本的定稿内容重新导出到原文件夹"),
        }
        self._build()
        self.refresh()

    def _heading(self) -> str:
        signed = self.signed
        document = signoff.frozen_document(self.db, signed.id)
        period = quarter_label(signed.quarter) if signed.quarter else ""
        return (f"报送 {document.layout.label} {period}{document.form_name} 第 {signed.version} 版"
                f"（{signed.signed_at:%Y-%m-%d %H:%M} 定稿）")

    def _build(self) -> None:
        files = QGroupBox("报送文件")
        box = QVBoxLayout(files)
        box.addWidget(self.file_list)
        box.addWidget(self.folder_row)
        box.addWidget(self.buttons["reexport"])
        scans = QGroupBox("签字盖章页扫描件（主要负责人签字、盖章后扫描）")
        scan_box = QVBoxLayout(scans)
        scan_box.addWidget(self.scan_list)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.buttons["scan"])
        scan_row.addWidget(self.buttons["unscan"])
        scan_row.addStretch(1)
        scan_box.addLayout(scan_row)
        send = QGroupBox("报送给市政府督查室")
        send_box = QVBoxLayout(send)
        mail_row = QHBoxLayout()
        mail_row.addWidget(QLabel("督查室邮箱："))
        mail_row.addWidget(self.email, 1)
        mail_row.addWidget(self.buttons["email"])
        send_box.addLayout(mail_row)
        actions = QHBoxLayout()
        for name in ("copy", "mail", "zip"):
            self.buttons[name].setMinimumHeight(34)
            actions.addWidget(self.buttons[name], 1)
        send_box.addLayout(actions)
        self.file_list.setMaximumHeight(110)
        self.scan_list.setMaximumHeight(64)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, files, scans, send, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(close)
        self.buttons["copy"].setDefault(True)
        self._connect()
        self._fit()

    def _connect(self) -> None:
        self.buttons["copy"].clicked.connect(self.copy_files)
        self.buttons["mail"].clicked.connect(self.write_mail)
        self.buttons["zip"].clicked.connect(self.pack)
        self.buttons["scan"].clicked.connect(self.choose_scan)
        self.buttons["unscan"].clicked.connect(self.remove_scan)
        self.buttons["email"].clicked.connect(self.save_email)
        self.buttons["reexport"].clicked.connect(self.reexport)
        self.email.editingFinished.connect(self._email_left)

    def _email_left(self) -> None:
        if self.email.text().strip() != self._stored_email:
            self.save_email()

    def _fit(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 760, 560
        if screen is not None:
            width, height = min(width, screen.width() * 9 // 10), min(height, screen.height() * 9 // 10)
        self.resize(width, height)

    # ---- state -----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        missing = [path for path in self.paths if not path.is_file()]
        self.buttons["reexport"].setVisible(bool(missing))
        self.scans = handover.scans(self.db, self.signed.id)
        self.scan_list.clear()
        self.scan_list.addItems([f"{s.name}（{s.size / 1024:.0f} KB，{s.added_at:%m-%d %H:%M} 附加）"
                                 for s in self.scans])
        self.buttons["unscan"].setEnabled(bool(self.scans))
        ready = not missing and bool(self.paths)
        for name in ("copy", "mail", "zip"):
            self.buttons[name].setEnabled(ready)
        self.file_list.clear()
        self.file_list.addItems([p.name + ("（文件不在了）" if p in missing else "") for p in self.paths])
        self.file_list.addItems([f"{s.name}（扫描件，报送时写到同一文件夹）" for s in self.scans])
        folder = self.paths[0].parent if self.paths else None
        self.folder_row.set_folder(folder, self.paths[0] if self.paths else None)
        if missing:
            self.message.show_message("定稿时写出的文件已被移动或删除，可“重新导出文件”。", Tone.WARNING)

    def handover_files(self) -> list[Path]:
        """The exports and, written beside them, the scans: what every hand-over action uses."""
        try:
            self.files = handover.handover_files(self.db, self.signed, self.paths)
        except handover.HandoverError as error:
            self.message.show_message(str(error), Tone.ERROR)
            return []
        return self.files

    # ---- actions -------------------------------------------------------------------------------------------------
    def copy_files(self) -> list[Path]:
        files = self.handover_files()
        if files:
            copy_files(files)
            self.message.show_message(f"已把 {len(files)} 个文件复制到剪贴板：在邮件中粘贴（Ctrl+V）即成附件，"
                                      "也可粘贴到 U 盘等文件夹。", Tone.SUCCESS)
        return files

    def write_mail(self) -> str:
        files = self.handover_files()
        if not files:
            return ""
        subject, body = signoff.mail_text(self.db, self.signed, files)
        url = mailto_url(self.email.text().strip(), subject, body)
        self.last_mailto = url
        copy_files(files)  # the mail program cannot be given attachments through mailto: they wait on the clipboard
        attach = "报送文件已复制到剪贴板，在邮件正文中粘贴（Ctrl+V）即成附件。"
        if not Prompts.open_url(url):
            QGuiApplication.clipboard().setText(f"{subject}\n\n{body}")
            self.message.show_message("这台电脑上没有可用的邮件程序。邮件主题和正文已复制到剪贴板，请粘贴到网页邮箱；"
                                      "附件可用“复制路径”找到。", Tone.WARNING)
        elif not self.email.text().strip():
            self.message.show_message("已打开新邮件，但还没有督查室邮箱：请填写收件人（在上方保存邮箱后，下次自动填入）。"
                                      + attach, Tone.WARNING)
        else:
            self.message.show_message(f"已打开新邮件（收件人、主题、正文已填好）。{attach}", Tone.SUCCESS)
        return url

    def pack(self) -> Path | None:
        files = self.handover_files()
        if not files:
            return None
        try:
            archive = handover.pack_zip(files)
        except handover.HandoverError as error:
            self.message.show_message(str(error), Tone.ERROR)
            return None
        copy_files([archive])
        self.folder_row.set_folder(archive.parent, archive)
        self.message.show_message(f"已打包为“{archive.name}”（{len(files)} 个文件），并已复制到剪贴板。", Tone.SUCCESS)
        return archive

    def choose_scan(self) -> None:
        folder = str(self.paths[0].parent) if self.paths else ""
        path = Prompts.open_scan(self, folder)
        if path is not None:
            self.attach(path)

    def attach(self, path: Path) -> bool:
        try:
            handover.attach_scan(self.db, self.signed.id, path)
        except handover.HandoverError as error:
            self.message.show_message(str(error), Tone.ERROR)
            return False
        self.refresh()
        self.message.show_message(f"已附加“{path.name}”，随第 {self.signed.version} 版保存，报送时一同发送。",
                                  Tone.SUCCESS)
        return True

    def remove_scan(self) -> None:
        row = self.scan_list.currentRow()
        if 0 <= row < len(self.scans):
            handover.remove_scan(self.db, self.scans[row].id)
            self.refresh()

    def save_email(self) -> bool:
        try:
            stored = handover.set_office_email(self.db, self.signed.plan_key, self.email.text())
        except handover.HandoverError as error:
            self.message.show_message(str(error), Tone.ERROR)
            return False
        self._stored_email = stored
        if stored != self.email.text():
            self.email.setText(stored)
        self.message.show_message(f"已保存督查室邮箱：{stored}" if stored else "已清除督查室邮箱。", Tone.SUCCESS)
        return True

    def reexport(self) -> None:
        folder = self.paths[0].parent if self.paths else Path(self.signed.folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.paths = signoff.reexport(self.db, self.signed.id, folder)
        except (ExportWriteError, OSError) as error:
            self.message.show_message(str(error), Tone.ERROR)
            return
        self.refresh()
        self.message.show_message(f"已按第 {self.signed.version} 版重新导出 {len(self.paths)} 个文件。", Tone.SUCCESS)
