"""Opening the services on a worker thread while the window is already on screen and taking input.

Importing SQLAlchemy and the services, the start-up backup, opening (and on a first run creating and
migrating) the database, the first-run plan and reading what the window shows take from half a second to
several seconds; done on the GUI thread they left the painted window dead to every click and key for that
long (issue 15). Here they run on a thread; the window shows that it is still opening, and `loaded` hands
the result to the GUI thread, which shows any messages (a failed backup, a read-only or unusable database)
and attaches the window. Nothing is written before then: the window keeps the officer's choices meanwhile.

The thread uses no Qt widget: messages travel as (title, text) pairs; `Loaded` is plain data.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from gwr_desktop.services.start_view import StartView, cache_fits

if TYPE_CHECKING:
    from gwr_desktop.services.database import Database
    from gwr_desktop.ui.safety.startup import Notice

log = logging.getLogger(__name__)
# What the window needs right after the services: imported here too, so attaching costs no import on the
# GUI thread (and 填报 opens without one).
PRELOADED = ("gwr_desktop.ui.pages", "gwr_desktop.ui.forms.workspace")


@dataclass
class Loaded:
    db: Database | None  # None: it cannot be used (the notices say why); the window closes
    view: StartView | None = None  # what the services say the window shows
    notices: list[Notice] = field(default_factory=list)
    stale: bool = True  # the view differs from the one painted


class ServicesLoader(QObject):
    """`start()` opens the services of url on a thread; `loaded(Loaded)` arrives on the GUI thread."""

    loaded = Signal(object)

    def __init__(self, url: str, shown: StartView | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url, self.shown = url, shown
        self.opener: threading.Thread | None = None  # not `thread`: that is QObject.thread()

    def start(self) -> None:
        self.opener = threading.Thread(target=self._run, name="gwr-open-services", daemon=True)
        self.opener.start()

    def _run(self) -> None:
        try:
            result = open_services(self.url, self.shown)
        except Exception as error:  # noqa: BLE001 - told in the window, never lost on a thread
            log.exception("打开数据库时出错")
            result = Loaded(None, notices=[("无法打开数据库", f"打开数据库时出错：{error}")])
        self.loaded.emit(result)


def open_services(url: str, shown: StartView | None) -> Loaded:
    """The start-up backup, the database, the first-run plan and the view; plain data out (any thread)."""
    from gwr_desktop.ui.safety.startup import open_quietly, startup_backup_notice

    notices: list[Notice] = []
    backup = startup_backup_notice(url)  # before anything can write: the backup holds the data as found
    if backup is not None:
        notices.append(backup)
    db, opened = open_quietly(url)
    notices += opened
    if db is None:
        return Loaded(None, notices=notices)
    plan = ensure_plan(db)
    if plan is not None:
        notices.append(plan)
    if shown is not None and cache_fits(db):  # nothing the view is read from changed: keep the painted one
        _preload()
        return Loaded(db, shown, notices, stale=False)
    view = read_and_keep(db)
    _preload()
    return Loaded(db, view, notices, stale=shown is None or view != shown)


def ensure_plan(db: Database) -> Notice | None:
    """A new database gets the bundled plan; what to tell when it could not be imported."""
    from gwr_desktop.services.catalogue import plans

    # The usual start: the plan parser is not even imported. A read-only database cannot take the plan:
    # the window shows it as it is (and has said why it is read-only).
    if plans(db) or db.read_only is not None:
        return None
    from gwr_desktop.services.plan_import import PlanImportError, ensure_bundled_plan

    try:
        ensure_bundled_plan(db)
    except PlanImportError as error:
        return "未能导入内置方案", f"{error}\n\n可稍后用命令 import-plan 导入方案文件。"
    return None


def read_and_keep(db: Database) -> StartView:
    """What the window shows, read from the services, and kept as the snapshot the next start paints."""
    from contextlib import suppress

    from gwr_desktop.services import catalogue
    from gwr_desktop.services.database import DatabaseError
    from gwr_desktop.services.start_view import read_view, store

    view = read_view(db, catalogue.units(db))
    with suppress(DatabaseError):  # only a cache: a read-only file or a full disk reads the services next time
        store(db, view)
    return view


def _preload() -> None:
    import importlib

    for name in PRELOADED:
        importlib.import_module(name)
