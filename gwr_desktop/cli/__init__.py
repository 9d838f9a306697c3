"""Command line over the same services as the app. Without a command, the window opens.

Each command module exposes `register(subparsers)`; a command's handler takes the parsed arguments
and returns the exit status. Messages for people are Chinese (argparse's own too); errors go to stderr with
a non-zero exit. A closed pipe (`tasks | head`) ends the command quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from gwr_desktop.cli import argparse_zh

# Imported only when the line may hold a command: `main.py` alone (or with --db) opens the window, and
# importing every command's services (exporters, sign-off, forms) first would delay its first paint.
COMMAND_MODULES = ("catalogue_cmds", "plan_settings_cmds", "form_cmds", "safety_cmds", "export_cmds",
                   "contribution_cmds", "office_cmds", "form_import_cmds", "server_cmds")
log = logging.getLogger(__name__)


class CommandError(Exception):
    """A failure to report to the user as a plain message (already in Chinese)."""


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = argparse.ArgumentParser(prog="gwr-desktop", description="政府工作报告目标任务办理工具")
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
    if not _has_console() and not _opens_window(argv):
        from gwr_desktop.app import explain_windowed_command  # a dialog: the windowed executable has no console

        return explain_windowed_command(argv)
    _tolerant_output()
    try:
        parser = build_parser(with_commands=not _opens_window(argv))
        args = parser.parse_args(argv)
        if args.command is None:
            from gwr_desktop.app import run_app  # deferred: the command line never loads Qt

            return run_app(args)
        return _run_command(args)
    except BrokenPipeError:
        return _pipe_closed()
    except OSError as error:
        # Windows reports a pipe whose reader has gone as EINVAL on write; anything else is a real error.
        if error.errno == errno.EINVAL and _stdout_broken():
            return _pipe_closed()
        raise


def _run_command(args: argparse.Namespace) -> int:
    from gwr_desktop.app_log import setup_logging
    from gwr_desktop.paths import MissingDataError, check_installation

    setup_logging()
    try:
        check_installation()
        status = args.handler(args)
        sys.stdout.flush()  # here, so that a closed pipe is seen now and not at interpreter exit
        return status
    except (CommandError, MissingDataError) as error:
        log.warning("命令 %s 未完成：%s", args.command, error)
        print(f"错误：{error}", file=sys.stderr)
        return 2


def _tolerant_output() -> None:
    """Text the console's code page cannot show becomes `?` instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def _stdout_broken() -> bool:
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def _pipe_closed() -> int:
    """The reader went away (`tasks | head`): stop quietly, and keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return 0


def _has_console() -> bool:
    """False in the windowed executable (gwr-desktopw, pythonw): there is no stdout to print to."""
    return sys.stdout is not None and sys.stderr is not None
