"""Command line over the same services as the app. Without a command, the window opens.

Each command module exposes `register(subparsers)`; a command's handler takes the parsed arguments
and returns the exit status. Messages for people are Chinese; errors go to stderr with a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from gwr_desktop.cli import catalogue_cmds, export_cmds, form_cmds, safety_cmds

COMMAND_MODULES = [catalogue_cmds, form_cmds, safety_cmds, export_cmds]


class CommandError(Exception):
    """A failure to report to the user as a plain message (already in Chinese)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="政府工作报告目标任务办理工具")
    parser.add_argument(
        "--db", help="数据库：SQLite 文件路径或 SQLAlchemy URL（默认：用户数据目录；也可用环境变量 GWR_DB）")
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from gwr_desktop.app import run_app  # deferred: the command line never loads Qt

        return run_app(args)
    try:
        return args.handler(args)
    except CommandError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
