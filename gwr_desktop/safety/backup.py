"""Verified snapshots of a SQLite database through the backup API, kept in a rotated backup folder.

Each backup is a single-file database plus a small JSON sidecar (time, reason, fingerprint, summary), so
the restore dialog lists backups without opening every file. A backup is written to a hidden temporary
name, checked with `PRAGMA integrity_check`, flushed, and only then renamed into place: a crash while
backing up leaves at most a temporary file, which the next backup removes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from gwr_desktop.os_errors import os_error_text, sqlite_error_text
from gwr_desktop.safety import durable
from gwr_desktop.safety.durable import (
    flush_file,
    flush_folder,
    too_long_for_windows,
    windows_name_problem,
    write_durably,
)
from gwr_desktop.safety.processes import process_alive
from gwr_desktop.safety.rotation import DEFAULT_POLICY, RetentionPolicy, backups_to_keep
from gwr_desktop.safety.sqlite_files import connect_read_only, copy_database, verify_file

REASON_LABELS = {
    "startup": "启动时自动备份",
    "migration": "升级数据库结构前",
    "import": "导入方案前",
    "restore": "恢复备份前",
    "manual": "手动备份",
    "fill": "命令行填写表格前",
    "import_form": "导入表格前",
    "quit": "退出时自动备份",
    "periodic": "编辑期间定时备份",
}
# Tables that hold the imported plan and the unit registry; every other table holds what users typed.
CATALOGUE_TABLES = frozenset({
    "alembic_version", "settings", "plans", "plan_parts", "plan_sections", "plan_headings", "items", "units",
    "unit_aliases", "group_members", "item_assignments", "plan_problems", "plan_deadlines", "plan_forms",
    "office_contacts",
})
_TEMP_PREFIX = ".incomplete-"
log = logging.getLogger(__name__)


class BackupError(RuntimeError):
    """A backup could not be made or read; the message is in Chinese."""


@dataclass(frozen=True)
class ContentSummary:
    plans: int
    items: int
    filled_rows: int
    size_bytes: int
    revision: str | None

    @property
    def is_empty(self) -> bool:
        return self.plans == 0 and self.filled_rows == 0

    def describe(self) -> str:
        size = f"{self.size_bytes / 1024:.0f} KB" if self.size_bytes < 1024 * 1024 else \
            f"{self.size_bytes / 1024 / 1024:.1f} MB"
        return f"{self.plans} 个方案，{self.items} 个事项，已填写 {self.filled_rows} 条，{size}"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    reason: str
    fingerprint: str
    summary: ContentSummary

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


def backup_folder(db_path: Path) -> Path:
    """user_data_dir()/backups for the default database; `<name>.backups/` beside any other file."""
    from gwr_desktop.paths import user_data_dir

    default_db = (user_data_dir() / "gwr.db").resolve()
    if db_path.resolve() == default_db:
        return default_db.parent / "backups"
    return db_path.with_name(db_path.name + ".backups")


def summarize(path: Path) -> ContentSummary:
    connection = connect_read_only(path)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        counts = {table: _count(connection, table) for table in tables}
        revision = None
        if "alembic_version" in counts:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.Error as error:
        raise BackupError(f"无法读取备份文件 {path.name}：{sqlite_error_text(error)}") from error
    finally:
        connection.close()
    filled = sum(count for table, count in counts.items() if table not in CATALOGUE_TABLES)
    return ContentSummary(plans=counts.get("plans", 0), items=counts.get("items", 0), filled_rows=filled,
                          size_bytes=path.stat().st_size, revision=revision)


def _count(connection: sqlite3.Connection, table: str) -> int:
    quoted = '"' + table.replace('"', '""') + '"'
    return int(connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0])


def fingerprint(path: Path) -> str:
    """SHA-256 of a backup file, ignoring the header counters SQLite bumps on every write.

    Read in chunks: the whole file in memory (twice, as bytes and as a bytearray) made every start with a
    large database hold it all at once (issue 15: a 47 MB file, +95 MB at the start-up backup)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        head = bytearray(handle.read(_CHUNK))
        if len(head) >= 100:
            head[24:28] = b"\0" * 4
            head[92:100] = b"\0" * 8
        digest.update(head)
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


_CHUNK = 1 << 20


def create_backup(db_path: Path, *, reason: str, now: dt.datetime | None = None, folder: Path | None = None,
                  only_if_changed: bool = False, skip_empty: bool = False,
                  policy: RetentionPolicy = DEFAULT_POLICY, mirror: Path | None = None) -> BackupInfo | None:
    """Snapshot db_path into its backup folder, verify it, then thin old backups; with mirror, a verified
    copy also goes there (a second disk or a USB stick: a failure there is logged, never fatal).

    None when asked to skip and the content equals the newest backup, or holds no plan and nothing typed.
    """
    now = now or dt.datetime.now()
    folder = folder or backup_folder(db_path)
    folder_existed = folder.is_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a read-only folder beside the database, a full disk: said, never a traceback
        raise BackupError(f"无法建立备份文件夹“{folder}”：{_folder_problem(error)}。") from error
    remove_incomplete(folder)
    temporary = folder / f"{_TEMP_PREFIX}{os.getpid()}.db"
    _snapshot(db_path, temporary)
    digest = fingerprint(temporary)
    newest = next(iter(list_backups(folder)), None)
    summary = summarize(temporary)
    unchanged = only_if_changed and newest is not None and newest.fingerprint == digest
    if unchanged or (skip_empty and summary.is_empty):
        temporary.unlink()
        if not folder_existed:
            folder.rmdir()  # no clutter beside the database for a backup that was not needed
        return None
    info = BackupInfo(path=_free_name(folder, db_path.stem, now, reason), created=now, reason=reason,
                      fingerprint=digest, summary=summary)
    try:
        _place(temporary, info.path)
        _write_sidecar(info)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"未能写入备份文件“{info.path.name}”：{os_error_text(error)}。") from error
    flush_folder(folder)
    prune(folder, now, policy, protect=info.path)
    log.info("备份（%s）：%s，%s", info.reason_label, info.path, summary.describe())
    if mirror is not None and mirror.resolve() != folder.resolve():
        mirror_backup(info, mirror, now, policy)
    return info


def mirror_backup(info: BackupInfo, mirror: Path, now: dt.datetime,
                  policy: RetentionPolicy = DEFAULT_POLICY) -> Path | None:
    """A verified copy of a backup (and its sidecar) in a second folder, rotated there by the same policy.
    Returns the copy, or None when the folder cannot take it (a USB stick pulled out): logged, not raised."""
    try:
        mirror.mkdir(parents=True, exist_ok=True)
        remove_incomplete(mirror)
        copy = mirror / info.path.name
        _snapshot(info.path, mirror / f"{_TEMP_PREFIX}{os.getpid()}.db", place_at=copy)
        _write_sidecar(BackupInfo(copy, info.created, info.reason, info.fingerprint, info.summary))
        flush_folder(mirror)
        prune(mirror, now, policy, protect=copy)
    except (OSError, BackupError) as error:
        detail = os_error_text(error) if isinstance(error, OSError) else str(error)
        log.warning("未能把备份另存到第二个文件夹“%s”：%s", mirror, detail)
        return None
    log.info("备份已另存到第二个文件夹：%s", copy)
    return copy


def backup_before(url: str, reason: str, *, now: dt.datetime | None = None) -> BackupInfo | None:
    """Safety snapshot before a risky step (migration, import, restore) or at start-up, also into the second
    backup folder when one is set (user_config).

    Does nothing for PostgreSQL, for a file not created yet, for an empty database, or when the content is
    the same as the newest backup (that backup already holds this state).
    """
    from gwr_desktop.storage.urls import sqlite_file  # plain URL parsing: no SQLAlchemy for a backup
    from gwr_desktop.user_config import backup_mirror

    path = sqlite_file(url)
    if path is None or not path.exists():
        return None
    return create_backup(path, reason=reason, now=now, only_if_changed=True, skip_empty=True,
                         mirror=backup_mirror())


def _folder_problem(error: OSError) -> str:
    import errno

    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return "没有写入权限（文件夹是只读的），请在可写的文件夹里使用数据库，或用 backup --out 指定备份位置"
    if error.errno == errno.ENOSPC:
        return "磁盘空间已满"
    return "无法写入该位置"


def export_backup(db_path: Path, out: Path) -> ContentSummary:
    """A verified snapshot at a path the user chose (备份到…, `backup --out`: a USB stick, another disk);
    no rotation. Any failure is a BackupError naming the file and the cause; nothing half-written stays."""
    problem = windows_name_problem(out.name)
    if problem is not None:
        raise BackupError(f"不能保存为“{out.name}”：{problem}。请换一个文件名。")
    if too_long_for_windows(out):
        raise BackupError(f"路径过长，不能保存为“{out}”（Windows 最多允许 259 个字符）。请换一个较短的位置。")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"无法创建文件夹“{out.parent}”：{os_error_text(error)}。") from error
    _snapshot(db_path, out.with_name(f"{_TEMP_PREFIX}{os.getpid()}-{out.name}"), place_at=out)
    flush_folder(out.parent)
    summary = summarize(out)
    log.info("备份到指定位置：%s，%s", out, summary.describe())
    return summary


def _snapshot(db_path: Path, temporary: Path, *, place_at: Path | None = None) -> None:
    """A verified, flushed copy of db_path at temporary (hidden on Windows), then renamed to place_at if given.
    On failure the temporary file is removed and a BackupError says why."""
    try:
        temporary.unlink(missing_ok=True)
        _copy_verified(db_path, temporary)
        if place_at is not None:
            _place(temporary, place_at)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        target = place_at or temporary
        raise BackupError(f"未能写入备份文件“{target.name}”：{os_error_text(error)}。已有数据未被改动。") from error


def _copy_verified(db_path: Path, temporary: Path) -> None:
    try:
        copy_database(db_path, temporary)
    except sqlite3.Error as error:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"无法备份数据库 {db_path.name}：{sqlite_error_text(error)}") from error
    durable.set_hidden(temporary, True)  # SQLite has written it; from here it is only read and flushed in place
    problems = verify_file(temporary)
    if problems:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"备份未通过完整性检查，已放弃本次备份：{'；'.join(problems[:3])}")
    flush_file(temporary)


def _place(temporary: Path, target: Path) -> None:
    """Rename a finished temp file to its name; it is shown again first (attributes move with the file)."""
    durable.set_hidden(temporary, False)
    os.replace(temporary, target)


def _free_name(folder: Path, stem: str, now: dt.datetime, reason: str) -> Path:
    base = f"{stem}-{now:%Y%m%d-%H%M%S}-{reason}"
    candidate, counter = folder / f"{base}.db", 2
    while candidate.exists():
        candidate, counter = folder / f"{base}-{counter}.db", counter + 1
    return candidate


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def _write_sidecar(info: BackupInfo) -> None:
    payload = {"created": info.created.isoformat(), "reason": info.reason, "fingerprint": info.fingerprint,
               "summary": asdict(info.summary)}
    temporary = info.path.with_name(_TEMP_PREFIX + info.path.stem + ".json")
    write_durably(temporary, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
    os.replace(temporary, _sidecar(info.path))


def read_backup(path: Path) -> BackupInfo:
    """Metadata of one backup: from its sidecar, or worked out from the file when the sidecar is missing."""
    try:
        payload = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        return BackupInfo(path=path, created=dt.datetime.fromisoformat(payload["created"]),
                          reason=payload["reason"], fingerprint=payload["fingerprint"],
                          summary=ContentSummary(**payload["summary"]))
    except (OSError, ValueError, KeyError, TypeError):
        created = dt.datetime.fromtimestamp(path.stat().st_mtime)
        return BackupInfo(path=path, created=created, reason="unknown", fingerprint=fingerprint(path),
                          summary=summarize(path))


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in the folder, newest first. Unreadable files are skipped, never fatal."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.db"):
        if path.name.startswith(_TEMP_PREFIX):
            continue
        try:
            found.append(read_backup(path))
        except (BackupError, OSError):
            continue
    return sorted(found, key=lambda info: (info.created, info.path.name), reverse=True)


def prune(folder: Path, now: dt.datetime, policy: RetentionPolicy = DEFAULT_POLICY,
          protect: Path | None = None) -> list[Path]:
    """Delete backups (and sidecars) the retention policy does not keep; returns the deleted files."""
    backups = list_backups(folder)
    keep = backups_to_keep([info.created for info in backups], now, policy)
    deleted = []
    for info in backups:
        if info.created in keep or info.path == protect:
            continue
        info.path.unlink(missing_ok=True)
        _sidecar(info.path).unlink(missing_ok=True)
        deleted.append(info.path)
    return deleted


def remove_incomplete(folder: Path) -> None:
    """Temporary files left by a backup that was interrupted (killed process, full disk).

    A temporary file names the process writing it; one whose process still runs is another backup in progress.
    """
    for leftover in folder.glob(f"{_TEMP_PREFIX}*"):
        owner = re.match(r"\d+", leftover.name[len(_TEMP_PREFIX):])
        if owner is not None and int(owner[0]) != os.getpid() and process_alive(int(owner[0])):
            continue
        leftover.unlink(missing_ok=True)
