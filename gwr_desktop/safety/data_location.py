"""Where the database may live: a local folder the user can write, never a network share.

SQLite's locking does not hold on SMB or NFS (two PCs can corrupt one file, and a dropped connection can
tear a write in half), so a data folder on a network drive is warned against: a UNC path (\\\\server\\share) or
a mapped network drive on Windows, an nfs/cifs/smb/sshfs/gvfs mount on Linux (read from /proc/mounts; 统信
UOS's file manager mounts SMB shares through gvfs under /run/user/<uid>/gvfs). Moving the data copies the
database with SQLite's backup API (verified), and the new folder is kept in user_config.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from gwr_desktop.os_errors import os_error_text
from gwr_desktop.safety.durable import MAX_PATH_UNITS, windows_length

NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre", "davfs",
    "fuse.sshfs", "fuse.davfs2", "fuse.gvfsd-fuse", "fuse.glusterfs", "fuse.ceph", "fuse.rclone",
})
_DRIVE_REMOTE = 4
# The longest name the app puts inside the data folder: backups/gwr-20240101-120000-migration-2.json
_LONGEST_INSIDE = len("backups/gwr-20240101-120000-migration-10.json")
DB_NAME = "gwr.db"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FolderCheck:
    folder: Path
    problems: list[str] = field(default_factory=list)  # the folder cannot be used
    warnings: list[str] = field(default_factory=list)  # it can, but it should not be

    @property
    def usable(self) -> bool:
        return not self.problems


def network_reason(path: Path, *, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """Why path is on a network drive (in Chinese), or None for a local disk."""
    if os.name == "nt":
        return windows_network_reason(str(path))
    return linux_network_reason(path, mounts_file)


def windows_network_reason(path: str, drive_type: object = None) -> str | None:
    """UNC paths and mapped network drives; drive_type(root) -> int is GetDriveTypeW (tests pass their own)."""
    pure = PureWindowsPath(path)
    if pure.drive.startswith(("\\\\", "//")):
        return f"这是网络共享路径（{pure.drive}）"
    if not pure.drive:
        return None
    kind = (drive_type or _get_drive_type)(pure.drive + "\\")  # type: ignore[operator]
    return f"{pure.drive} 是映射的网络驱动器" if kind == _DRIVE_REMOTE else None


def _get_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))  # type: ignore[attr-defined]


def linux_network_reason(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """The mount holding path (the longest mount point above it) is a network file system."""
    mount = _mount_of(_existing_ancestor(path), mounts_file)
    if mount is None:
        return None
    point, fstype = mount
    if fstype in NETWORK_FILE_SYSTEMS or fstype.startswith(("nfs", "smb", "cifs")):
        return f"它在网络文件系统上（{fstype}，挂载于 {point}）"
    return None


def _existing_ancestor(path: Path) -> Path:
    """path with its existing part resolved (symlinks followed) and the part still to be made kept as given."""
    current, missing = path.absolute(), []
    while not os.path.exists(current) and current != current.parent:
        missing.append(current.name)
        current = current.parent
    return current.resolve().joinpath(*reversed(missing))


def _mount_of(path: Path, mounts_file: Path) -> tuple[str, str] | None:
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    best: tuple[str, str] | None = None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape(fields[1])
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, fields[2])
    return best


def _unescape(field_text: str) -> str:
    """/proc/mounts writes a space as \\040, a tab as \\011, a backslash as \\134."""
    for code, character in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field_text = field_text.replace(code, character)
    return field_text


def check_folder(folder: Path, *, mounts_file: Path = Path("/proc/mounts")) -> FolderCheck:
    """Can the database live in folder? Problems make it unusable; warnings need the user's consent."""
    problems, warnings = [], []
    reason = network_reason(folder, mounts_file=mounts_file)
    if reason is not None:
        warnings.append(f"“{folder}”不宜存放数据库：{reason}。SQLite 数据库放在网络驱动器上，"
                        "断网或多台电脑同时打开时可能损坏。请选择本机磁盘（如 D 盘）上的文件夹，"
                        "网络驱动器或 U 盘可以用来存放备份。")
    if windows_length(folder.absolute()) + 1 + _LONGEST_INSIDE > MAX_PATH_UNITS:
        problems.append(f"文件夹路径过长（Windows 最多允许 {MAX_PATH_UNITS} 个字符），请选择层级较浅的文件夹。")
    writable = _writable(folder)
    if writable is not None:
        problems.append(writable)
    return FolderCheck(folder, problems, warnings)


def _writable(folder: Path) -> str | None:
    """None when a file can be created in folder (made if missing); otherwise why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".~gwr-check-", dir=folder)
        os.close(handle)
        os.unlink(name)
    except OSError as error:
        return f"不能在“{folder}”中写入文件：{os_error_text(error)}。"
    return None


def move_data(current_db: Path | None, folder: Path) -> str:
    """Make folder the data folder: keep a database already there, else copy the current one (verified).
    Returns what was done, for the user; raises BackupError when the copy fails (nothing is changed then)."""
    from gwr_desktop import user_config
    from gwr_desktop.safety.backup import export_backup

    target = folder / DB_NAME
    if target.exists():
        done = f"将使用“{folder}”中已有的数据库。"
    elif current_db is not None and current_db.exists():
        summary = export_backup(current_db, target)
        done = f"已把当前数据复制到“{target}”（{summary.describe()}），原文件保留在原处。"
    else:
        done = f"新文件夹中还没有数据库，下次启动时会在“{folder}”中新建。"
    user_config.update(data_folder=str(folder))
    log.info("数据文件夹改为 %s：%s", folder, done)
    return done


def reset_data_folder() -> None:
    from gwr_desktop import user_config

    with contextlib.suppress(OSError):
        user_config.update(data_folder=None)
