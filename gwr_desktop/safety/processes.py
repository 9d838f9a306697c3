"""Is a process still running? Used to tell a live lock or temporary file from one a crash left behind."""

from __future__ import annotations

import os
import sys


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0 only asks; on Windows os.kill would terminate, hence the branch above
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - exercised on Windows only
    import ctypes

    if sys.platform != "win32":  # ctypes.windll exists on Windows only (and type checkers know it after this)
        raise OSError("只在 Windows 上可用")
    query_limited_information, still_active = 0x1000, 259
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
