"""文件 → 数据文件夹…: where the database lives, and a second folder every automatic backup is copied to.

A data folder on a network drive is warned against (SQLite must not live on SMB/NFS); the current data is
copied over with SQLite's backup API (verified), and the change takes effect at the next start, because the
running window holds the database open. FolderDialog shows a folder with 打开文件夹 and 复制路径 (for PCs
where no file manager is registered), for the log folder too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop import user_config
from gwr_desktop.paths import user_data_dir
from gwr_desktop.safety.backup import BackupError
from gwr_desktop.safety.data_location import check_folder, move_data
from gwr_desktop.ui.safety.data_menu import Prompts, open_folder


def _path_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class FolderDialog(QDialog):
    """A folder's path, selectable, with 打开文件夹 and 复制路径."""

    def __init__(self, folder: Path, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.setWindowTitle(title)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton("打开文件夹", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open)
        self.copy_button = buttons.addButton("复制路径", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_path)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(intro))
        layout.addWidget(_path_label(str(folder)))
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)  # room for a long path and for the note below it

    def open(self) -> None:
        if not open_folder(self.folder):
            self.note.setText("这台电脑上没有可用的文件管理器。请用“复制路径”，再粘贴到文件管理器的地址栏。")
            self.adjustSize()  # the note wraps onto lines the dialog must grow for

    def copy_path(self) -> None:
        QGuiApplication.clipboard().setText(str(self.folder))
        self.note.setText("路径已复制到剪贴板。")
        self.adjustSize()


class DataFolderDialog(QDialog):
    def __init__(self, database: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle("数据文件夹")
        self.resize(640, 260)
        self.folder_label = _path_label("")
        self.mirror_label = _path_label("")
        change = QPushButton("更改…")
        change.clicked.connect(self.change_folder)
        open_button = QPushButton("打开")
        open_button.clicked.connect(lambda: open_folder(user_data_dir()))
        choose_mirror = QPushButton("选择…")
        choose_mirror.clicked.connect(self.choose_mirror)
        self.clear_mirror_button = QPushButton("不再另存")
        self.clear_mirror_button.clicked.connect(self.clear_mirror)
        grid = QGridLayout()
        grid.addWidget(QLabel("数据库和自动备份所在的文件夹："), 0, 0, 1, 3)
        grid.addWidget(self.folder_label, 1, 0)
        grid.addWidget(change, 1, 1)
        grid.addWidget(open_button, 1, 2)
        grid.addWidget(QLabel("每次自动备份再另存一份到（另一块磁盘或 U 盘，重装系统或还原卡不会清掉）："), 2, 0, 1, 3)
        grid.addWidget(self.mirror_label, 3, 0)
        grid.addWidget(choose_mirror, 3, 1)
        grid.addWidget(self.clear_mirror_button, 3, 2)
        grid.setColumnStretch(0, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        in_use = f"\n（当前打开的数据库：{self.database}）" if self.database is not None else ""
        self.folder_label.setText(f"{user_data_dir()}{in_use}")
        mirror = user_config.backup_mirror()
        self.mirror_label.setText(str(mirror) if mirror else "（未设置）")
        self.clear_mirror_button.setEnabled(mirror is not None)

    def change_folder(self) -> bool:
        chosen = Prompts.choose_folder(self, "选择数据文件夹", user_data_dir())
        if chosen is None or not self._acceptable(chosen):
            return False
        try:
            done = move_data(self.database, chosen)
        except BackupError as error:
            Prompts.warn(self, "未能更改数据文件夹", f"{error}\n数据文件夹保持不变。")
            return False
        Prompts.inform(self, "数据文件夹已更改", f"{done}\n请关闭并重新启动程序，之后使用新的数据文件夹。")
        self.refresh()
        return True

    def _acceptable(self, folder: Path) -> bool:
        check = check_folder(folder)
        if not check.usable:
            Prompts.warn(self, "不能使用这个文件夹", "\n".join(check.problems))
            return False
        return all(Prompts.ask(self, "不建议使用网络驱动器", f"{warning}\n\n仍要使用这个文件夹吗？")
                   for warning in check.warnings)

    def choose_mirror(self) -> bool:
        chosen = Prompts.choose_folder(self, "选择备份另存的文件夹", user_config.backup_mirror() or Path.home())
        if chosen is None:
            return False
        problems = check_folder(chosen).problems  # a network drive is fine for backups: they are plain copies
        if problems:
            Prompts.warn(self, "不能使用这个文件夹", "\n".join(problems))
            return False
        user_config.update(backup_mirror=str(chosen))
        self.refresh()
        return True

    def clear_mirror(self) -> None:
        user_config.update(backup_mirror=None)
        self.refresh()
