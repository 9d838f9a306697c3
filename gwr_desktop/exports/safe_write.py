"""Writing a file so that it is either complete or not there: temp file in the same folder, fsync, os.replace.

A target held open by WPS or Excel, a read-only folder or a full disk becomes an ExportWriteError with a
Chinese message naming the file; the temp file is removed and the old target (if any) is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TEMP_PREFIX = ".~gwr-"
_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


class ExportWriteError(OSError):
    """A file could not be written; the message is for the user (Chinese) and names the file."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.message, self.path = message, path

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class WriteJob:
    path: Path
    produce: Callable[[Path], None]  # writes the complete file at the temp path it is given
    check: Callable[[Path], None] | None = None  # raises OSError when the written file is not whole


def write_bytes(path: Path, data: bytes) -> Path:
    return write_files([WriteJob(Path(path), lambda temp: temp.write_bytes(data))])[0]


def write_via(path: Path, produce: Callable[[Path], None], check: Callable[[Path], None] | None = None) -> Path:
    return write_files([WriteJob(Path(path), produce, check)])[0]


def write_files(jobs: list[WriteJob]) -> list[Path]:
    """All files or none: every temp file is written and made durable first, then all are put in place;
    if one cannot be put in place, those already placed are rolled back to what was there before."""
    staged: list[tuple[WriteJob, Path]] = []
    try:
        for job in jobs:
            staged.append((job, _stage(job)))
        _commit(staged)
        staged = []
        return [job.path for job in jobs]
    finally:
        for _, temp in staged:
            with contextlib.suppress(OSError):
                temp.unlink()


def _stage(job: WriteJob) -> Path:
    stage, temp = "folder", None
    try:
        temp = _temp_beside(job.path)
        stage = "write"
        job.produce(temp)
        if job.check is not None:
            job.check(temp)
        _fsync_file(temp)
        return temp
    except OSError as error:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
        raise ExportWriteError(describe(error, job.path, stage=stage), job.path) from error


def _commit(staged: list[tuple[WriteJob, Path]]) -> None:
    done: list[tuple[Path, Path | None]] = []
    current = staged[0][0].path if staged else Path()
    try:
        for job, temp in staged:
            current, backup = job.path, None
            if job.path.exists():
                backup = _temp_beside(job.path)
                try:
                    os.replace(job.path, backup)  # fails while WPS/Excel holds the file (Windows)
                except OSError:
                    backup.unlink(missing_ok=True)
                    raise
            try:
                os.replace(temp, job.path)
            except OSError:
                if backup is not None:
                    os.replace(backup, job.path)
                raise
            done.append((job.path, backup))
    except OSError as error:
        _roll_back(done)
        raise ExportWriteError(describe(error, current, stage="replace"), current) from error
    for _, backup in done:
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()
    for folder in {path.parent for path, _ in done}:
        _fsync_dir(folder)


def _roll_back(done: list[tuple[Path, Path | None]]) -> None:
    for path, backup in reversed(done):
        with contextlib.suppress(OSError):
            if backup is not None:
                os.replace(backup, path)
            else:
                path.unlink()


def describe(error: OSError, path: Path, *, stage: str = "write") -> str:
    """The user's sentence for an OS error while writing path; stage says which step failed ("folder": the
    temp file could not be made, "write": writing it, "replace": putting it in the target's place)."""
    name, folder = path.name, path.parent
    if error.errno in _FULL:
        return f"磁盘空间不足（或超出文件大小限制），未能写入“{name}”。请清理磁盘后重试，已有文件未被改动。"
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if stage == "replace":
            return f"无法覆盖“{name}”：文件可能正被 WPS 或 Excel 打开。请关闭该文件后重试，已有文件未被改动。"
        return f"没有权限写入文件夹“{folder}”，未能保存“{name}”。请换一个文件夹，或检查文件夹是否只读。"
    if isinstance(error, FileNotFoundError):
        return f"文件夹“{folder}”不存在，未能保存“{name}”。"
    return f"未能写入“{name}”：{error.strerror or error}。已有文件未被改动。"


def _temp_beside(path: Path) -> Path:
    """An empty temp file in path's folder, readable like any file the user saves (mkstemp makes it 0600)."""
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o666 & ~_UMASK)
    finally:
        os.close(fd)
    return Path(name)


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a directory for fsync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
