"""A shared server's live side: who this login is, other people's commits, and whether the server is there.

    identify(db)              # at open: db.login (a unit's or the office's login, or None) and db.connection
    watch = start_watch(db)   # a thread: polls the change counters, notices a lost server, reconnects by itself
    watch.stop()

Every POLL_S the thread reads `gwr_form_changes` (one short query through row-level security: the login's own
forms, or every unit's for the 督查室). A form whose counter moved since the last look, written last by another
connection (the counter keeps the writer's application name; a window's own commits are already shown), arrives
as `Change("forms", plan_key, unit, {"remote": True, "kind", "quarter"})` on `db.hub`. Polling rather than
LISTEN/NOTIFY: NOTIFY serialises the commit of every notifying transaction on the server, which tripled the
median commit latency of the 90-unit load (bench/RESULTS.md); a poll costs a window one indexed read per POLL_S
(1 s: a change shows within about 1.1 s).

The same query proves the server is there: a failure is announced as
`Change("connection", detail={"online": False, "message": …})` (a restart is noticed at the next poll, or at
once when an edit fails: `report_lost`), then the thread tries again every RETRY_S and announces
`{"online": True}` when it is back. The engine's pool checks each connection before use (pool_pre_ping), so
the first edit after a reconnection gets a fresh connection. Changes are emitted on the watch thread; the
window's HubBridge carries them to the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gwr_desktop.services.events import Change
from gwr_desktop.storage.errors import DatabaseError
from gwr_desktop.storage.translate import translate

if TYPE_CHECKING:
    from gwr_desktop.services.database import Database
    from gwr_desktop.storage.changes import Counter, FormKey, Poller

log = logging.getLogger(__name__)
CONNECTION_TOPIC = "connection"
POLL_S = 1.0  # between two looks at the change counters (one short query; also the proof the server is there)
RETRY_S = 1.0  # between reconnection attempts
OFFICE_READ_ONLY = "督查室的登录可以查看和导出所有单位的表格，但不能修改；表格由各单位用自己的登录填写。"


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
    if db.login is not None and db.login.office and db.read_only is None:
        db.read_only = OFFICE_READ_ONLY  # the grants say so too; this says it before trying


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
        self.polled = threading.Event()  # set after each poll (tests wait for the first)
        self._seen: dict[FormKey, Counter] | None = None  # None: no snapshot yet, nothing to compare with
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
            poller = self._connect()
            if poller is None:
                self._stop.wait(RETRY_S)
                continue
            try:
                self._watch(poller)
            except Exception as error:  # noqa: BLE001 - any failure of the connection means: try again
                self._lost(error)
            finally:
                poller.close()

    def _connect(self) -> Poller | None:
        from gwr_desktop.storage.changes import Poller

        try:
            poller = Poller(self.db.engine)
        except Exception as error:  # noqa: BLE001
            self._lost(error)
            return None
        return poller

    def _watch(self, poller: Poller) -> None:
        state = self.db.connection
        while not self._stop.is_set():
            counters = poller.poll()  # also the proof that the server is there
            self._online()
            self._compare(counters, poller.origin)
            self.polled.set()
            if state is not None and state.recheck.is_set():
                state.recheck.clear()
                return  # reconnect: an edit saw the server fail; a fresh connection says whether it is back
            self._stop.wait(POLL_S)

    def _compare(self, counters: dict[FormKey, Counter], own_origin: str) -> None:
        before, self._seen = self._seen, counters
        if before is None:
            return  # the first look: what the window just read is current
        for key, counter in counters.items():
            old = before.get(key)
            if (old is None or counter.changes != old.changes) and counter.origin != own_origin:
                self._announce(key)

    def _online(self) -> None:
        state = self.db.connection
        if state is not None and state.set(True):
            log.info("数据库服务器已重新连接")
            self._seen = None  # what changed while away is read by the reloads the reconnection causes
            self.db.hub.emit(Change(CONNECTION_TOPIC, detail={"online": True, "message": ""}))

    def _lost(self, error: BaseException) -> None:
        mapped = translate(error, self.db.url)
        message = str(mapped) if mapped is not None else f"与数据库服务器的连接中断：{error}"
        state = self.db.connection
        if state is not None and state.set(False, message):
            log.warning("数据库服务器连接中断：%s", message)
            self.db.hub.emit(Change(CONNECTION_TOPIC, detail={"online": False, "message": message}))

    def _announce(self, key: FormKey) -> None:
        plan_id, unit_id, kind, quarter = key
        named = self._named(plan_id, unit_id)
        if named is None:
            return
        plan_key, unit = named
        self.db.hub.emit(Change("forms", plan_key, unit, {"remote": True, "kind": kind, "quarter": quarter}))

    def _named(self, plan_id: int, unit_id: int) -> tuple[str, str] | None:
        key = (plan_id, unit_id)
        if key not in self._names:
            from gwr_desktop.storage.changes import names

            with self.db.reading() as session:
                self._names[key] = names(session.connection(), plan_id, unit_id)
        return self._names[key]


def start_watch(db: Database) -> ServerWatch | None:
    """The watch thread for a server database; None for SQLite (one user, nothing to listen to)."""
    if db.connection is None:
        return None
    return ServerWatch(db).start()

