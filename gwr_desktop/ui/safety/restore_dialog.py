"""Choose a backup and restore it, after a confirmation. Used from the menu and for a damaged database.

From the menu (a sound, open database) the current state is backed up first and the restore happens in
place; afterwards the schema is brought to head and the hub announces the change so views reload.
For a damaged database (start-up) the damaged file is set aside under a new name and the backup takes
its place. Dialog prompts go through `Prompts`, which tests replace.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.safety.backup import BackupError, BackupInfo, backup_folder, list_backups
from gwr_desktop.safety.restore import RestoreError, RestoreOutcome, restore_backup
from gwr_desktop.safety.sqlite_files import set_aside, verify_file
from gwr_desktop.ui.safety.backup_model import BackupTableModel
from gwr_desktop.ui.safety.data_menu import open_folder

log = logging.getLogger(__name__)


class Prompts:
    """Modal questions and notices; classmethods so tests can monkeypatch them."""

    @classmethod
    def confirm(cls, parent: QWidget | None, text: str) -> bool:
        answer = QMessageBox.question(parent, "确认恢复", text, QMessageBox.StandardButton.Yes |
                                      QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def warn(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    @classmethod
    def choose_file(cls, parent: QWidget | None, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "选择备份文件", str(folder), "数据库备份 (*.db);;所有文件 (*)",
                                              options=QFileDialog.Option.DontUseNativeDialog)
        return Path(name) if name else None


class RestoreDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None, *, damage: str = "") -> None:
        """damage: the start-up check's message when the database is damaged (only sound backups are offered)."""
        super().__init__(parent)
        self.db_path = db_path
        self.outcome: RestoreOutcome | None = None
        self.started_fresh: Path | None = None  # where the damaged file went when the user chose an empty database
        self.setWindowTitle("数据库已损坏" if damage else "恢复备份")
        self.resize(720, 420)
        self.model = BackupTableModel(self._backups(only_sound=bool(damage)))
        self.table = self._make_table()
        self.restore_button = QPushButton("恢复所选备份…")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        if damage:
            buttons.button(QDialogButtonBox.StandardButton.Close).setText("退出程序")
            fresh = buttons.addButton("保留损坏文件，新建空数据库…", QDialogButtonBox.ButtonRole.ActionRole)
            fresh.clicked.connect(self._start_fresh)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        from_file = buttons.addButton("从文件恢复…", QDialogButtonBox.ButtonRole.ActionRole)
        from_file.clicked.connect(self._restore_from_file)
        open_folder = buttons.addButton("打开备份文件夹", QDialogButtonBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(self._open_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro(damage))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        if self.model.rowCount():
            self.table.selectionModel().select(self.model.index(0, 0), QItemSelectionModel.SelectionFlag.Select |
                                               QItemSelectionModel.SelectionFlag.Rows)

    def _backups(self, only_sound: bool) -> list[BackupInfo]:
        found = list_backups(backup_folder(self.db_path))
        return [info for info in found if not verify_file(info.path)] if only_sound else found

    def _intro(self, damage: str) -> QLabel:
        if not self.model.rowCount():
            choice = "没有找到完好的自动备份。可以用“从文件恢复…”选择其他位置的备份文件。"
        elif damage:
            choice = "请从下面选择一个完好的备份恢复（最新的在最上面，均已通过完整性检查）。"
        else:
            choice = "从下面选择一个备份恢复（最新的在最上面）。恢复前会先备份当前数据，恢复之后仍可撤销。"
        text = f"{damage}\n\n{choice}" if damage else choice
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.selected_backup() is not None))
        table.doubleClicked.connect(lambda *_: self._restore_selected())
        return table

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def _restore_selected(self) -> None:
        info = self.selected_backup()
        if info is not None:
            when = info.created.strftime("%Y-%m-%d %H:%M")
            detail = f"{info.reason_label}；{info.summary.describe()}"
            self._restore(info.path, f"确定用 {when} 的备份（{detail}）替换当前数据吗？")

    def _restore_from_file(self) -> None:
        chosen = Prompts.choose_file(self, backup_folder(self.db_path))
        if chosen is not None:
            self._restore(chosen, f"确定用备份文件“{chosen.name}”替换当前数据吗？")

    def _restore(self, backup: Path, question: str) -> None:
        if not Prompts.confirm(self, question + "\n\n当前数据会先自动备份（已损坏的文件会改名保留），不会丢失。"):
            return
        try:
            self.outcome = restore_backup(self.db_path, backup)
        except (RestoreError, BackupError) as error:
            log.warning("恢复备份未完成：%s", error)
            Prompts.warn(self, "无法恢复", str(error))
            return
        Prompts.inform(self, "已恢复", describe_outcome(self.outcome))
        self.accept()

    def _start_fresh(self) -> None:
        question = ("不恢复备份，而是新建一个空数据库吗？\n\n损坏的文件会改名保留在原文件夹，以后仍可交给技术人员抢救；"
                    "新数据库里需要重新选择单位、重新填写。")
        if not Prompts.confirm(self, question):
            return
        self.started_fresh = set_aside(self.db_path, "damaged", dt.datetime.now())
        Prompts.inform(self, "已新建", f"损坏的数据库文件已改名保留为“{self.started_fresh.name}”。")
        self.accept()

    def _open_folder(self) -> None:
        folder = backup_folder(self.db_path)
        if not open_folder(folder):  # no file manager registered (some 信创 desktops): show where it is
            Prompts.inform(self, "备份文件夹", f"备份保存在：\n{folder}")


def describe_outcome(outcome: RestoreOutcome) -> str:
    lines = [f"已从备份“{outcome.restored_from.name}”恢复。"]
    if outcome.safety_backup is not None:
        lines.append(f"恢复前的数据已备份为“{outcome.safety_backup.path.name}”，需要时可以再恢复回来。")
    if outcome.set_aside is not None:
        lines.append(f"损坏的数据库文件已改名保留为“{outcome.set_aside.name}”。")
    return "\n".join(lines)
