"""Writing a file so that it is either complete or not there: temp file on the same disk, flush, os.replace.

A target held open by WPS or Excel, a read-only folder, a full disk or a path too long for Windows becomes an
ExportWriteError with a Chinese message naming the file and the cause; the temp file is removed and the old
target (if any) is left as it was.

Temp files, `.~gwr-<pid>-<random>.tmp`, live in a work folder `.~gwr-temp` beside the target, hidden on Windows
(FILE_ATTRIBUTE_HIDDEN) as the leading dot hides it elsewhere, and removed once empty: the officer never sees
them in the folder the files are e-mailed from, even after a killed export. Why the folder and not the files is
hidden: Windows refuses to open a hidden file for writing with truncation (CreateFile CREATE_ALWAYS, which
every `open(…, "wb")` and most writers use), so hidden temp files would make every export fail. Leftovers of a
killed process are removed the next time anything is written into that folder.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gwr_desktop.os_errors import is_disk_full, is_locked, os_error_text
from gwr_desktop.safety import durable
from gwr_desktop.safety.durable import (
    MAX_PATH_UNITS,
    flush_file,
    flush_folder,
    too_long_for_windows,
    windows_length,
    write_durably,
)
from gwr_desktop.safety.processes import process_alive

TEMP_PREFIX = ".~gwr-"
TEMP_SUFFIX = ".tmp"
WORK_FOLDER = ".~gwr-temp"
# A temp file without a process id (written by an older version) is stale once it is this old.
_UNOWNED_TEMP_AGE_S = 600
log = logging.getLogger(__name__)


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
    produce: Callable[[Path], object]  # writes the complete file at the temp path it is given
    check: Callable[[Path], None] | None = None  # raises OSError when the written file is not whole
    data: bytes | None = None  # instead of produce: these bytes, written and flushed through one handle


def write_bytes(path: Path, data: bytes) -> Path:
    return write_files([WriteJob(Path(path), _unused, data=data)])[0]


def write_via(path: Path, produce: Callable[[Path], object], check: Callable[[Path], None] | None = None) -> Path:
    return write_files([WriteJob(Path(path), produce, check)])[0]


def _unused(_temp: Path) -> None:
    raise AssertionError("a job with data is written directly")


def write_files(jobs: list[WriteJob]) -> list[Path]:
    """All files or none: every temp file is written and made durable first, then all are put in place;
    if one cannot be put in place, those already placed are rolled back to what was there before."""
    for folder in dict.fromkeys(job.path.parent for job in jobs):
        remove_stale_temps(folder)
    staged: list[tuple[WriteJob, Path]] = []
    try:
        for job in jobs:
            staged.append((job, _stage(job)))
        _commit(staged)
        staged = []
        return [job.path for job in jobs]
    except ExportWriteError as error:
        log.warning("写入文件失败：%s", error.message)
        raise
    finally:
        for _, temp in staged:
            with contextlib.suppress(OSError):
                temp.unlink()
        for folder in dict.fromkeys(job.path.parent for job in jobs):
            _remove_work_folder(folder)


def _stage(job: WriteJob) -> Path:
    """The job's complete, flushed temp file; on any failure (a renderer's own error too) no temp file stays."""
    stage, temp = "folder", None
    try:
        temp = _temp_beside(job.path)
        stage = "write"
        if job.data is not None:
            write_durably(temp, job.data)
        else:
            job.produce(temp)
            if job.check is not None:
                job.check(temp)
            flush_file(temp)
        written, temp = temp, None
        return written
    except OSError as error:
        raise ExportWriteError(describe(error, job.path, stage=stage, temp=temp), job.path) from error
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()


def _commit(staged: list[tuple[WriteJob, Path]]) -> None:
    done: list[tuple[Path, Path | None]] = []
    current = staged[0][0].path if staged else Path()
    try:
        for job, temp in staged:
            current = job.path
            backup = _move_aside(job.path)
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
        flush_folder(folder)


def _move_aside(path: Path) -> Path | None:
    """The current target, moved into the work folder so it can be put back; None when there is none."""
    if not path.exists():
        return None
    backup = _temp_beside(path)
    try:
        os.replace(path, backup)  # fails while WPS/Excel holds the file (Windows)
    except OSError:
        backup.unlink(missing_ok=True)
        raise
    return backup


def _roll_back(done: list[tuple[Path, Path | None]]) -> None:
    for path, backup in reversed(done):
        with contextlib.suppress(OSError):
            if backup is not None:
                os.replace(backup, path)
            else:
                path.unlink()


def describe(error: OSError, path: Path, *, stage: str = "write", temp: Path | None = None) -> str:
    """The user's sentence for an OS error while writing path; stage says which step failed ("folder": the
    temp file could not be made, "write": writing it, "replace": putting it in the target's place)."""
    name, folder = path.name, path.parent
    if _path_too_long(error, path, temp):
        length = windows_length(path.absolute())
        how_long = f"完整路径有 {length} 个字符" if length > MAX_PATH_UNITS else "保存时所需的临时文件路径过长"
        return (f"路径过长，未能保存“{name}”：{how_long}，Windows 最多允许 {MAX_PATH_UNITS} 个。"
                "请换一个层级较浅或名称较短的文件夹。")
    if is_disk_full(error):
        return f"磁盘空间不足（或超出文件大小限制），未能写入“{name}”。请清理磁盘后重试，已有文件未被改动。"
    if is_locked(error) or (stage == "replace" and isinstance(error, PermissionError)):
        return (f"“{name}”正被其他程序打开（例如 WPS 或 Excel），或是只读文件，无法覆盖。"
                "请关闭该文件后重试，已有文件未被改动。")
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return f"没有权限写入文件夹“{folder}”，未能保存“{name}”。请换一个文件夹，或检查文件夹是否只读。"
    if isinstance(error, FileNotFoundError):
        missing = _missing_other_file(error, path, temp)
        if missing is not None:
            return f"缺少程序自带的文件“{missing}”，未能生成“{name}”。程序安装可能不完整，请重新安装。"
        if not folder.is_dir():
            return f"文件夹“{folder}”不存在，未能保存“{name}”。"
    return f"未能写入“{name}”：{os_error_text(error)}。已有文件未被改动。"


def _path_too_long(error: OSError, path: Path, temp: Path | None) -> bool:
    if error.errno == errno.ENAMETOOLONG or getattr(error, "winerror", None) == 206:
        return True
    return isinstance(error, FileNotFoundError) and any(
        candidate is not None and too_long_for_windows(candidate) for candidate in (path, temp))


def _missing_other_file(error: FileNotFoundError, path: Path, temp: Path | None) -> str | None:
    """The file a renderer could not find, when it is neither the target nor its temp file (a template)."""
    if not error.filename:
        return None
    missing = Path(os.fsdecode(error.filename))
    ours = {path.absolute(), path.parent.absolute(), work_folder(path.parent).absolute()}
    if temp is not None:
        ours.add(temp.absolute())
    return None if missing.absolute() in ours else str(missing)


def work_folder(folder: Path) -> Path:
    return folder / WORK_FOLDER


def _temp_beside(path: Path) -> Path:
    """An empty temp file in the hidden work folder beside path, readable like any file the user saves
    (mkstemp makes it 0600). The work folder is on the target's disk, so os.replace stays a rename."""
    work = work_folder(path.parent)
    if not work.is_dir():
        work.mkdir(exist_ok=True)
        durable.set_hidden(work, True)
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=work)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o666 & ~_UMASK)
    finally:
        os.close(fd)
    return Path(name)


def _remove_work_folder(folder: Path) -> None:
    """The work folder goes once it is empty (another export may still be using it: then it stays)."""
    with contextlib.suppress(OSError):
        work_folder(folder).rmdir()


def remove_stale_temps(folder: Path, *, now: float | None = None) -> list[Path]:
    """Temp files a killed or failed export left (in the work folder, or loose in folder from older versions);
    those of a running process stay. Never raises."""
    removed: list[Path] = []
    moment = time.time() if now is None else now
    for leftover in _temp_files(folder) + _temp_files(work_folder(folder)):
        if _temp_in_use(leftover, moment):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    _remove_work_folder(folder)
    if removed:
        log.info("清理了 %d 个遗留的临时文件：%s", len(removed), folder)
    return removed


def _temp_files(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX) and p.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return []


def _temp_in_use(path: Path, now: float) -> bool:
    owner = path.name[len(TEMP_PREFIX):].split("-", 1)[0]
    if owner.isdigit():
        return int(owner) == os.getpid() or process_alive(int(owner))
    try:
        return now - path.stat().st_mtime < _UNOWNED_TEMP_AGE_S
    except OSError:
        return False


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()
