"""What the 督查室 workspace's buttons do: import a folder of returns (read on a worker thread, committed in one
transaction), confirm a file placed by name and title, and the three exports."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.returns.reading import read_returned
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.services import office_exports, office_import
from gwr_desktop.services.contribution_import import files_in
from gwr_desktop.services.database import DatabaseError
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.services.office_import import ACCEPTED, OfficeOutcome
from gwr_desktop.ui.office.outcomes import OutcomeDialog
from gwr_desktop.ui.plan_import.worker import BackgroundCall

_FAILURES = (FormInputError, ExportWriteError, DatabaseError, OSError)


class OfficeActions(QObject):
    def __init__(self, workspace) -> None:  # noqa: ANN001 - OfficeWorkspace (imports this module)
        super().__init__(workspace)
        self.workspace = workspace
        self.dialog: OutcomeDialog | None = None
        workspace.import_button.clicked.connect(self.ask_import)
        workspace.summary_button.clicked.connect(lambda: self.ask_export("汇总表", ".xlsx", self.summary))
        workspace.chase_button.clicked.connect(lambda: self.ask_export("催报名单", ".xlsx", self.chase))
        workspace.report_button.clicked.connect(lambda: self.ask_export("报送情况", ".pdf", self.report))
        workspace.confirm_button.clicked.connect(self.confirm_selected)

    # ---- import --------------------------------------------------------------------------------------------
    def ask_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.workspace, "选择收到的报送文件所在的文件夹")
        if folder:
            self.start_import([Path(folder)])

    def start_import(self, paths: Sequence[Path]) -> BackgroundCall:
        """Read the files on a worker thread; commit and report on the UI thread when done."""
        workspace = self.workspace
        words = office_import.header_words(workspace.db, workspace.plan_key)
        files = files_in(paths)
        progress = QProgressDialog(f"正在读取 {len(files)} 个文件…", "", 0, 0, workspace)
        progress.setCancelButton(None)
        progress.setWindowTitle("导入报送文件")
        progress.setMinimumDuration(400)
        worker = BackgroundCall(lambda: [read_returned(path, words) for path in files], workspace)
        worker.succeeded.connect(lambda returned: self._commit(returned, progress))
        worker.failed.connect(lambda message: self._failed(message, progress))
        workspace.worker = worker
        worker.start()
        return worker

    def _commit(self, returned: list, progress: QProgressDialog) -> None:
        progress.close()
        workspace = self.workspace
        try:
            outcomes = office_import.take_returns(workspace.db, returned, plan_key=workspace.plan_key)
        except _FAILURES as error:
            QMessageBox.warning(workspace, "导入报送文件", f"{error}\n\n没有导入任何文件。")
            return
        workspace.refresh()
        self.show_outcomes(outcomes)
        workspace.imported.emit(outcomes)

    def _failed(self, message: str, progress: QProgressDialog) -> None:
        progress.close()
        QMessageBox.warning(self.workspace, "导入报送文件", message)

    def show_outcomes(self, outcomes: list[OfficeOutcome]) -> OutcomeDialog:
        accepted = sum(o.status == ACCEPTED for o in outcomes)
        flagged = sum(o.edited_after_export or o.needs_confirmation for o in outcomes)
        duplicates = sum(o.status == "duplicate" for o in outcomes)
        aside = len(outcomes) - accepted - duplicates
        summary = f"共 {len(outcomes)} 个文件：已导入 {accepted} 个，重复 {duplicates} 个，搁置 {aside} 个。"
        if flagged:
            summary += f"其中 {flagged} 个需要注意（导出后被修改，或没有导出清单待确认），已在台账中标出。"
        # What needs a look first: files not taken in, edited after export, waiting for confirmation.
        ordered = sorted(outcomes, key=lambda o: o.status == ACCEPTED and not (o.edited_after_export
                                                                               or o.needs_confirmation))
        rows = [(o.file, o.status_name, o.reason, o.status == ACCEPTED) for o in ordered]
        self.dialog = OutcomeDialog("导入报送文件", summary, rows, self.workspace)
        self.dialog.open()
        self.workspace.tell(summary)
        return self.dialog

    # ---- confirm -------------------------------------------------------------------------------------------
    def confirm_selected(self) -> None:
        row = self.workspace.selected_ledger_row()
        if row is None or not row.needs_confirmation:
            QMessageBox.information(self.workspace, "确认识别结果", "请先在台账中选中一个标明“待确认”的单位。")
            return
        try:
            office_import.confirm(self.workspace.db, row.return_id)
        except _FAILURES as error:
            QMessageBox.warning(self.workspace, "确认识别结果", str(error))
            return
        self.workspace.refresh()
        self.workspace.tell(f"已确认：{row.unit} 的 {row.file_name}。")

    # ---- exports -------------------------------------------------------------------------------------------
    def default_name(self, what: str, suffix: str) -> str:
        round_ = self.workspace.current_round()
        period = quarter_label(round_.quarter) if round_.quarter else ""
        form = self.workspace.form_box.currentText().replace(" ", "")
        return f"{round_.plan_key}_{form}{period}_{what}{suffix}"

    def ask_export(self, what: str, suffix: str, write: Callable[[Path], Path]) -> None:
        from gwr_desktop.services.signoff import default_submission_root

        start = str(default_submission_root() / self.default_name(what, suffix))
        path, _ = QFileDialog.getSaveFileName(self.workspace, f"导出{what}", start, f"*{suffix}")
        if path:
            self.export(Path(path).with_suffix(suffix), write)

    def export(self, path: Path, write: Callable[[Path], Path]) -> Path | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            written = write(path)
        except _FAILURES as error:
            QMessageBox.warning(self.workspace, "导出", f"{error}")
            return None
        self.workspace.tell(f"已导出：{written}")
        return written

    def summary(self, path: Path) -> Path:
        round_ = self.workspace.current_round()
        quarter = round_.quarter or self.workspace.quarter_box.currentIndex() + 1
        return office_exports.write_summary(self.workspace.db, round_.plan_key, quarter, path,
                                            self.workspace.on_day())

    def chase(self, path: Path) -> Path:
        return office_exports.write_chase(self.workspace.db, self.workspace.current_round(), path,
                                          self.workspace.on_day())

    def report(self, path: Path) -> Path:
        return office_exports.write_report(self.workspace.db, self.workspace.current_round(), path,
                                           self.workspace.on_day())
