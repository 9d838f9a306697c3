"""Where the one-instance-per-database lock lives, and who holds it, without loading Qt.

The lock itself is a QLockFile (see single_instance.py); its file holds "pid\\nappname\\nhostname\\n...".
The command line reads it here so that `restore` refuses while the app has the database open.
"""

from __future__ import annotations

import hashlib
import socket
from dataclasses import dataclass
from pathlib import Path

from gwr_desktop.safety.processes import process_alive
from gwr_desktop.storage.urls import resolve_url, sqlite_file


def database_key(url: str) -> str:
    """A short stable name for a database: the SQLite file's absolute path, or the whole URL."""
    path = sqlite_file(url)
    identity = str(path.resolve()).casefold() if path is not None else url
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


def lock_path_for(url: str | None) -> Path:
    """Beside a SQLite file (so two machines sharing a folder see each other); per user for a server URL."""
    resolved = resolve_url(url)
    path = sqlite_file(resolved)
    if path is not None:
        return path.with_name(path.name + ".lock")
    from gwr_desktop.paths import user_data_dir

    folder = user_data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{database_key(resolved)}.lock"


def server_name_for(url: str | None) -> str:
    """Name of the local socket through which a second launch asks the first to come to the front."""
    return f"gwr-desktop-{database_key(resolve_url(url))}"


@dataclass(frozen=True)
class LockHolder:
    pid: int
    hostname: str

    def describe(self) -> str:
        here = socket.gethostname()
        where = "本机" if not self.hostname or self.hostname == here else f"计算机 {self.hostname}"
        return f"{where}上的进程 {self.pid}"


def lock_holder(url: str | None) -> LockHolder | None:
    """The live holder of the database's lock, or None when it is free or left behind by a crash."""
    path = lock_path_for(url)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    hostname = lines[2] if len(lines) > 2 else ""
    if hostname and hostname != socket.gethostname():
        return LockHolder(pid, hostname)  # another machine: cannot tell, so assume it is in use
    return LockHolder(pid, hostname) if process_alive(pid) else None
