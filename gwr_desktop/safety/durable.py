"""Durable file operations that hold on Windows as on Linux (exports, backups, restores use them).

Windows differs where it hurts: FlushFileBuffers (os.fsync) needs a handle opened for writing — a read-only
descriptor gives `[Errno 9] Bad file descriptor` —, a folder cannot be opened to flush a rename (NTFS
journals its directory entries itself), paths stop at 259 characters, and a file name starting with a dot is
not hidden by that alone. tests/winrules imposes these rules on Linux.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

MAX_PATH_UNITS = 259  # MAX_PATH (260) less the terminating NUL; long paths are off on a default Windows
_FILE_ATTRIBUTE_HIDDEN = 0x2
_INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF
_RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in "123456789"),
                             *(f"LPT{n}" for n in "123456789")})
_INVALID_CHARACTERS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def windows_length(path: Path | str) -> int:
    """How Windows counts a path: UTF-16 code units (a character outside the BMP counts twice)."""
    return len(str(path).encode("utf-16-le")) // 2


def too_long_for_windows(path: Path) -> bool:
    return windows_length(path.absolute()) > MAX_PATH_UNITS


def windows_name_problem(name: str) -> str | None:
    """Why Windows would refuse a file name (in Chinese), or None. Checked on every system: the file may
    be copied to a Windows PC, and a name like NUL.db there silently writes nowhere."""
    if not name.strip(" ."):
        return "文件名为空"
    if _INVALID_CHARACTERS.search(name):
        return '文件名含有 Windows 不允许的字符（< > : " / \\ | ? * 或控制字符）'
    if name != name.rstrip(" ."):
        return "文件名以空格或句点结尾"
    if name.split(".")[0].rstrip(" ").upper() in _RESERVED_NAMES:
        return f"“{name.split('.')[0]}”是 Windows 保留的设备名"
    return None


def write_durably(path: Path, data: bytes) -> None:
    """Write data and flush it to disk through the same handle."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def flush_file(path: Path) -> None:
    """Flush a file another writer produced (Qt, SQLite) through a handle opened for writing."""
    with open(path, "r+b") as handle:
        os.fsync(handle.fileno())


def flush_folder(folder: Path) -> None:
    """Make renames in folder durable where the system lets a folder be flushed (POSIX).

    Windows cannot open a folder at all, and some file systems (FAT on a USB stick, SMB) refuse to flush one;
    neither is an error for the caller, whose files are already flushed themselves.
    """
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def set_hidden(path: Path, hidden: bool = True) -> None:
    """Hide (or show again) a file in Explorer; a leading dot hides it elsewhere. Best effort: never raises.

    A file keeps its attributes when it is renamed, so a temp file must be shown again before it takes the
    place of a file the user sees.
    """
    if os.name != "nt":
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    kernel32.GetFileAttributesW.restype = ctypes.c_uint32  # a DWORD: INVALID_FILE_ATTRIBUTES is not -1
    kernel32.GetFileAttributesW.argtypes = [ctypes.c_wchar_p]
    kernel32.SetFileAttributesW.argtypes = [ctypes.c_wchar_p, ctypes.c_uint32]
    attributes = kernel32.GetFileAttributesW(str(path))
    if attributes == _INVALID_FILE_ATTRIBUTES:
        return
    wanted = attributes | _FILE_ATTRIBUTE_HIDDEN if hidden else attributes & ~_FILE_ATTRIBUTE_HIDDEN
    if wanted != attributes:
        kernel32.SetFileAttributesW(str(path), wanted)
