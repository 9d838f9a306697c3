"""定稿与导出: the state of one form, what it still lacks, preview/print, draft export, sign-off, and after
sign-off the files, "打开文件夹" and the e-mail text for the 督查室."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
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

from gwr_desktop.domain.completeness import missing_fields
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.checks import export_warnings
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.naming import UnsafePathError, submission_folder
from gwr_desktop.exports.pdf_fonts import substitutions
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.os_errors import os_error_text
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_content import load_content
from gwr_desktop.ui.export.desktop import copy_mail
from gwr_desktop.ui.export.history import HistoryDialog
from gwr_desktop.ui.export.printing import open_preview, print_with_dialog
from gwr_desktop.ui.officer.folders import copy_path, open_folder

FORMAT_LABELS = (("docx", "Word (.docx)"), ("xlsx", "Excel (.xlsx)"), ("pdf", "PDF"))
_ERRORS = (ExportWriteError, UnsafePathError, signoff.IncompleteFormError, signoff.UnchangedSinceSignoffError)


class SignoffDialog(QDialog):
    def __init__(self, db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None,
                 folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit, self.kind = db, plan_key, unit, FormKind(kind)
        self.quarter = quarter if self.kind is FormKind.PROGRESS else None
        self.written: list[Path] = []
        self.signed: signoff.SignedVersion | None = None
        self.mail = ("", "")
        self.setWindowTitle("定稿与导出")
        self.heading, self.state_label, self.message = QLabel(), QLabel(), QLabel()
        self.warnings = QLabel()  # characters that would be boxes or were taken out, before anything is exported
        self.fonts_note = QLabel()  # which installed fonts the PDF uses instead of the GB/T names
        self.missing_box = QGroupBox("尚未填写完整（补全后才能定稿）")
        self.missing_list = QListWidget()
        root = folder or submission_folder(signoff.default_submission_root(), unit)
        self.folder_edit = QLineEdit(str(root))
        self.format_boxes = {fmt: QCheckBox(label) for fmt, label in FORMAT_LABELS}
        self.files_list = QListWidget()
        self.buttons = {name: QPushButton(text) for name, text in (
            ("preview", "打印预览…"), ("print", "打印…"), ("draft", "导出草稿"), ("signoff", "定稿并导出"),
            ("history", "定稿记录…"), ("open", "打开文件夹"), ("copy_path", "复制路径"), ("mail", "复制邮件内容"),
            ("handover", "报送…"))}
        self._build()
        self.refresh()

    # construction ----------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.warnings.setStyleSheet("color: #8a5300;")
        self.fonts_note.setStyleSheet("color: #555;")
        for label in (self.heading, self.state_label, self.message, self.warnings, self.fonts_note):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        QVBoxLayout(self.missing_box).addWidget(self.missing_list)
        folder_row = QHBoxLayout()
        choose = QPushButton("选择…")
        choose.clicked.connect(self._choose_folder)
        folder_row.addWidget(QLabel("报送文件夹："))
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        formats_row = QHBoxLayout()
        formats_row.addWidget(QLabel("导出格式："))
        for box in self.format_boxes.values():
            box.setChecked(True)
            formats_row.addWidget(box)
        formats_row.addStretch(1)
        actions = QHBoxLayout()
        for name in ("preview", "print", "history", "draft", "signoff"):
            actions.addWidget(self.buttons[name])
        self.buttons["signoff"].setDefault(True)
        after = QHBoxLayout()
        after.addWidget(self.buttons["handover"])
        after.addWidget(self.buttons["open"])
        after.addWidget(self.buttons["copy_path"])
        after.addWidget(self.buttons["mail"])
        after.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.state_label, self.warnings, self.missing_box):
            layout.addWidget(widget)
        layout.addLayout(folder_row)
        layout.addLayout(formats_row)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.files_list)
        layout.addLayout(after)
        layout.addWidget(self.fonts_note)
        layout.addWidget(close)
        self._connect()
        self.resize(720, 560)

    def _connect(self) -> None:
        self.buttons["preview"].clicked.connect(lambda: open_preview(self._layout(), self))
        self.buttons["print"].clicked.connect(lambda: print_with_dialog(self._layout(), self))
        self.buttons["draft"].clicked.connect(self.export_draft)
        self.buttons["signoff"].clicked.connect(self.sign_off)
        self.buttons["history"].clicked.connect(self._show_history)
        self.buttons["open"].clicked.connect(self.open_folder)
        self.buttons["copy_path"].clicked.connect(self._copy_path)
        self.buttons["mail"].clicked.connect(self.copy_mail)
        self.buttons["handover"].clicked.connect(self.hand_over)
        self.buttons["handover"].setToolTip("复制文件到剪贴板、写好收件人的邮件、打包 zip，并附加签字盖章页扫描件")

    # state -----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        content = load_content(self.db, self.plan_key, self.unit, self.kind, self.quarter)
        layout, _ = signoff.layout_for(self.db, content)
        self.heading.setText(f"{layout.label}　{layout.title}")
        notes = export_warnings(layout)
        self.warnings.setText("\n".join(f"注意：{n}" for n in notes))
        self.warnings.setVisible(bool(notes))
        self.fonts_note.setText(" ".join(substitutions(layout)))
        missing = missing_fields(content)
        self.missing_list.clear()
        self.missing_list.addItems(missing)
        self.missing_box.setVisible(bool(missing))
        state = signoff.draft_state(self.db, self.plan_key, self.unit, self.kind, self.quarter)
        self.state_label.setText(_state_text(state, len(missing)))
        self.buttons["signoff"].setEnabled(not missing and state.changed)
        self.buttons["signoff"].setText(f"定稿为第 {state.next_version} 版并导出")
        has_files = bool(self.written)
        self.buttons["open"].setEnabled(has_files)
        self.buttons["copy_path"].setEnabled(has_files)
        self.buttons["mail"].setEnabled(self.signed is not None)
        self.buttons["handover"].setEnabled(self.signed is not None and has_files)
        if self.signed is not None and has_files:  # the next step once signed: Enter hands over
            self.buttons["handover"].setDefault(True)

    def formats(self) -> list[str]:
        return [fmt for fmt, box in self.format_boxes.items() if box.isChecked()]

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip())

    # actions ---------------------------------------------------------------------------------------------
    def export_draft(self) -> list[Path]:
        return self._run(lambda folder: signoff.export_form(self.db, self.plan_key, self.unit, self.kind, folder,
                                                            quarter=self.quarter, formats=self.formats()),
                         "已导出草稿（未定稿）")

    def sign_off(self) -> list[Path]:
        def work(folder: Path) -> list[Path]:
            self.signed, paths = signoff.sign_off(self.db, self.plan_key, self.unit, self.kind, folder,
                                                  quarter=self.quarter, formats=self.formats())
            self.mail = signoff.mail_text(self.db, self.signed, paths)
            return paths

        paths = self._run(work, "已定稿")
        if self.signed is not None and paths:
            self.message.setText(f"已定稿为第 {self.signed.version} 版，文件已保存。打印后请主要负责人签字盖章，"
                                 "再点“报送…”：附加扫描件，复制文件或写邮件发给市政府督查室。")
        return paths

    def open_folder(self) -> bool:
        """打开文件夹, or — where nothing can open it — the path, said and ready to copy."""
        if not self.written:
            return False
        folder = self.written[0].parent
        if open_folder(folder, self.written[0]):
            return True
        self.message.setStyleSheet("color: #8a5300;")
        self.message.setText(f"无法在这台电脑上打开文件夹。文件在：{folder}（可点“复制路径”）")
        return False

    def _copy_path(self) -> None:
        if self.written:
            self.message.setStyleSheet("")
            self.message.setText(f"已复制路径：{copy_path(self.written[0].parent)}")

    def hand_over(self) -> None:
        from gwr_desktop.ui.officer.handover_dialog import HandoverDialog

        if self.signed is not None:
            self.handover = HandoverDialog(self.db, self.signed, self.written, self)
            self.handover.open()

    def copy_mail(self) -> str:
        return copy_mail(*self.mail) if self.signed is not None else ""

    def _run(self, work: Callable[[Path], list[Path]], done: str) -> list[Path]:
        if not self.formats():
            self._error("请至少选择一种导出格式。")
            return []
        folder = self.folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._error(f"无法创建文件夹“{folder}”：{os_error_text(error)}。")
            return []
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            paths = work(folder)
        except _ERRORS as error:
            self._error(str(error))
            return []
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.written = paths
        self.files_list.clear()
        self.files_list.addItems([str(p) for p in paths])
        self.message.setStyleSheet("")
        self.message.setText(f"{done}：{len(paths)} 个文件已保存到 {folder}")
        self.refresh()
        return paths

    def _error(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def _layout(self) -> FormLayout:
        content = load_content(self.db, self.plan_key, self.unit, self.kind, self.quarter)
        return signoff.layout_for(self.db, content)[0]

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择报送文件夹", self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    def _show_history(self) -> None:
        HistoryDialog(self.db, self.plan_key, self.unit, self.kind, self.quarter, self).exec()
        self.refresh()


def _state_text(state: signoff.DraftState, missing: int) -> str:
    if state.last is None:
        lead = "尚未定稿。"
    else:
        when = f"{state.last.signed_at:%Y-%m-%d %H:%M}"
        if state.changed:
            lead = f"第 {state.last.version} 版定稿（{when}）后内容已修改，再次定稿将生成第 {state.next_version} 版。"
        else:
            lead = f"已定稿为第 {state.last.version} 版（{when}），内容未改动；如需文件请在“定稿记录”中重新导出。"
    return lead + (f"尚缺 {missing} 项。" if missing else "内容已填写完整。")
