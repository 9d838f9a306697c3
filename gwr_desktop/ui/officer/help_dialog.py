"""帮助 → 使用说明 (F1): the officer's steps, with pictures of the windows, shipped with the program as package
data (resources/help/: an HTML page and its PNGs; paths.resource_path finds them in a wheel and a bundle)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gwr_desktop.paths import resource_path

HELP_PAGE = "index.html"


def help_folder():  # noqa: ANN201 - Path
    return resource_path("help")


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # links inside the page move within it; others go to the system
        self.browser.anchorClicked.connect(self._follow)
        folder = help_folder()
        self.browser.setSearchPaths([str(folder)])
        page = folder / HELP_PAGE
        if page.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(page)))
        else:
            self.browser.setPlainText(f"找不到使用说明（{page}）。请重新安装本程序。")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self._fit()

    def _follow(self, url: QUrl) -> None:
        if url.hasFragment() and (url.isRelative() or url.isLocalFile()):
            self.browser.scrollToAnchor(url.fragment())
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def _fit(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 900, 760
        if screen is not None:
            width, height = min(width, screen.width() * 9 // 10), min(height, screen.height() * 9 // 10)
        self.resize(width, height)
