"""Another program holding a SQLite database: prints `locked` once it holds the lock, lets go when stdin closes.

    python -m tests.storage.lock_child DB write       # BEGIN IMMEDIATE: readers go on, writers must wait
    python -m tests.storage.lock_child DB exclusive   # locking_mode=EXCLUSIVE after a write: nobody else gets in
    python -m tests.storage.lock_child DB write SECONDS   # let go by itself after SECONDS
"""

from __future__ import annotations

import sqlite3
import sys
import threading


def main(path: str, mode: str, seconds: float | None) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    if mode == "exclusive":
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("CREATE TABLE IF NOT EXISTS lock_child_marks (at TEXT)")
    if mode == "exclusive":  # the exclusive lock is taken by the first write and kept after commit
        connection.execute("INSERT INTO lock_child_marks VALUES (datetime('now'))")
        connection.execute("COMMIT")
        connection.execute("SELECT count(*) FROM lock_child_marks").fetchone()
    print("locked", flush=True)
    released = threading.Event()

    def wait_for_stdin_to_close() -> None:
        sys.stdin.read()
        released.set()

    threading.Thread(target=wait_for_stdin_to_close, daemon=True).start()
    released.wait(seconds)
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else None)
