"""The import, step by step: choose a file → read it off the UI thread (progress) → review → store (progress).

Nothing is written before the officer presses 导入 in the review; a refused file shows the parser's message
(in Chinese) and changes nothing. The window follows the stored plan through the change the commit
announces on the hub, so this module never reloads the window itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from gwr_desktop.domain.catalogue import ImportResult
from gwr_desktop.services.plan_import import commit_plan
from gwr_desktop.services.plan_preview import PlanPreview, preview_plan
from gwr_desktop.ui.plan_import.review_dialog import PlanReviewDialog
from gwr_desktop.ui.plan_import.worker import BackgroundCall

if TYPE_CHECKING:
    from gwr_desktop.ui.main_window import MainWindow

FILE_FILTER = "方案文件 (*.docx *.pdf *.xlsx *.txt);;所有文件 (*)"
LAST_FOLDER = "import/last_folder"
READING, STORING = "正在读取和识别方案文件…", "正在导入（先备份当前数据）…"


class PlanImportFlow(QObject):
    finished = Signal(object)  # ImportResult, after 导入
    refused = Signal(str)  # the message shown for a file that cannot be imported
    cancelled = Signal()  # 取消 in the progress or the review: nothing written

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        assert window.db is not None, "importing needs the database (the action waits for attach)"
        self.window, self.db = window, window.db
        self.progress: QProgressDialog | None = None
        self.review: PlanReviewDialog | None = None
        self.message: QMessageBox | None = None
        self._job: BackgroundCall | None = None
        self._abandoned = False  # 取消 while reading: the answer, when it comes, is dropped

    @property
    def busy(self) -> bool:
        return self._job is not None

    def choose_file(self) -> None:
        settings = self.window.ui_settings
        folder = str(settings.value(LAST_FOLDER, "")) if settings is not None else ""
        name, _ = QFileDialog.getOpenFileName(self.window, "导入方案", folder, FILE_FILTER)
        if name:
            if settings is not None:
                settings.setValue(LAST_FOLDER, str(Path(name).parent))
            self.start(Path(name))

    def start(self, path: Path) -> None:
        """Read and preview path off the UI thread; the review opens when it is done."""
        if self.busy:
            return
        self._close_windows()
        self._abandoned = False
        self._show_progress(READING, cancellable=True)
        db = self.db
        self._run(lambda: preview_plan(db, path), self._on_preview)

    # --- steps -------------------------------------------------------------------------------------

    def _on_preview(self, preview: PlanPreview) -> None:
        self._end_progress()
        if self._abandoned:
            return
        self.review = PlanReviewDialog(preview, self.window)
        self.review.accepted.connect(self._commit)
        self.review.rejected.connect(self.cancelled.emit)
        self.review.open()

    def _commit(self) -> None:
        assert self.review is not None
        preview, make_current = self.review.preview, self.review.make_current()
        self._show_progress(STORING, cancellable=False)  # one transaction: it cannot stop half-way
        db = self.db
        self._run(lambda: commit_plan(db, preview, make_current=make_current), self._on_committed)

    def _on_committed(self, result: ImportResult) -> None:
        self._end_progress()
        self.window.statusBar().showMessage(_done_text(result), 15000)
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._end_progress()
        if self._abandoned:
            return
        self.message = QMessageBox(QMessageBox.Icon.Warning, "无法导入方案", f"{message}\n\n数据库未作改动。",
                                   QMessageBox.StandardButton.Ok, self.window)
        self.message.setWindowModality(Qt.WindowModality.WindowModal)
        self.message.open()
        self.refused.emit(message)

    # --- plumbing ----------------------------------------------------------------------------------

    def _run(self, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        job = BackgroundCall(call, self)
        job.succeeded.connect(done)
        job.failed.connect(self._on_failed)
        job.finished.connect(lambda: self._job_done(job))
        self._job = job
        job.start()

    def _job_done(self, job: BackgroundCall) -> None:
        job.wait()
        job.deleteLater()
        if self._job is job:
            self._job = None
        self._end_progress()

    def _end_progress(self) -> None:
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.close()  # emits canceled, which _abandon ignores: self.progress is already None
            progress.deleteLater()

    def _show_progress(self, text: str, *, cancellable: bool) -> None:
        progress = QProgressDialog(text, "取消" if cancellable else "", 0, 0, self.window)
        progress.setWindowTitle("导入方案")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        if cancellable:
            progress.canceled.connect(self._abandon)
        else:
            progress.setCancelButton(None)
        self.progress = progress
        progress.show()

    def _abandon(self) -> None:
        """取消 while reading: the parser cannot be stopped mid-file (it is bounded), so its answer is dropped."""
        if self.progress is None:  # closed by the flow itself, not by the officer
            return
        self._abandoned = True
        self.cancelled.emit()

    def _close_windows(self) -> None:
        for widget in (self.review, self.message):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self.review = self.message = None


def _done_text(result: ImportResult) -> str:
    if not result.created:
        state = "这份方案已经导入过，未重复写入"
    else:
        state = f"已导入 {result.plan_key} 方案（{result.items} 项）"
    if result.current:
        return f"{state}；当前方案：{result.plan_key}。"
    return f"{state}；当前方案未改变，可在工具栏的“方案”中切换。"
