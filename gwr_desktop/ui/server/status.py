"""The main window on a shared server: who is logged in, and a banner while the server cannot be reached.

    install_server_status(window, db)   # once, when the window has its database (ui/pages.py); no-op on SQLite

It starts the server watch thread (services/server_watch.py) for the window's lifetime. While the server is
gone the banner says so and that edits are held, not lost; it disappears when the watch has reconnected (the
editors then commit what was held, see ui/forms/live.py). A unit's login belongs to its unit: the unit switcher
and the plan import (which writes the shared catalogue) are switched off for it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QToolBar

from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.server_watch import CONNECTION_TOPIC, ServerWatch, start_watch
from gwr_desktop.ui.hub_bridge import HubBridge

LOST = ("与数据库服务器的连接中断，正在自动重新连接…此期间的修改不会保存：您输入的内容保留在单元格中（橙色），"
        "连接恢复后自动保存。")


def login_text(db: Database) -> str:
    from gwr_desktop.services.database import display_url

    login = db.login
    if login is None:
        return f"服务器：{display_url(db.url).split('@')[-1]}（管理员登录）"
    who = "督查室（只读）" if login.office else login.unit
    return f"服务器登录：{who}"


class ServerStatus(QObject):
    def __init__(self, window: QMainWindow, db: Database) -> None:
        super().__init__(window)
        self.window, self.db = window, db
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #a4262c; color: white; font-weight: bold; padding: 6px 10px;")
        self.bar = QToolBar("服务器连接", window)
        self.bar.setObjectName("server_banner")
        self.bar.setMovable(False)
        self.bar.addWidget(self.banner)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.setVisible(False)
        self.login_label = QLabel(login_text(db), window)
        self.login_label.setContentsMargins(8, 0, 8, 0)
        window.statusBar().addPermanentWidget(self.login_label)
        self.bridge = HubBridge(db.hub, self)
        self.bridge.changed.connect(self._on_change)
        self.watch: ServerWatch | None = start_watch(db)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        window.destroyed.connect(lambda *_: self.stop())
        self._fix_unit()

    @property
    def offline(self) -> bool:
        return self.bar.isVisible()

    def stop(self) -> None:
        if self.watch is not None:
            self.watch.stop()
            self.watch = None

    def _on_change(self, change: Change) -> None:
        if change.topic != CONNECTION_TOPIC:
            return
        online = bool(change.detail.get("online"))
        self.banner.setText(f"{LOST}\n（{change.detail.get('message', '')}）" if not online else "")
        self.bar.setVisible(not online)
        if online:
            self.window.statusBar().showMessage("已重新连接数据库服务器。", 5000)

    def _fix_unit(self) -> None:
        login = self.db.login
        if login is None:
            return
        for name in ("import_plan_action",):
            action = getattr(self.window, name, None)
            if action is not None:
                action.setEnabled(False)
                action.setToolTip("方案由信息中心用管理员登录导入（server init / import-plan）。")
        switch = getattr(self.window, "switch_unit_action", None)
        if switch is not None and login.unit is not None:
            switch.setEnabled(False)
            switch.setToolTip(f"这个服务器登录属于{login.unit}。")


def install_server_status(window: QMainWindow, db: Database | None) -> ServerStatus | None:
    """Parented to the window; window.findChild(ServerStatus) finds it again. None for SQLite."""
    if db is None or db.connection is None:
        return None
    return ServerStatus(window, db)
