"""The signed versions of one form: a table model and a dialog that re-exports any version exactly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database
from gwr_desktop.services.signoff import SignedVersion
from gwr_desktop.ui.export.printing import open_preview
from gwr_desktop.ui.models.list_table import Index, ListTableModel
from gwr_desktop.ui.officer.folders import open_folder

HEADERS = ("版本", "定稿时间", "内容摘要", "定稿时写出的文件")


class VersionHistoryModel(ListTableModel[SignedVersion]):
    headers = HEADERS

    def __init__(self, versions: list[SignedVersion] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(versions or [], parent)

    def set_versions(self, versions: list[SignedVersion]) -> None:
        self.set_rows(versions)

    def version_at(self, row: int) -> SignedVersion:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        version = self.item(index)
        if version is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = (f"第 {version.version} 版", f"{version.signed_at:%Y-%m-%d %H:%M}", version.digest[:12],
                  "、".join(version.files))
        if role == Qt.ItemDataRole.ToolTipRole:
            return version.digest if index.column() == 2 else values[index.column()]
        return values[index.column()]


class HistoryDialog(QDialog):
    """定稿记录: every version of one form, re-exported from its frozen content on request."""

    def __init__(self, db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit, self.kind, self.quarter = db, plan_key, unit, FormKind(kind), quarter
        self.setWindowTitle("定稿记录")
        self.model = VersionHistoryModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.reexport_button = QPushButton("重新导出所选版本…")
        self.preview_button = QPushButton("打印预览所选版本")
        self.open_button = QPushButton("打开文件夹")
        self.open_button.setEnabled(False)
        self.handover_button = QPushButton("报送所选版本…")
        self.handover_button.setToolTip("复制文件、写邮件、打包 zip，附加签字盖章页扫描件")
        self.target: Path | None = None  # folder for re-export; None asks the user
        self._last_paths: list[Path] = []
        self._last_version: int | None = None
        self._build()
        self.refresh()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.reexport_button, self.preview_button, self.open_button, self.handover_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.reexport_button.clicked.connect(self.reexport_selected)
        self.preview_button.clicked.connect(self.preview_selected)
        self.open_button.clicked.connect(self._open_folder)
        self.handover_button.clicked.connect(self.hand_over_selected)
        self.resize(760, 360)

    def refresh(self) -> None:
        self.model.set_versions(signoff.versions(self.db, self.plan_key, self.unit, self.kind, self.quarter))
        has_rows = self.model.rowCount() > 0
        if has_rows:
            self.table.selectRow(self.model.rowCount() - 1)
        self.reexport_button.setEnabled(has_rows)
        self.preview_button.setEnabled(has_rows)
        self.handover_button.setEnabled(has_rows)
        if not has_rows:
            self.message.setText("此表还没有定稿版本。")

    def selected(self) -> SignedVersion | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.version_at(rows[0].row()) if rows else None

    def reexport_selected(self) -> list[Path]:
        version = self.selected()
        if version is None:
            return []
        folder = self.target or Path(QFileDialog.getExistingDirectory(self, "导出到文件夹", version.folder) or "")
        if not str(folder) or not folder.is_dir():
            return []
        try:
            self._last_paths = signoff.reexport(self.db, version.id, folder)
            self._last_version = version.id
        except ExportWriteError as error:
            self.message.setText(f"<span style='color:#b00020'>{error}</span>")
            return []
        self.message.setText(f"已按第 {version.version} 版定稿内容重新导出 {len(self._last_paths)} 个文件到 {folder}")
        self.open_button.setEnabled(True)
        return self._last_paths

    def hand_over_selected(self) -> None:
        from gwr_desktop.ui.officer.handover_dialog import HandoverDialog

        version = self.selected()
        if version is not None:
            # the files just re-exported, when they are this version's; else those written at its sign-off
            paths = self._last_paths if self._last_version == version.id else None
            self.handover = HandoverDialog(self.db, version, paths, self)
            self.handover.open()

    def _open_folder(self) -> None:
        if self._last_paths and not open_folder(self._last_paths[0].parent, self._last_paths[0]):
            self.message.setText(f"无法在这台电脑上打开文件夹。文件在：{self._last_paths[0].parent}（可选中后复制）")
            self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def preview_selected(self) -> None:
        version = self.selected()
        if version is not None:
            open_preview(signoff.frozen_layout(self.db, version.id), self)  # the document as signed
