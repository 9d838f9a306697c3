"""One app instance per database: a QLockFile beside the database plus a local socket for handing over.

The first launch takes the lock and listens on a local socket named after the database. A second launch
on the same database fails to take the lock, asks the first over the socket to come to the front, and
exits. A lock left by a killed process is recognised by QLockFile (its process is gone) and taken over.
Stale-by-age detection is off (staleLockTime 0): an instance left open for days still holds its lock.

Qt (QtCore/QtNetwork) but no widgets: the window connects `activation_requested` to raise itself.
"""

from __future__ import annotations

import enum
from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from gwr_desktop.safety.instance_lock import lock_path_for, server_name_for

HANDOVER_TIMEOUT_MS = 2000
_ACTIVATE = b"activate\n"
_ACKNOWLEDGED = b"ok\n"


class Claim(enum.Enum):
    PRIMARY = "primary"  # this process owns the database now
    HANDED_OVER = "handed_over"  # another instance has it and was asked to come to the front: exit quietly
    BUSY = "busy"  # another instance has it but did not answer: explain and exit
    FAILED = "failed"  # the lock file could not be created (permissions, read-only folder)


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    message: str = ""  # for the user, in Chinese, when the claim is not PRIMARY


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, url: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        lock_path = lock_path_for(url)
        with suppress(OSError):  # a folder we may not create: tryLock then fails and claim() says why
            lock_path.parent.mkdir(parents=True, exist_ok=True)  # first run: the database folder may not exist yet
        self._lock = QLockFile(str(lock_path))
        self._lock.setStaleLockTime(0)
        self._server_name = server_name_for(url)
        self._server: QLocalServer | None = None

    def claim(self) -> ClaimResult:
        if self._lock.tryLock(0):
            self._listen()
            return ClaimResult(Claim.PRIMARY)
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            return ClaimResult(Claim.FAILED, f"无法创建锁文件“{self._lock.fileName()}”，请检查该文件夹是否可写。")
        if ask_running_instance_to_activate(self._server_name):
            return ClaimResult(Claim.HANDED_OVER, "程序已经在运行，已切换到原来的窗口。")
        return ClaimResult(Claim.BUSY, self._busy_message())

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _listen(self) -> None:
        # We hold the lock, so a socket file left by a killed instance is stale and safe to remove.
        QLocalServer.removeServer(self._server_name)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self._server_name)

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_ACTIVATE.strip()):
            socket.write(_ACKNOWLEDGED)
            socket.flush()
            self.activation_requested.emit()

    def _busy_message(self) -> str:
        info = self._lock.getLockInfo()  # (pid, hostname, appname), or nothing readable
        who = f"（进程 {info[0]}，计算机 {info[1]}）" if isinstance(info, tuple) and len(info) == 3 else ""
        return (f"这个数据库正被另一个窗口或另一台计算机上的本程序使用{who}，但它没有响应。"
                "为避免两个程序同时写入，本次启动已取消。请先关闭另一个程序；如果它已卡住，请在任务管理器中结束它后重试。")


def ask_running_instance_to_activate(server_name: str, timeout_ms: int = HANDOVER_TIMEOUT_MS) -> bool:
    """Blocking handshake with the primary instance; True when it acknowledged within the timeout."""
    socket = QLocalSocket()
    socket.connectToServer(server_name)
    if not socket.waitForConnected(timeout_ms // 4):
        return False
    socket.write(_ACTIVATE)
    socket.waitForBytesWritten(timeout_ms // 4)
    answered = socket.waitForReadyRead(timeout_ms // 2) and bytes(socket.readAll().data()).startswith(_ACKNOWLEDGED)
    socket.disconnectFromServer()
    return answered
