"""Tracebacks of unexpected errors, appended to a dated file in the per-user log folder.

Writing the log must never become a second failure: every error here is swallowed and reported
as "no log file" so the caller can still tell the user what happened.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

KEEP_LOG_FILES = 30


def write_crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, *,
                       thread: str | None = None, now: dt.datetime | None = None,
                       folder: Path | None = None) -> Path | None:
    """Append one report to crash-YYYYMMDD.log; returns the file, or None when nothing could be written."""
    now = now or dt.datetime.now()
    try:
        from gwr_desktop import __version__
        from gwr_desktop.paths import user_log_dir

        folder = folder or user_log_dir()
        path = folder / f"crash-{now:%Y%m%d}.log"
        header = (f"===== {now:%Y-%m-%d %H:%M:%S} | gwr_desktop {__version__} | Python {sys.version.split()[0]} | "
                  f"{platform.platform()} | thread {thread or 'main'}\n")
        body = "".join(traceback.format_exception(exc_type, exc, tb))
        with path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(header + body + "\n")
        _prune(folder)
        return path
    except Exception:  # noqa: BLE001 - the log is best effort; the dialog must still appear
        return None


def _prune(folder: Path) -> None:
    for old in sorted(folder.glob("crash-*.log"))[:-KEEP_LOG_FILES]:
        old.unlink(missing_ok=True)


def summary_line(exc_type: type[BaseException], exc: BaseException) -> str:
    """One line naming the error, for the dialog: the type and the message, shortened."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    line = f"{exc_type.__name__}: {text}" if text else exc_type.__name__
    return line if len(line) <= 200 else line[:197] + "…"
