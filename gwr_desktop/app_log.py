"""The application log: one line per user action (imports, exports, sign-offs, backups, restores, failures).

Standard `logging`: modules log to `logging.getLogger(__name__)` (all under "gwr_desktop"); setup_logging()
adds one rotating UTF-8 file in the per-user log folder (gwr_desktop.log, 1 MB × 5). Lines hold what was
done and to which unit, form or file — never what people typed into the forms (names, phone numbers).
Logging must never become a second failure: a log folder that cannot be written leaves logging off.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOGGER_NAME = "gwr_desktop"
LOG_FILE = "gwr_desktop.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"


class _AppHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler this module installed, so a second setup replaces it instead of adding another.

    The file is opened at the first line (delay=True), so a log file someone else owns, a full disk or a folder
    gone read-only shows only then: the handler then turns itself off instead of printing logging's own
    traceback onto the user's console.
    """

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        logging.getLogger(LOGGER_NAME).removeHandler(self)
        self.close()


def setup_logging(folder: Path | None = None) -> Path | None:
    """Log to folder (default: the per-user log folder); returns the log file, or None when it cannot be written."""
    logger = logging.getLogger(LOGGER_NAME)
    try:
        from gwr_desktop.paths import user_log_dir

        folder = folder or user_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_FILE
        handler = _AppHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    for old in [h for h in logger.handlers if isinstance(h, _AppHandler)]:
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def log_file() -> Path | None:
    """The file the application log is written to now, or None when logging is not set up."""
    for handler in logging.getLogger(LOGGER_NAME).handlers:
        if isinstance(handler, _AppHandler):
            return Path(handler.baseFilename)
    return None


def shutdown_logging() -> None:
    """Close the file (tests, and before a folder holding it is moved: Windows refuses while it is open)."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in [h for h in logger.handlers if isinstance(h, _AppHandler)]:
        logger.removeHandler(handler)
        handler.close()
