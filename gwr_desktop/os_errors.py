"""Operating-system and SQLite errors in plain Chinese, for messages people read.

`str(OSError)` is "[Errno 28] No space left on device" here and an English or a Chinese sentence on Windows,
depending on the system's language; a message built from it mixes languages and error codes. These functions
name the cause from the error number (and Windows' own error code, when there is one) instead.
"""

from __future__ import annotations

import errno
import sqlite3

_ERRNO_TEXT = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EFBIG: "文件超过了允许的大小",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "操作不被允许（没有权限）",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOENT: "找不到文件或文件夹",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "同名文件已存在",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EINVAL: "文件名无效或参数不正确",
    errno.EBUSY: "文件正被占用",
    errno.EBADF: "文件句柄无效",
    errno.EIO: "磁盘读写出错",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ENODEV: "设备不可用（例如 U 盘已拔出）",
    errno.ENXIO: "设备不可用（例如 U 盘已拔出）",
    errno.ETIMEDOUT: "连接超时",
    errno.ECONNREFUSED: "连接被拒绝",
    errno.EHOSTUNREACH: "无法连接到服务器",
    errno.ELOOP: "路径中的链接形成了循环",
}
for _name, _text in (("EDQUOT", "超出了磁盘配额"), ("ESTALE", "网络文件已失效，请重新连接网络驱动器")):
    if hasattr(errno, _name):
        _ERRNO_TEXT[getattr(errno, _name)] = _text

# Windows' own codes (OSError.winerror): several map to the same errno, but their causes differ.
_WINERROR_TEXT = {
    2: "找不到文件",
    3: "找不到路径",
    5: "拒绝访问（没有权限，或文件是只读的）",
    19: "磁盘处于写保护状态",
    21: "设备未就绪（例如 U 盘已拔出）",
    32: "文件正被另一个程序使用",
    33: "文件的一部分被另一个程序锁定",
    39: "磁盘已满",
    53: "找不到网络路径",
    59: "网络出错",
    64: "网络连接已断开",
    67: "找不到网络名",
    112: "磁盘空间不足",
    123: "文件名、文件夹名或卷标语法不正确",
    206: "文件名或路径过长",
    1224: "文件正被另一个程序使用（已映射到内存）",
}
LOCKED_WINERRORS = frozenset({32, 33, 1224})

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xff).
_SQLITE_TEXT = {
    3: "没有访问权限",
    5: "数据库正被另一个程序使用",
    6: "数据库中的表被锁定",
    8: "数据库文件是只读的",
    10: "磁盘读写出错（磁盘可能已满、文件超过了系统允许的大小，或者U盘、网络盘已断开）",
    11: "数据库文件已损坏",
    13: "磁盘空间已满，请清理磁盘空间后重试",
    14: "无法打开数据库文件",
    26: "不是本程序可以读取的数据库文件",
}


def os_error_text(error: OSError) -> str:
    """The cause of an OSError in Chinese, without error codes or the system's own wording."""
    winerror = getattr(error, "winerror", None)
    if winerror in _WINERROR_TEXT:
        return _WINERROR_TEXT[winerror]
    if error.errno in _ERRNO_TEXT:
        return _ERRNO_TEXT[error.errno]
    code = winerror if winerror is not None else error.errno
    return f"系统错误（代码 {code}）" if code is not None else "系统错误"


def sqlite_error_text(error: sqlite3.Error) -> str:
    """The cause of a SQLite error in Chinese; SQLite's own words only when the code is not one we know."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _SQLITE_TEXT:
        return _SQLITE_TEXT[code & 0xFF]
    return f"数据库出错（{error}）"


def is_locked(error: OSError) -> bool:
    """Held open by another program (WPS, Excel, an antivirus scan): Windows' sharing or lock violation."""
    return getattr(error, "winerror", None) in LOCKED_WINERRORS or error.errno == errno.EBUSY


def is_disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)) or \
        getattr(error, "winerror", None) in (39, 112)
