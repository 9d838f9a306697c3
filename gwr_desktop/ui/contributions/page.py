"""配合材料 (the helper's side): for each item the unit takes part in without leading it, its 配合情况 for a
quarter and proposed work rows for the lead's 附表1; 导出配合材料… writes one .docx and .xlsx per lead unit.

Like the forms, every accepted value is committed when it is left (no Save button); a refused one stays
where it was typed, with the reason below.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.domain.contribution import ContributionEntry, WorkProposal
from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.services import contribution_drafts
from gwr_desktop.services.contribution_export import export_contribution, leads_of
from gwr_desktop.services.contribution_scope import HelpedItem, helped_items
from gwr_desktop.services.database import Database, DatabaseError
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.ui.safety.input_guard import LONG_TEXT, guard_editor

ALL_LEADS = "全部牵头单位"
_FAILURES = (FormInputError, ExportWriteError, DatabaseError, OSError)


class ContributionsPage(QWidget):
    def __init__(self, db: Database, plan_key: str, unit: str, quarter: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit = db, plan_key, unit
        self.items: list[HelpedItem] = []
        self.typed: dict[str, ContributionEntry] = {}
        self._shown_key: str | None = None  # the item the note and work boxes show
        self._build(quarter)
        self.set_unit(unit, plan_key)

    def _build(self, quarter: int) -> None:
        self.quarter_box, self.lead_box = QComboBox(self), QComboBox(self)
        self.quarter_box.addItems([quarter_label(q) for q in range(1, 5)])
        self.quarter_box.setCurrentIndex(quarter - 1)
        self.export_button = QPushButton("导出配合材料…", self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["序号", "责任事项", "牵头单位", "已填写"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("本单位配合牵头单位做了哪些工作、取得了哪些进展（写入牵头单位的完成情况）")
        guard_editor(self.note, LONG_TEXT)
        self.note_label = QLabel(self)
        self.work = QTableWidget(0, 2, self)
        self.work.setHorizontalHeaderLabels(["拟配合开展的工作", "完成时间"])
        self.work.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.work.setColumnWidth(1, 90)
        self.add_button, self.remove_button = QPushButton("增加一条", self), QPushButton("删除此条", self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._lay_out()
        self.quarter_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.lead_box.currentIndexChanged.connect(lambda _i: self._show_items())
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.note.installEventFilter(self)
        self.work.itemChanged.connect(lambda _item: self._save_work())
        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self._remove_row)
        self.export_button.clicked.connect(self.ask_export)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for label, widget in (("季度：", self.quarter_box), ("牵头单位：", self.lead_box)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
            bar.addSpacing(8)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        right = QWidget(self)
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.note_label)
        side.addWidget(self.note, 2)
        side.addWidget(QLabel("拟配合开展的工作（写入牵头单位的办理方案）", self))
        side.addWidget(self.work, 3)
        rows = QHBoxLayout()
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        side.addLayout(rows)
        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

    # ---- loading -------------------------------------------------------------------------------------------
    @property
    def quarter(self) -> int:
        return self.quarter_box.currentIndex() + 1

    def set_unit(self, unit: str, plan_key: str | None = None) -> None:
        self.unit, self.plan_key = unit, plan_key or self.plan_key
        self.items = helped_items(self.db, self.plan_key, unit)
        self.lead_box.blockSignals(True)
        self.lead_box.clear()
        self.lead_box.addItems([ALL_LEADS, *leads_of(self.db, self.plan_key, unit)])
        self.lead_box.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        self.save_note()
        self._shown_key = None
        self.typed = contribution_drafts.drafts(self.db, self.plan_key, self.unit, self.quarter)
        self.note_label.setText(f"配合情况（{quarter_label(self.quarter)}）")
        self._show_items()

    def shown(self) -> list[HelpedItem]:
        lead = self.lead_box.currentText()
        return [h for h in self.items if lead in ("", ALL_LEADS) or lead in h.leads]

    def _show_items(self) -> None:
        key = self.current_key()
        shown = self.shown()
        self.intro.setText(f"{self.unit}参与（配合）{len(self.items)} 项事项。填写后用“导出配合材料…”生成 Word 和 "
                           "Excel 文件，发给牵头单位；牵头单位导入后可直接并入其附表。")
        self.table.blockSignals(True)
        self.table.setRowCount(len(shown))
        for row, helped in enumerate(shown):
            filled = _filled(self.typed.get(helped.item.key))
            for column, text in enumerate((helped.item.key, helped.item.text, "、".join(helped.leads), filled)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.setColumnWidth(0, 56)
        self.table.setColumnWidth(2, 120)
        self.table.setColumnWidth(3, 118)
        self.table.blockSignals(False)
        keys = [h.item.key for h in shown]
        self.table.selectRow(keys.index(key) if key in keys else 0)
        self._show_selected()

    def current_key(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _show_selected(self) -> None:
        self.save_note()  # what was typed for the item shown before, if the box still holds it
        key = self._shown_key = self.current_key()
        entry = self.typed.get(key or "", ContributionEntry(key or ""))
        for widget in (self.note, self.work, self.add_button, self.remove_button):
            widget.setEnabled(key is not None)
        self.note.setPlainText(entry.note)
        self.work.blockSignals(True)
        self.work.setRowCount(len(entry.work))
        for row, proposal in enumerate(entry.work):
            self.work.setItem(row, 0, QTableWidgetItem(proposal.content))
            self.work.setItem(row, 1, QTableWidgetItem(proposal.period))
        self.work.blockSignals(False)

    # ---- committing ----------------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001 - QObject, QEvent
        from PySide6.QtCore import QEvent

        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.save_note()
        return super().eventFilter(watched, event)

    def save_note(self) -> bool:
        key = self._shown_key
        if key is None or self.note.toPlainText().strip() == self.typed.get(key, ContributionEntry(key)).note:
            return False
        return self._commit(lambda: contribution_drafts.set_note(self.db, self.plan_key, self.unit, key, self.quarter,
                                                                 self.note.toPlainText()), f"已保存 {key} 的配合情况。")

    def work_rows(self) -> list[WorkProposal]:
        def text(row: int, column: int) -> str:
            item = self.work.item(row, column)
            return item.text() if item is not None else ""

        return [WorkProposal(text(r, 0), text(r, 1)) for r in range(self.work.rowCount())]

    def _save_work(self) -> bool:
        key = self._shown_key
        if key is None:
            return False
        rows = [r for r in self.work_rows() if r.content or r.period]
        return self._commit(lambda: contribution_drafts.set_work(self.db, self.plan_key, self.unit, key, rows),
                            f"已保存 {key} 的拟配合开展的工作（{len(rows)} 条）。", keep_rows=True)

    def _commit(self, action, done: str, *, keep_rows: bool = False) -> bool:  # noqa: ANN001 - a callable
        try:
            action()
        except _FAILURES as error:
            self.message.setStyleSheet("color: #a4262c;")
            self.message.setText(f"未保存：{error}")
            return False
        self.message.setStyleSheet("color: #444;")
        self.message.setText(done)
        self.typed = contribution_drafts.drafts(self.db, self.plan_key, self.unit, self.quarter)
        if not keep_rows:
            self._refresh_filled()
        return True

    def _refresh_filled(self) -> None:
        key = self.current_key()
        entry = self.typed.get(key or "")
        row = self.table.currentRow()
        if row >= 0:
            self.table.setItem(row, 3, QTableWidgetItem(_filled(entry)))

    def _add_row(self) -> None:
        self.work.blockSignals(True)
        self.work.insertRow(self.work.rowCount())
        self.work.blockSignals(False)
        self.work.setCurrentCell(self.work.rowCount() - 1, 0)
        self.work.editItem(self.work.item(self.work.rowCount() - 1, 0) or self._blank(self.work.rowCount() - 1))

    def _blank(self, row: int) -> QTableWidgetItem:
        self.work.blockSignals(True)
        item = QTableWidgetItem("")
        self.work.setItem(row, 0, item)
        self.work.setItem(row, 1, QTableWidgetItem(""))
        self.work.blockSignals(False)
        return item

    def _remove_row(self) -> None:
        row = self.work.currentRow()
        if row >= 0:
            self.work.removeRow(row)
            self._save_work()

    # ---- export --------------------------------------------------------------------------------------------
    def leads_to_export(self) -> list[str]:
        lead = self.lead_box.currentText()
        return [lead] if lead not in ("", ALL_LEADS) else leads_of(self.db, self.plan_key, self.unit)

    def ask_export(self) -> None:
        from gwr_desktop.services.signoff import default_submission_root

        folder = QFileDialog.getExistingDirectory(self, "导出配合材料到文件夹", str(default_submission_root()))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> list[Path]:
        self.save_note()
        written: list[Path] = []
        skipped: list[str] = []
        for lead in self.leads_to_export():
            try:
                written += export_contribution(self.db, self.plan_key, self.unit, lead, folder, quarter=self.quarter)
            except FormInputError:
                skipped.append(lead)
            except _FAILURES as error:
                self.message.setStyleSheet("color: #a4262c;")
                self.message.setText(f"导出失败：{error}")
                return written
        names = "、".join(p.name for p in written if p.suffix == ".docx")
        text = f"已导出 {len(written)} 个文件到 {folder}：{names}" if written else "没有可导出的配合材料（请先填写）。"
        if skipped and written:
            text += f"（{'、'.join(skipped)}：尚未填写，未导出）"
        self.message.setStyleSheet("color: #444;")
        self.message.setText(text)
        return written


def _filled(entry: ContributionEntry | None) -> str:
    """"配合情况、工作": what the helper has typed for an item."""
    if entry is None:
        return ""
    return "、".join(name for name, present in (("配合情况", entry.note), ("工作", entry.work)) if present)
