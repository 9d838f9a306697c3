"""A shared server's live side: who this login is, other people's commits, and whether the server is there.

    identify(db)              # at open: db.login (a unit's or the office's login, or None) and db.connection
    watch = start_watch(db)   # a thread: LISTEN for form changes, notice a lost server, reconnect by itself
    watch.stop()

Other people's commits arrive as `Change("forms", plan_key, unit, {"remote": True, "kind", "quarter"})` on
`db.hub`, within milliseconds of their commit (PostgreSQL NOTIFY from a trigger; the window's own commits are
left out: they carry this database's application name). The connection state changes arrive as
`Change("connection", detail={"online": bool, "message": str})`. Both are emitted on the watch thread; the
window's HubBridge carries them to the GUI thread.

A lost server is noticed within about PING_S by the listening connection (a restart closes it at once), or
sooner when an edit fails (`report_lost`). The thread then tries again every RETRY_S; the engine's pool checks
each connection before use (pool_pre_ping), so the next edit after a reconnect gets a fresh connection.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gwr_desktop.services.events import Change
from gwr_desktop.storage.errors import DatabaseError
from gwr_desktop.storage.translate import translate

if TYPE_CHECKING:
    from gwr_desktop.services.database import Database
    from gwr_desktop.storage.notify import Listener, Notice

log = logging.getLogger(__name__)
CONNECTION_TOPIC = "connection"
RECEIVE_S = 0.25  # how long one wait for notifications lasts (also how fast stop() is honoured)
PING_S = 1.0  # a round trip at least this often, so a silent network failure is noticed too
RETRY_S = 1.0  # between reconnection attempts


@dataclass
class ConnectionState:
    """Whether the server answers, as the watch thread and the edits see it (thread-safe)."""

    online: bool = True
    message: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    recheck: threading.Event = field(default_factory=threading.Event, repr=False)

    def set(self, online: bool, message: str = "") -> bool:
        """True when the state changed (then it is worth announcing)."""
        with self._lock:
            changed = online != self.online
            self.online, self.message = online, message
            return changed


def identify(db: Database) -> None:
    """Fill db.login and db.connection for a server database (at open)."""
    from gwr_desktop.services.database import ServerLogin
    from gwr_desktop.storage import server_roles

    with db.reading() as session:
        found = server_roles.own_login(session.connection())
    db.login = None if found is None else ServerLogin(unit=found[0], office=found[1])
    db.connection = ConnectionState()


def report_lost(db: Database, error: DatabaseError) -> None:
    """An edit found the server gone: say so at once, and have the watch thread check it again."""
    state = db.connection
    if state is None:
        return
    if state.set(False, str(error)):
        db.hub.emit(Change(CONNECTION_TOPIC, detail={"online": False, "message": str(error)}))
    state.recheck.set()


def is_offline(db: Database) -> bool:
    return db.connection is not None and not db.connection.online


class ServerWatch:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._stop = threading.Event()
        self._names: dict[tuple[int, int], tuple[str, str] | None] = {}
        self._thread = threading.Thread(target=self._run, name="gwr-server-watch", daemon=True)

    def start(self) -> ServerWatch:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    # ---- the thread ------------------------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            listener = self._connect()
            if listener is None:
                self._stop.wait(RETRY_S)
                continue
            try:
                self._listen(listener)
            except Exception as error:  # noqa: BLE001 - any failure of the connection means: try again
                self._lost(error)
            finally:
                listener.close()

    def _connect(self) -> Listener | None:
        from gwr_desktop.storage.notify import Listener

        try:
            listener = Listener(self.db.engine)
        except Exception as error:  # noqa: BLE001
            self._lost(error)
            return None
        self._online()
        return listener

    def _listen(self, listener: Listener) -> None:
        state = self.db.connection
        last_ping = time.monotonic()
        while not self._stop.is_set():
            for notice in listener.receive(RECEIVE_S):
                self._dispatch(notice, listener.origin)
            if state is not None and state.recheck.is_set():
                state.recheck.clear()
                return  # reconnect: proves the server is back, then announces it
            if time.monotonic() - last_ping >= PING_S:
                listener.ping()
                last_ping = time.monotonic()

    def _online(self) -> None:
        state = self.db.connection
        if state is not None and state.set(True):
            log.info("数据库服务器已重新连接")
            self.db.hub.emit(Change(CONNECTION_TOPIC, detail={"online": True, "message": ""}))

    def _lost(self, error: BaseException) -> None:
        mapped = translate(error, self.db.url)
        message = str(mapped) if mapped is not None else f"与数据库服务器的连接中断：{error}"
        state = self.db.connection
        if state is not None and state.set(False, message):
            log.warning("数据库服务器连接中断：%s", message)
            self.db.hub.emit(Change(CONNECTION_TOPIC, detail={"online": False, "message": message}))

    def _dispatch(self, notice: Notice, own_origin: str) -> None:
        if notice.origin == own_origin:
            return  # this window's own commit: already shown
        named = self._named(notice.plan_id, notice.unit_id)
        if named is None:
            return
        plan_key, unit = named
        login = self.db.login
        if login is not None and login.unit is not None and login.unit != unit:
            return  # another unit's: nothing of it is visible to this login anyway
        self.db.hub.emit(Change("forms", plan_key, unit, {
            "remote": True, "kind": notice.kind, "quarter": notice.quarter, "table": notice.table}))

    def _named(self, plan_id: int, unit_id: int) -> tuple[str, str] | None:
        key = (plan_id, unit_id)
        if key not in self._names:
            from gwr_desktop.storage.notify import names

            with self.db.reading() as session:
                self._names[key] = names(session.connection(), plan_id, unit_id)
        return self._names[key]


def start_watch(db: Database) -> ServerWatch | None:
    """The watch thread for a server database; None for SQLite (one user, nothing to listen to)."""
    if db.connection is None:
        return None
    return ServerWatch(db).start()

