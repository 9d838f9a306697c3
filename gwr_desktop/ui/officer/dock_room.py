"""Room for the forms on a 1366×768 screen: the 待核对问题 dock (about the imported plan, not the forms) steps
aside while the 填报 tab is shown and comes back on the other tabs as the officer left it. The window's saved
layout keeps the officer's own choice, not this temporary hiding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from gwr_desktop.ui.main_window import MainWindow


class DockMakesRoom(QObject):
    def __init__(self, window: MainWindow, page: QWidget) -> None:
        super().__init__(window)
        self.window, self.page = window, page
        self.hidden_by_us = False
        window.tabs.currentChanged.connect(self._tab_changed)
        window.installEventFilter(self)

    def _tab_changed(self, _index: int) -> None:
        dock = self.window.problems_dock
        if self.window.tabs.currentWidget() is self.page:
            if dock.isVisible():
                dock.hide()
                self.hidden_by_us = True
        elif self.hidden_by_us:
            self.hidden_by_us = False
            dock.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Close and self.hidden_by_us:
            self.hidden_by_us = False
            self.window.problems_dock.show()  # before the window saves its layout
        return False
