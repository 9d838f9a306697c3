"""Commands for data safety: backup [--out FILE], restore FILE, check."""

from __future__ import annotations

import argparse
from pathlib import Path

from gwr_desktop.safety import backup as backups
from gwr_desktop.safety.instance_lock import lock_holder
from gwr_desktop.safety.restore import RestoreError, restore_backup
from gwr_desktop.safety.sqlite_files import verify_file
from gwr_desktop.safety.startup_checks import DbState, check_database
from gwr_desktop.services.database import DatabaseError, resolve_url, sqlite_file, url_problem


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("backup", help="备份数据库（校验后保存到备份文件夹或指定文件）")
    parser.add_argument("--out", type=Path, help="备份到这个文件（默认：备份文件夹，按保留策略轮换）")
    parser.set_defaults(handler=run_backup)

    parser = subparsers.add_parser("restore", help="从备份文件恢复数据库（先备份当前数据）")
    parser.add_argument("file", type=Path, help="备份文件")
    parser.set_defaults(handler=run_restore)

    parser = subparsers.add_parser("check", help="检查数据库是否完好、结构版本是否可用")
    parser.set_defaults(handler=run_check)


def _sqlite_path(args: argparse.Namespace, action: str) -> Path:
    from gwr_desktop.cli import CommandError

    url = _checked_url(args)
    path = sqlite_file(url)
    if path is None:
        raise CommandError(f"{action}只适用于本机 SQLite 数据库；"
                           "PostgreSQL 数据库请由管理员用 pg_dump / pg_restore 处理。")
    return path


def _checked_url(args: argparse.Namespace) -> str:
    from gwr_desktop.cli import CommandError

    url = resolve_url(args.db)
    problem = url_problem(url)
    if problem is not None:
        raise CommandError(problem)
    return url


def _refuse_unusable(args: argparse.Namespace) -> None:
    from gwr_desktop.cli import CommandError

    result = check_database(args.db)
    if not result.usable:
        raise CommandError(result.message)
    if result.state is DbState.NEW:
        raise CommandError(f"数据库文件“{result.path}”不存在，没有可备份的内容。")


def run_backup(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    path = _sqlite_path(args, "备份")
    _refuse_unusable(args)
    try:
        if args.out is not None:
            summary = backups.export_backup(path, args.out.expanduser().resolve())
            print(f"已备份到 {args.out}（{summary.describe()}），已通过完整性检查。")
            return 0
        info = backups.create_backup(path, reason="manual")
    except backups.BackupError as error:
        raise CommandError(str(error)) from error
    assert info is not None  # create_backup only skips when asked to
    print(f"已备份到 {info.path}（{info.summary.describe()}），已通过完整性检查。")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError
    from gwr_desktop.services.database import open_database

    path = _sqlite_path(args, "恢复")
    holder = lock_holder(args.db)
    if holder is not None:
        raise CommandError(f"程序正在使用这个数据库（{holder.describe()}）。请先关闭程序，或在程序里用“恢复备份…”。")
    try:
        outcome = restore_backup(path, args.file.expanduser().resolve())
    except (RestoreError, backups.BackupError) as error:
        raise CommandError(str(error)) from error
    try:
        open_database(args.db).close()  # brings an older backup up to the current schema (backing it up first)
    except DatabaseError as error:
        raise CommandError(f"已恢复，但打开恢复后的数据库时出错：{error}") from error
    print(f"已从 {outcome.restored_from} 恢复。")
    if outcome.safety_backup is not None:
        print(f"恢复前的数据已备份到 {outcome.safety_backup.path}。")
    if outcome.set_aside is not None:
        print(f"损坏的数据库已改名保留为 {outcome.set_aside}。")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    result = check_database(_checked_url(args), thorough=True)
    if result.state is DbState.NOT_SQLITE:
        return _check_server(args)
    if not result.usable:
        damaged = result.state is DbState.DAMAGED
        told = [problem for problem in result.problems[:3] if problem not in result.message]
        detail = f"\n（SQLite 报告：{'；'.join(told)}）" if told else ""
        raise CommandError(result.message + detail + (_restore_hint(result.path) if damaged else ""))
    if result.state is DbState.NEW and result.path is not None and not result.path.exists():
        print(f"数据库文件“{result.path}”尚不存在；首次启动时会创建。")
        return 0
    if result.state is DbState.NEW:
        print(f"数据库文件“{result.path}”里还没有任何数据表；首次启动时会建立。")
        return 0
    print(f"数据库“{result.path}”完好：完整性检查通过，结构版本 {result.revision}，本程序可以打开。")
    if result.read_only is not None:
        print(result.read_only)
    return 0


def _restore_hint(path: Path | None) -> str:
    if path is None:
        return ""
    for info in backups.list_backups(backups.backup_folder(path)):
        if not verify_file(info.path):
            when = info.created.strftime("%Y-%m-%d %H:%M")
            return (f"\n最近一次完好的备份：{info.path}（{when}，{info.summary.describe()}）。"
                    f"\n恢复命令：main.py restore \"{info.path}\"")
    return "\n没有找到可用的自动备份。"


def _check_server(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError
    from gwr_desktop.services.database import server_revision

    try:
        revision = server_revision(args.db)
    except DatabaseError as error:
        raise CommandError(str(error)) from error
    print(f"服务器数据库可以连接，结构版本 {revision or '（尚未建立）'}，本程序可以打开。")
    return 0
