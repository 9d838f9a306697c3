"""Run one service call on a worker thread and hand its answer back to the UI thread.

Reading a plan (.docx, PDF …) and storing it can take seconds; the window stays responsive meanwhile. The
call gets nothing from Qt: it is a plain function over the services. A PlanImportError (or any ValueError
with a message for the user) comes back as `failed(message)`; anything unexpected is logged and comes back
as a general message — never a traceback on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

log = logging.getLogger(__name__)

UNEXPECTED = "处理方案文件时发生意外错误，数据库未作改动。详情已记录在日志中。"


class BackgroundCall(QThread):
    """One call on its own thread; emits succeeded(result) or failed(message), then finishes."""

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, call: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call = call

    def run(self) -> None:  # the worker thread
        try:
            result = self._call()
        except ValueError as error:  # PlanImportError and the parser's refusals: a message for the user
            self.failed.emit(str(error))
        except Exception:  # noqa: BLE001 - reported to the user as a message, the details go to the log
            log.exception("plan import job failed")
            self.failed.emit(UNEXPECTED)
        else:
            self.succeeded.emit(result)
