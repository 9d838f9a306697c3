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
# Which module registers each command, so that a command imports its own module alone (`tasks` needs neither
# the exporters nor the plan parser; issue 15). A command missing here still works — every module is then
# imported — and tests/bench/test_cli_imports.py says which line to add.
COMMANDS = {
    "import-plan": "catalogue_cmds", "catalogue": "catalogue_cmds", "tasks": "catalogue_cmds",
    "units": "catalogue_cmds", "set-deadline": "plan_settings_cmds", "set-form": "plan_settings_cmds",
    "form": "form_cmds", "fill": "form_cmds", "backup": "safety_cmds", "restore": "safety_cmds",
    "check": "safety_cmds", "export": "export_cmds", "signoff": "export_cmds", "versions": "export_cmds",
    "reexport": "export_cmds", "contribution": "contribution_cmds", "office": "office_cmds",
    "import-form": "form_import_cmds", "set-office-email": "form_import_cmds", "server": "server_cmds",
}
log = logging.getLogger(__name__)


class CommandError(Exception):
    """A failure to report to the user as a plain message (already in Chinese)."""


def build_parser(*, with_commands: bool = True, command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `command` known (see COMMANDS), only the module registering it is imported."""
    argparse_zh.install()
    parser = argparse.ArgumentParser(prog="gwr-desktop", description="政府工作报告目标任务办理工具")
    parser.add_argument(
        "--db", help="数据库：SQLite 文件路径或 SQLAlchemy URL（默认：用户数据目录；也可用环境变量 GWR_DB）")
    parser.set_defaults(command=None)
    if with_commands:
        subparsers = parser.add_subparsers(dest="command", metavar="命令")
        for name in (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES:
            importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def command_named(argv: list[str]) -> str | None:
    """The command on the line (the first word that is not --db or its value); None for -h and the like."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("--db="):
            return None if word.startswith("-") else word
    return None


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
        parser = build_parser(with_commands=not _opens_window(argv), command=command_named(argv))
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
