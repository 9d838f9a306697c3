"""PostgreSQL LISTEN/NOTIFY for the change signal of row_security.CHANNEL: a dedicated listening connection.

The connection is taken from the engine (so it carries the same connect arguments: timeouts, application name)
and detached from its pool: it stays open for the whole session and is closed for real. It runs in autocommit,
as LISTEN needs. Notifications carry only ids (table, plan, unit, kind, quarter, the writer's application name),
never content: every login may listen on any channel, so a payload must not reveal what another unit typed.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, text

from gwr_desktop.storage.row_security import CHANNEL


@dataclass(frozen=True)
class Notice:
    table: str
    plan_id: int
    unit_id: int
    kind: str
    quarter: int
    origin: str  # application_name of the writing connection


class Listener:
    """One LISTENing connection; `receive` waits up to timeout seconds and returns what arrived meanwhile."""

    def __init__(self, engine: Engine) -> None:
        fairy = engine.raw_connection()
        self._connection: Any = fairy.driver_connection
        fairy.detach()  # ours for good: never handed back to the pool with a LISTEN on it
        try:
            self._connection.autocommit = True
            self._connection.execute(f"LISTEN {CHANNEL}")
            self.origin = str(self._connection.execute("SELECT current_setting('application_name')").fetchone()[0])
        except BaseException:
            self.close()
            raise

    def receive(self, timeout: float) -> list[Notice]:
        found: list[Notice] = []
        for notify in self._connection.notifies(timeout=timeout, stop_after=1):  # back as soon as one arrives
            notice = _parse(notify.payload)
            if notice is not None:
                found.append(notice)
        return found

    def ping(self) -> None:
        """A round trip: a server gone away (restarted, network down) raises here rather than staying silent."""
        self._connection.execute("SELECT 1")

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing a connection the server already dropped
            self._connection.close()


def _parse(payload: str) -> Notice | None:
    try:
        data = json.loads(payload)
        return Notice(str(data["table"]), int(data["plan"]), int(data["unit"]), str(data["kind"]),
                      int(data["quarter"] or 0), str(data.get("origin") or ""))
    except (KeyError, TypeError, ValueError):
        return None  # not ours (another program NOTIFYing on the channel): ignored


def names(connection: Any, plan_id: int, unit_id: int) -> tuple[str, str] | None:
    """(plan key, unit name) of the ids in a notice; None when either is unknown (deleted meanwhile)."""
    row = connection.execute(text("SELECT p.key, u.name FROM plans AS p, units AS u WHERE p.id = :p AND u.id = :u"),
                             {"p": plan_id, "u": unit_id}).first()
    return None if row is None else (str(row[0]), str(row[1]))
