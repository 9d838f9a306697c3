"""Reading `gwr_form_changes` (row_security.py): how often each visible form changed, and who wrote it last.

A dedicated connection, taken from the engine (so it carries the same connect arguments: timeouts and the
application name that marks this window's own commits) and detached from its pool, in autocommit: one short
query per poll, and the same query proves the server is still there. Row-level security applies: a unit's login
reads its own forms' counters, the 督查室 every unit's.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, text

from gwr_desktop.storage.row_security import CHANGES

FormKey = tuple[int, int, str, int]  # plan id, unit id, kind, quarter


@dataclass(frozen=True)
class Counter:
    changes: int
    origin: str  # application_name of the last writing connection


class Poller:
    def __init__(self, engine: Engine) -> None:
        fairy = engine.raw_connection()
        connection = fairy.driver_connection
        assert connection is not None, "a connection just taken from the pool has its driver's connection"
        self._connection: Any = connection
        fairy.detach()  # ours for good: polled for the whole session, closed for real
        try:
            self._connection.autocommit = True
            self.origin = str(self._connection.execute("SELECT current_setting('application_name')").fetchone()[0])
        except BaseException:
            self.close()
            raise

    def poll(self) -> dict[FormKey, Counter]:
        rows = self._connection.execute(
            f"SELECT plan_id, unit_id, kind, quarter, changes, origin FROM {CHANGES}").fetchall()
        return {(int(p), int(u), str(k), int(q)): Counter(int(n), str(o)) for p, u, k, q, n, o in rows}

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing a connection the server already dropped
            self._connection.close()


def names(connection: Any, plan_id: int, unit_id: int) -> tuple[str, str] | None:
    """(plan key, unit name) of a counter's ids; None when either is unknown (deleted meanwhile)."""
    row = connection.execute(text("SELECT p.key, u.name FROM plans AS p, units AS u WHERE p.id = :p AND u.id = :u"),
                             {"p": plan_id, "u": unit_id}).first()
    return None if row is None else (str(row[0]), str(row[1]))
