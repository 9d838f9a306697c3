"""Small desktop hand-offs: open a folder in the file manager, put the e-mail text on the clipboard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication


def open_folder(folder: Path, select: Path | None = None) -> bool:
    """Show the folder (and on Windows select the file) in Explorer or the file manager."""
    if sys.platform == "win32" and select is not None and select.exists():
        subprocess.Popen(["explorer", "/select,", str(select)])  # noqa: S603,S607 - fixed program, our own path
        return True
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return False  # tests and headless runs: nothing to show
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def copy_mail(subject: str, body: str) -> str:
    """Subject line, blank line, body: ready to paste into the mail client; returns what was copied."""
    text = f"{subject}\n\n{body}"
    QGuiApplication.clipboard().setText(text)
    return text
