"""Files on the clipboard as files, so 粘贴 in Explorer, in a 信创 file manager or in a mail client's message
attaches or copies them: file URLs (Qt gives Windows its CF_HDROP from them), text/uri-list, the GNOME/MATE
list that Nautilus, Caja, Peony and dde-file-manager read ("copy" then one URL a line), Explorer's preferred
drop effect (copy, not move), and the paths as plain text for anything else."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QUrl
from PySide6.QtGui import QGuiApplication

URI_LIST = "text/uri-list"
GNOME_FILES = "x-special/gnome-copied-files"
MATE_FILES = "x-special/mate-copied-files"
WINDOWS_DROP_EFFECT = 'application/x-qt-windows-mime;value="Preferred DropEffect"'
DROPEFFECT_COPY = (1).to_bytes(4, "little")


def files_mime(paths: Sequence[Path]) -> QMimeData:
    urls = [QUrl.fromLocalFile(str(Path(path).resolve())) for path in paths]
    encoded = [bytes(url.toEncoded().data()).decode("ascii") for url in urls]
    data = QMimeData()
    data.setUrls(urls)
    data.setData(URI_LIST, QByteArray("".join(f"{line}\r\n" for line in encoded).encode("ascii")))
    listing = QByteArray("\n".join(["copy", *encoded]).encode("ascii"))
    data.setData(GNOME_FILES, listing)
    data.setData(MATE_FILES, listing)
    data.setData(WINDOWS_DROP_EFFECT, QByteArray(DROPEFFECT_COPY))
    data.setText("\n".join(str(Path(path).resolve()) for path in paths))
    return data


def copy_files(paths: Sequence[Path]) -> None:
    """The clipboard owns the data from here on (it deletes it when something else is copied)."""
    QGuiApplication.clipboard().setMimeData(files_mime(paths))
