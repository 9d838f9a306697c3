"""A writer process for the concurrency test: `fill` commands or window-style edits against one database.

    python -m tests.storage.concurrency_child fill DB FORM_JSON COUNT
    python -m tests.storage.concurrency_child edit DB COUNT

Each outcome is one line on stdout: `ok`, `refused <message>` (a clear message: exit 2, or a DatabaseError)
or `traceback <type>` (anything else escaped); an editor ends with `waits N`, the waits it was told of.
The parent counts them (tests/storage/test_concurrency.py; the same child measured the figures before the fix).
"""

from __future__ import annotations

import contextlib
import io
import sys
import traceback

from gwr_desktop.domain.plan import FormKind

PLAN, UNIT = "2023", "市商务局"


def run_fills(db: str, form_json: str, count: int) -> None:
    from gwr_desktop.cli import main

    for _ in range(count):
        stderr = io.StringIO()
        try:
            with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
                code = main(["--db", db, "fill", "--unit", UNIT, "--form", "plan", "--from", form_json])
        except BaseException as error:  # noqa: BLE001 - counted: any escape is a traceback to the user
            report(f"traceback {type(error).__name__}: {error}".replace("\n", " "))
            continue
        report("ok" if code == 0 else f"refused {stderr.getvalue().strip()}".replace("\n", " "))


def run_edits(db_url: str, count: int) -> None:
    from gwr_desktop.services import form_content
    from gwr_desktop.services.database import open_database

    db = open_database(db_url)
    waits: list[bool] = []
    db.on_write_wait(waits.append)
    try:
        for n in range(count):
            try:
                form_content.set_header(db, PLAN, UNIT, FormKind.PLAN, "principal", f"主要负责人{n}")
            except Exception as error:  # noqa: BLE001 - counted
                name = type(error).__name__
                kind = "refused" if name.startswith("Database") else "traceback"
                report(f"{kind} {name}: {error}".replace("\n", " "))
                continue
            report("ok")
    finally:
        db.close()
    report(f"waits {waits.count(True)}")


def report(line: str) -> None:
    print(line, flush=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    try:
        if mode == "fill":
            run_fills(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        else:
            run_edits(sys.argv[2], int(sys.argv[3]))
    except BaseException:
        traceback.print_exc()
        raise
