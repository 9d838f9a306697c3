"""Windows file rules imposed on Linux, at the os/io boundary, for every path under one folder.

The officers' PCs run Windows 10/11, where a file is not an inode with names but an object with share modes.
What breaks there and not here, and what this harness therefore enforces (paths under `root` only; the
interpreter, site-packages and pytest's own files are left alone):

- `os.fsync` needs a descriptor opened for writing (FlushFileBuffers needs GENERIC_WRITE): a read-only one
  gives `[Errno 9] Bad file descriptor`; a folder cannot be opened at all (`[Errno 13]`).
- A file that is open — by Python (open, os.open) or by SQLite (the database and its -wal/-shm/-journal) —
  cannot be renamed, replaced (as source or target) or deleted, and a folder holding one cannot be renamed
  or removed: `PermissionError` as WinError 32, the sharing violation.
- Reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension), the characters
  `<>:"|?*` and control characters, and names ending in a dot or a space cannot be created (WinError 123).
- A path of 260 UTF-16 units or more (a folder: 248 or more) cannot be opened or created (MAX_PATH; long
  paths are off by default and PyInstaller's bootloader does not opt in): `FileNotFoundError` (WinError 3).
- Names are case-insensitive: `A.docx` and `a.docx` are one file.
- A hidden file (made hidden through gwr_desktop.safety.durable.set_hidden) cannot be opened for writing with
  truncation: CreateFile's CREATE_ALWAYS, behind every `open(…, "w")`, refuses it with "Access is denied".

The strerror texts are Windows' English ones on purpose: a test can then see if one reaches a user message.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import re
import sqlite3
import stat
import weakref
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

MAX_PATH = 260  # including the terminating NUL: 259 usable UTF-16 units
MAX_DIR_PATH = 248  # CreateDirectory leaves room for an 8.3 file name
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in "123456789¹²³"), *(f"LPT{n}" for n in "123456789¹²³")}
_INVALID = re.compile(r'[<>:"|?*\x00-\x1f]')
SHARING_VIOLATION = "The process cannot access the file because it is being used by another process"
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def windows_length(path: str) -> int:
    """Length as Windows counts it: UTF-16 code units (a character outside the BMP counts twice)."""
    return len(path.encode("utf-16-le")) // 2


def name_problem(name: str) -> str | None:
    """Why Windows refuses to create an entry with this name, or None."""
    if _INVALID.search(name):
        return "contains a character Windows does not allow"
    if name != name.rstrip(" ."):
        return "ends in a dot or a space"
    if name.split(".")[0].rstrip(" ").upper() in RESERVED:
        return "is a reserved device name"
    return None


class WindowsRules:
    """Install with `install(monkeypatch)`; `open_paths()` shows what the harness believes is open."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))
        self._files: weakref.WeakSet[Any] = weakref.WeakSet()  # Python file objects opened under root
        self._fds: dict[int, tuple[str, int, int]] = {}  # descriptor -> (path, st_dev, st_ino)
        self._connections: dict[int, tuple[weakref.ref, str]] = {}  # id -> (sqlite3 connection, database path)
        self.hidden: set[str] = set()  # what the app made hidden (a no-op on Linux itself)
        self.real: dict[str, Callable[..., Any]] = {}

    # --- which paths the rules govern ---------------------------------------------------------------------

    def governs(self, path: Any) -> bool:
        if isinstance(path, int) or path is None:
            return False
        try:
            text = os.fsdecode(os.fspath(path))
        except TypeError:
            return False
        if text in ("", ":memory:"):
            return False
        absolute = os.path.abspath(text)
        return absolute == str(self.root) or absolute.startswith(str(self.root) + os.sep)

    def fold(self, path: Any) -> str:
        """The path as Windows would find it: each missing component matched case-insensitively to an entry."""
        absolute = os.path.abspath(os.fsdecode(os.fspath(path)))
        if not self.governs(absolute) or self.real["lexists"](absolute):
            return absolute
        current = str(self.root)
        for part in Path(absolute).relative_to(self.root).parts:
            candidate = os.path.join(current, part)
            if not self.real["lexists"](candidate):
                with suppress(OSError):
                    matches = [entry for entry in self.real["listdir"](current) if entry.casefold() == part.casefold()]
                    if matches:
                        candidate = os.path.join(current, matches[0])
            current = candidate
        return current

    # --- the rules ---------------------------------------------------------------------------------------------

    def check_creatable(self, path: str, *, folder: bool = False) -> None:
        limit = MAX_DIR_PATH if folder else MAX_PATH
        if windows_length(path) >= limit:
            raise _win_error(FileNotFoundError, errno.ENOENT, "The system cannot find the path specified", path, 3)
        for part in Path(path).relative_to(self.root).parts:
            if name_problem(part):
                raise _win_error(OSError, errno.EINVAL,
                                 "The filename, directory name, or volume label syntax is incorrect", path, 123)

    def check_reachable(self, path: str) -> None:
        if windows_length(path) >= MAX_PATH:
            raise _win_error(FileNotFoundError, errno.ENOENT, "The system cannot find the path specified", path, 3)

    def check_not_open(self, path: str) -> None:
        """A sharing violation when path, or anything under it (a folder), is open."""
        target = os.path.realpath(path)
        for held in self.open_paths():
            if held == target or held.startswith(target + os.sep):
                raise _win_error(PermissionError, errno.EACCES, SHARING_VIOLATION, path, 32)

    def check_not_hidden(self, path: str) -> None:
        if os.path.realpath(path) in self.hidden and self.real["lexists"](path):
            raise _win_error(PermissionError, errno.EACCES, "Access is denied", path, 5)

    def _set_hidden(self, path: Path, hidden: bool = True) -> None:
        """durable.set_hidden, remembered: the attribute Windows would now have (it moves with a rename)."""
        (self.hidden.add if hidden else self.hidden.discard)(os.path.realpath(path))

    def open_paths(self) -> set[str]:
        held = {os.path.realpath(f.name) for f in list(self._files)
                if not f.closed and isinstance(getattr(f, "name", None), str)}
        for fd, (path, dev, ino) in list(self._fds.items()):
            try:
                info = os.fstat(fd)
            except OSError:
                info = None
            if info is None or (info.st_dev, info.st_ino) != (dev, ino):
                del self._fds[fd]  # closed behind our back (os.fdopen(...).close()) and perhaps reused
                continue
            held.add(os.path.realpath(path))
        for key, (ref, database) in list(self._connections.items()):
            if ref() is None:
                del self._connections[key]
                continue
            held.update(os.path.realpath(database + suffix) for suffix in SQLITE_COMPANIONS)
        return held

    # --- the patched functions ------------------------------------------------------------------------------

    def _open(self, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if not self.governs(file):
            return self.real["open"](file, mode, *args, **kwargs)
        path = self.fold(file)
        creating = any(flag in mode for flag in "wxa+") and not self.real["lexists"](path)
        self.check_creatable(path) if creating else self.check_reachable(path)
        if "w" in mode:
            self.check_not_hidden(path)
        handle = self.real["open"](path, mode, *args, **kwargs)
        self._files.add(handle)
        return handle

    def _os_open(self, path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        if dir_fd is not None or not self.governs(path):
            return self.real["os_open"](path, flags, mode, dir_fd=dir_fd)
        folded = self.fold(path)
        if os.path.isdir(folded):
            raise _win_error(PermissionError, errno.EACCES, "Access is denied", folded, 5)
        exists = self.real["lexists"](folded)
        self.check_reachable(folded) if exists else self.check_creatable(folded)
        if flags & os.O_TRUNC:
            self.check_not_hidden(folded)
        fd = self.real["os_open"](folded, flags, mode)
        info = os.fstat(fd)
        self._fds[fd] = (folded, info.st_dev, info.st_ino)
        return fd

    def _os_close(self, fd: int) -> None:
        self._fds.pop(fd, None)
        self.real["os_close"](fd)

    def _fsync(self, fd: Any) -> None:
        descriptor = fd if isinstance(fd, int) else fd.fileno()
        import fcntl

        access = fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_ACCMODE
        if access == os.O_RDONLY:
            raise _win_error(OSError, errno.EBADF, "Bad file descriptor", None, 6)
        self.real["fsync"](descriptor)

    def _move(self, name: str) -> Callable[..., None]:
        def move(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            if args or kwargs or not (self.governs(src) or self.governs(dst)):
                return self.real[name](src, dst, *args, **kwargs)
            source, target = self.fold(src), self.fold(dst)
            self.check_not_open(source)
            if self.real["lexists"](target):
                if os.path.isdir(target):
                    raise _win_error(PermissionError, errno.EACCES, "Access is denied", target, 5)
                if name == "rename":
                    raise _win_error(FileExistsError, errno.EEXIST,
                                     "Cannot create a file when that file already exists", target, 183)
                self.check_not_open(target)
            elif self.governs(target):
                self.check_creatable(target, folder=os.path.isdir(source))
            self.real[name](source, target)
            if os.path.realpath(source) in self.hidden:  # attributes travel with the file
                self.hidden.discard(os.path.realpath(source))
                self.hidden.add(os.path.realpath(target))
            else:
                self.hidden.discard(os.path.realpath(target))

        return move

    def _remove(self, name: str) -> Callable[..., None]:
        def remove(path: Any, *args: Any, **kwargs: Any) -> None:
            if args or kwargs or not self.governs(path):
                return self.real[name](path, *args, **kwargs)
            folded = self.fold(path)
            self.check_not_open(folded)
            return self.real[name](folded)

        return remove

    def _mkdir(self, path: Any, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        if dir_fd is not None or not self.governs(path):
            return self.real["mkdir"](path, mode, dir_fd=dir_fd)
        folded = self.fold(path)
        if not self.real["lexists"](folded):
            self.check_creatable(folded, folder=True)
        return self.real["mkdir"](folded, mode)

    def _stat(self, name: str) -> Callable[..., os.stat_result]:
        def stat_(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            if args or kwargs or not self.governs(path):
                return self.real[name](path, *args, **kwargs)
            folded = self.fold(path)
            self.check_reachable(folded)
            return self.real[name](folded)

        return stat_

    def _connect(self, database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        path = _sqlite_path(database, kwargs.get("uri", False))
        if path is None or not self.governs(path) or "factory" in kwargs:
            return self.real["connect"](database, *args, **kwargs)
        folded = self.fold(path)
        self.check_reachable(folded) if self.real["lexists"](folded) else self.check_creatable(folded)
        if not kwargs.get("uri", False):
            database = folded
        connection = self.real["connect"](database, *args, factory=_TrackedConnection, **kwargs)
        self._connections[id(connection)] = (weakref.ref(connection), folded)
        connection._on_close = lambda: self._connections.pop(id(connection), None)  # type: ignore[attr-defined]
        return connection

    # --- installing -------------------------------------------------------------------------------------------

    def install(self, monkeypatch: pytest.MonkeyPatch) -> WindowsRules:
        real_lstat = os.lstat
        self.real = {"open": builtins.open, "os_open": os.open, "os_close": os.close, "fsync": os.fsync,
                     "replace": os.replace, "rename": os.rename, "unlink": os.unlink, "remove": os.remove,
                     "rmdir": os.rmdir, "mkdir": os.mkdir, "stat": os.stat, "lstat": os.lstat,
                     "lexists": lambda p: _lexists(real_lstat, p), "listdir": os.listdir, "connect": sqlite3.connect}
        monkeypatch.setattr(builtins, "open", self._open)
        monkeypatch.setattr(io, "open", self._open)
        monkeypatch.setattr(os, "open", self._os_open)
        monkeypatch.setattr(os, "close", self._os_close)
        monkeypatch.setattr(os, "fsync", self._fsync)
        for name in ("replace", "rename"):
            monkeypatch.setattr(os, name, self._move(name))
        for name in ("unlink", "remove", "rmdir"):
            monkeypatch.setattr(os, name, self._remove(name))
        monkeypatch.setattr(os, "mkdir", self._mkdir)
        monkeypatch.setattr(os, "stat", self._stat("stat"))
        monkeypatch.setattr(os, "lstat", self._stat("lstat"))
        monkeypatch.setattr(sqlite3, "connect", self._connect)
        monkeypatch.setattr(sqlite3.dbapi2, "connect", self._connect)  # SQLAlchemy's pysqlite imports dbapi2
        try:
            from gwr_desktop.safety import durable
        except ImportError:  # code from before the Windows fixes (the hand-back's run) hid nothing
            return self
        monkeypatch.setattr(durable, "set_hidden", self._set_hidden)
        return self


class _TrackedConnection(sqlite3.Connection):
    """A sqlite3 connection that tells the harness when it closes (the file handles go with it)."""

    def close(self) -> None:
        super().close()
        callback = getattr(self, "_on_close", None)
        if callback is not None:
            callback()


def _lexists(lstat: Callable[..., os.stat_result], path: str) -> bool:
    try:
        lstat(path)
    except (OSError, ValueError):
        return False
    return True


def _sqlite_path(database: Any, uri: bool) -> str | None:
    if isinstance(database, bytes | str | os.PathLike):
        text = os.fsdecode(os.fspath(database))
        if uri or text.startswith("file:"):
            parts = urlsplit(text)
            return unquote(parts.path) if parts.path and "memory" not in parts.query else None
        return text
    return None


def _win_error(kind: type[OSError], number: int, text: str, path: str | None, winerror: int) -> OSError:
    error = kind(number, text, path) if path is not None else kind(number, text)
    error.winerror = winerror  # type: ignore[attr-defined]  # as Python on Windows sets it
    return error


def is_regular(path: Path) -> bool:
    return stat.S_ISREG(path.lstat().st_mode)


def hidden_temp_files(folder: Path) -> Iterator[Path]:
    """Export temp files the app left in a folder (named .~gwr-*.tmp)."""
    return (path for path in folder.iterdir() if path.name.startswith(".~gwr-"))
