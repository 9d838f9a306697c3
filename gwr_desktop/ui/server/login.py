"""At start, the password of a server login: from the credential store, else asked (and remembered if wished).

    url = complete_login(url, parent)   # None: the officer cancelled; SQLite and URLs with a password pass through

The password is checked against the server before the window opens, so a mistyped one is asked again here
rather than ending the start; a stored one the server no longer accepts is forgotten and asked for.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.services import credentials

ATTEMPTS = 3


class PasswordDialog(QDialog):
    def __init__(self, url: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("登录数据库服务器")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("记住密码（保存在本机的系统凭据管理器中）")
        available = credentials.store_available()
        self.remember.setEnabled(available)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"登录：{credentials.account(url)}"))
        if problem:
            warning = QLabel(problem)
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #a4262c;")
            layout.addWidget(warning)
        layout.addWidget(self.password)
        layout.addWidget(self.remember)
        if not available:
            layout.addWidget(QLabel("这台电脑没有可用的系统凭据管理器，每次启动时需要输入密码（不会保存在文件中）。"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登录")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, url: str, problem: str, parent: QWidget | None) -> tuple[str, bool] | None:
        """(password, remember) or None when cancelled; tests replace this with their own answer."""
        dialog = cls(url, problem, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password.text(), dialog.remember.isChecked()


def complete_login(url: str, parent: QWidget | None = None) -> str | None:
    if not credentials.needs_password(url):
        return url
    stored = credentials.stored_password(url)
    if stored is not None:
        full = credentials.with_password(url, stored)
        if credentials.refused_login(full) is None:
            return full
        credentials.forget(url)  # changed on the server since: ask
    problem = ""
    for _attempt in range(ATTEMPTS):
        answer = PasswordDialog.ask(url, problem, parent)
        if answer is None:
            return None
        password, keep = answer
        full = credentials.with_password(url, password)
        problem = credentials.refused_login(full) or ""
        if not problem:
            if keep:
                credentials.remember(url, password)
            return full
    return credentials.with_password(url, password)  # the open that follows says why it cannot connect
