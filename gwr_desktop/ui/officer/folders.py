"""打开文件夹 that never does nothing: the folder's path is always shown, selectable, with 复制路径; when the
folder cannot be opened (no file manager registered, a bare 信创 desktop, a headless session) the row says so
and how to get there instead of staying silent.

QDesktopServices.openUrl reports failure only when no launcher exists at all; on Linux xdg-open exists on
most desktops even where it has no application for folders, so that case is asked of xdg-mime first.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gwr_desktop.ui.export import desktop
from gwr_desktop.ui.officer.tones import STYLES, Tone

CANNOT_OPEN = "这台电脑上没有能打开文件夹的文件管理器。请点“复制路径”，再粘贴到文件管理器或“选择附件”对话框的地址栏。"


@functools.cache
def folders_can_open() -> bool:
    """Whether this desktop has something that opens a folder (checked once per run)."""
    if sys.platform == "win32" or sys.platform == "darwin":
        return True
    if os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"):
        return False
    if shutil.which("xdg-open") is None:
        return False
    query = shutil.which("xdg-mime")
    if query is None:
        return True  # xdg-open without xdg-mime: let it try
    try:
        found = subprocess.run([query, "query", "default", "inode/directory"], capture_output=True, text=True,  # noqa: S603
                               timeout=3, check=False)
    except (OSError, subprocess.SubprocessError):
        return True
    return bool(found.stdout.strip())


def open_folder(folder: Path, select: Path | None = None) -> bool:
    """Open the folder (selecting the file where the system can); False when it cannot be opened here."""
    if not folders_can_open() or not folder.is_dir():
        return False
    return desktop.open_folder(folder, select)


def copy_path(path: Path) -> str:
    text = str(path)
    QGuiApplication.clipboard().setText(text)
    return text


class FolderRow(QWidget):
    """A folder's path with 打开文件夹 and 复制路径, and a note when opening it did not work."""

    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self.select: Path | None = None
        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setWordWrap(True)
        self.open_button = QPushButton("打开文件夹")
        self.open_button.setToolTip("在文件管理器中打开这个文件夹")
        self.open_button.clicked.connect(self.open)
        self.copy_button = QPushButton("复制路径")
        self.copy_button.setToolTip("把文件夹的路径复制到剪贴板，可粘贴到文件管理器或邮件的“添加附件”对话框")
        self.copy_button.clicked.connect(self.copy)
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.set_folder(folder)

    def set_folder(self, folder: Path | None, select: Path | None = None) -> None:
        self.folder, self.select = folder, select
        self.path_label.setText(str(folder) if folder else "（尚无文件）")
        self.open_button.setEnabled(folder is not None)
        self.copy_button.setEnabled(folder is not None)
        self._say("")

    def open(self) -> bool:
        if self.folder is None:
            return False
        opened = open_folder(self.folder, self.select)
        self._say("" if opened else CANNOT_OPEN, Tone.WARNING)
        return opened

    def copy(self) -> None:
        if self.folder is not None:
            copy_path(self.folder)
            self._say(f"已复制路径：{self.folder}", Tone.SUCCESS)

    def _say(self, text: str, tone: Tone = Tone.INFO) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(STYLES[tone] if text else "")
        self.note.setVisible(bool(text))
