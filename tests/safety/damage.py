"""Ways a database file gets damaged, each applied to a copy of a sound database (reliability.md §5.5)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

PAGE = 4096


def truncate(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2 + 1000)  # cut mid-page, as a full disk or an interrupted copy would


def garbage_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    noise = random.Random(7).randbytes(PAGE)
    page = (len(data) // PAGE) // 2  # a b-tree page in the middle of the file
    data[page * PAGE:(page + 1) * PAGE] = noise
    path.write_bytes(bytes(data))


def zeroed_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def not_a_database(path: Path) -> None:
    path.write_text("这不是数据库，而是被改了扩展名的文本文件。\n" * 50, encoding="utf-8")


def stray_journal(path: Path) -> None:
    """A hot rollback journal from ANOTHER database beside ours (howtocorrupt §1.4: mispaired journal)."""
    other = path.with_name("other.db")
    make_hot_journal(other)
    shutil.move(other.with_name("other.db-journal"), path.with_name(path.name + "-journal"))
    other.unlink()


def make_hot_journal(path: Path) -> None:
    """A real hot journal: a child spills a big uncommitted transaction to disk and is killed."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("CREATE TABLE filler (x BLOB)")
        connection.executemany("INSERT INTO filler VALUES (randomblob(3000))", [()] * 200)
    connection.close()
    child_code = (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "c.execute('PRAGMA cache_size=2'); c.execute('BEGIN')\n"
        "c.execute('UPDATE filler SET x = randomblob(3000)')\n"
        "print('spilled', flush=True); sys.stdin.read()\n"
    )
    with subprocess.Popen([sys.executable, "-c", child_code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True) as child:
        assert child.stdout is not None and child.stdout.readline().strip() == "spilled"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert path.with_name(path.name + "-journal").read_bytes()[:8] == bytes.fromhex("d9d505f920a163d7")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "truncated": truncate,
    "garbage_page": garbage_page,
    "zeroed_header": zeroed_header,
    "not_a_database": not_a_database,
    "stray_journal": stray_journal,
}
