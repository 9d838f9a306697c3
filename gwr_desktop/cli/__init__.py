"""Command line over the same services as the app. Without a command, the window opens.

Each command module exposes `register(subparsers)`; a command's handler takes the parsed arguments
and returns the exit status. Messages for people are Chinese; errors go to stderr with a non-zero exit.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Imported only when the line may hold a command: `main.py` alone (or with --db) opens the window, and
# importing every command's services (exporters, sign-off, forms) first would delay its first paint.
COMMAND_MODULES = ("catalogue_cmds", "plan_settings_cmds", "form_cmds", "safety_cmds", "export_cmds")


class CommandError(Exception):
    """A failure to report to the user as a plain message (already in Chinese)."""


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="政府工作报告目标任务办理工具")
    parser.add_argument(
        "--db", help="数据库：SQLite 文件路径或 SQLAlchemy URL（默认：用户数据目录；也可用环境变量 GWR_DB）")
    parser.set_defaults(command=None)
    if with_commands:
        subparsers = parser.add_subparsers(dest="command", metavar="命令")
        for name in COMMAND_MODULES:
            importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def _opens_window(argv: list[str]) -> bool:
    """Nothing but --db on the line: the window opens and no command module is needed."""
    if not argv:
        return True
    if len(argv) == 1:
        return argv[0].startswith("--db=")
    return len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_commands=not _opens_window(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        from gwr_desktop.app import run_app  # deferred: the command line never loads Qt

        return run_app(args)
    try:
        return args.handler(args)
    except CommandError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
