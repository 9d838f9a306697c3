"""The review before anything is written: what the notice says, what was read, who leads, what to check.

Shown with a PlanPreview (services/plan_preview.py); the dialog only displays it. 导入 accepts (the flow then
commits with `make_current()`), 取消 rejects and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.domain.plan import FIRST_LISTED_LEADS, NO_LEAD_RESPONSIBLE_LEADS, PlanItem
from gwr_desktop.services.plan_preview import PlanPreview
from gwr_desktop.ui.models.problems import AFTER_ITEM_ROLE, ProblemsModel
from gwr_desktop.ui.plan_import.review_models import NAME, SORT_ROLE, STATUS, UnitsFoundModel

FORMAT_NAMES = {"txt": "文本文件", "docx": "Word 文档", "xlsx": "Excel 表格", "pdf": "PDF 文件"}
LEAD_RULE_NAMES = {NO_LEAD_RESPONSIBLE_LEADS: "无牵头单位的，责任单位即为牵头单位",
                   FIRST_LISTED_LEADS: "列第一位的单位为牵头单位，其余为参与单位"}
NO_RULE = ("未说明（通知没有说明无牵头单位的事项由谁牵头：列有多个单位而没有牵头单位的事项列为待核对问题，"
           "不替任何单位认定牵头）")
FLAG_STYLE = ("QLabel { background: #fdecea; color: #8a1c12; border: 1px solid #e6a39b; border-radius: 3px;"
              " padding: 6px 8px; }")
STATUS_STYLE = "QLabel { background: #eef4fb; border: 1px solid #b8cde6; border-radius: 3px; padding: 6px 8px; }"


class PlanReviewDialog(QDialog):
    def __init__(self, preview: PlanPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self._items = {item.key: item for item in preview.parsed.items}
        self.setWindowTitle("导入方案 — 核对后再导入（尚未写入）")
        layout = QVBoxLayout(self)
        layout.addWidget(self._title())
        self.flags_label = self._banner(_flags_html(preview), FLAG_STYLE)
        self.status_label = self._banner(_status_text(preview), STATUS_STYLE)
        self.officer_label = QLabel(_officer_html(preview), self)
        self.officer_label.setObjectName("officer")
        self.officer_label.setStyleSheet("font-size: 12pt;")
        for widget in (self.flags_label, self.status_label, self.officer_label):
            layout.addWidget(widget)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._summary_tab(), "概要")
        self.tabs.addTab(self._units_tab(), f"单位（{len(preview.units)}，新名称 {len(preview.new_units)}）")
        self.tabs.addTab(self._problems_tab(), f"待核对问题（{len(preview.problems)}）")
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._choices())
        self._fit(980, 680)

    # --- what the flow reads -----------------------------------------------------------------------

    def make_current(self) -> bool:
        return self.current_box.isChecked()

    def show_problem(self, row: int) -> None:
        """Select a problem and show the item it sits after (the review's "jump")."""
        self.tabs.setCurrentWidget(self.problems_tab)
        self.problems_view.selectRow(row)

    # --- construction ------------------------------------------------------------------------------

    def _title(self) -> QLabel:
        meta, preview = self.preview.meta, self.preview
        kind = FORMAT_NAMES.get(preview.source_format, preview.source_format)
        label = QLabel(f"<b style='font-size:13pt'>{escape(meta.title)}</b><br/>"
                       f"<span style='color:#555'>文件：{escape(preview.source_name)}（{kind}）</span>", self)
        label.setWordWrap(True)
        return label

    def _banner(self, html: str, style: str) -> QLabel:
        label = QLabel(html, self)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        label.setVisible(bool(html))
        return label

    def _summary_tab(self) -> QWidget:
        preview, meta = self.preview, self.preview.meta
        page = QWidget(self)
        form = QFormLayout(page)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        rule = preview.lead_rule
        rows = [
            ("文号", meta.doc_number or "（未识别）"), ("发文机关", meta.issuer or "（未识别）"),
            ("印发日期", _date(meta.issue_date)), ("年度", f"{meta.year}年"),
            ("通知", meta.notice_title or "—"),
            ("牵头规则", f"{LEAD_RULE_NAMES.get(rule.kind, rule.kind)}<br/><span style='color:#555'>原文：“"
                         f"{escape(rule.quote)}”</span>" if rule else NO_RULE),
            ("事项", _parts_html(preview)), ("截止时间", _deadlines_html(preview)), ("表格", _forms_html(preview)),
        ]
        self.summary_labels: dict[str, QLabel] = {}
        for name, value in rows:
            label = self.summary_labels[name] = QLabel(value if "<" in value else escape(value), page)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{name}：", label)
        scroll = QScrollArea(self)  # a notice with many forms or deadlines still fits a 768-pixel screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def _units_tab(self) -> QWidget:
        self.units_model = UnitsFoundModel(self.preview.units, self.preview.registry.kinds, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.units_model)
        proxy.setSortRole(SORT_ROLE)
        self.units_view = _table(self, proxy)
        self.units_view.setSortingEnabled(True)
        self.units_view.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)  # new names first
        self.units_view.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        return self.units_view

    def _problems_tab(self) -> QWidget:
        self.problems_model = ProblemsModel(self)
        self.problems_model.set_problems(self.preview.problems)
        self.problems_view = _table(self, self.problems_model)
        self.problems_view.horizontalHeader().setStretchLastSection(True)
        self.problem_item = QTextBrowser(self)
        self.problem_item.setPlaceholderText("选中一个问题，这里显示它所在位置前面的事项。")
        self.problems_view.selectionModel().currentRowChanged.connect(self._on_problem)
        self.problems_tab = QSplitter(Qt.Orientation.Vertical, self)
        self.problems_tab.addWidget(self.problems_view)
        self.problems_tab.addWidget(self.problem_item)
        self.problems_tab.setSizes([260, 140])
        return self.problems_tab

    def _choices(self) -> QWidget:
        preview = self.preview
        box = QWidget(self)
        row = QVBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.current_box = QCheckBox("导入后设为当前方案（窗口显示它，命令行默认用它）", box)
        already_current = preview.existing_key is not None and preview.existing_key == preview.current_key
        self.current_box.setChecked(preview.make_current_by_default or already_current)
        if preview.current_key is not None:
            self.current_box.setToolTip(f"当前方案为 {preview.current_key}；不勾选则保持不变，以后可在工具栏切换。")
        self.buttons = QDialogButtonBox(box)
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(preview.conflict is None)
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row.addWidget(self.current_box)
        row.addWidget(self.buttons)
        return box

    def _fit(self, width: int, height: int) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() * 95 // 100), min(height, screen.height() * 90 // 100)
        self.resize(width, height)

    def _on_problem(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(AFTER_ITEM_ROLE) if current.isValid() else None
        item = self._items.get(key) if key else None
        problem = self.problems_model.row_at(current.row()) if current.isValid() else None
        text = f"<p><b>{escape(problem.location)}</b>：{escape(problem.text)}</p>" if problem else ""
        self.problem_item.setHtml(text + (_item_html(item) if item else ""))


def _table(parent: QWidget, model) -> QTableView:  # noqa: ANN001 - any QAbstractItemModel
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def _date(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "（未识别）"


def _flags_html(preview: PlanPreview) -> str:
    if not preview.flags:
        return ""
    lines = []
    for flag in preview.flags:
        shown = "、".join(flag.items[:6]) + ("…" if len(flag.items) > 6 else "")
        lines.append(f"⚠ {escape(flag.text)}" + (f"（{escape(shown)}）" if shown else ""))
    return "<b>请先核对：</b><br/>" + "<br/>".join(lines)


def _status_text(preview: PlanPreview) -> str:
    if preview.conflict:
        return f"不能导入：{escape(preview.conflict)}"
    if preview.existing_key:
        return f"这份方案已经导入（{escape(preview.existing_key)}），再次导入不会重复写入。"
    return ""


def _officer_html(preview: PlanPreview) -> str:
    count = preview.officer_count
    if preview.officer is None or count is None:
        return "尚未选择本单位（导入后可在 单位 → 切换单位 中选择）。"
    text = f"您单位（{escape(preview.officer)}）<b>牵头 {count.lead} 项、参与 {count.responsible} 项</b>"
    if count.undecided:
        text += f"，另有 {count.undecided} 项牵头单位待核对"
    return text + "。"


def _parts_html(preview: PlanPreview) -> str:
    rows = []
    for part in preview.parts:
        expected = "" if part.expected is None or part.expected == part.items else \
            f" <span style='color:#8a1c12'>（通知写明 {part.expected} 项）</span>"
        rows.append(f"{escape(part.numeral)}、{escape(part.title)}：{part.items} 项{expected}")
    return "<br/>".join(rows) + f"<br/><b>共 {len(preview.parsed.items)} 项</b>"


def _deadlines_html(preview: PlanPreview) -> str:
    rows = [f"{escape(d.label)}：{_date(d.due)}" for d in preview.deadlines]
    return "<br/>".join(rows) or "通知中未找到截止时间（导入后可用 set-deadline 补上）"


def _forms_html(preview: PlanPreview) -> str:
    rows = []
    for form in preview.forms:
        title = form.title_pattern.replace("{unit}", "XXX(单位)").replace("{quarter}", "前X季度")
        printed = [("表上", "　".join(form.printed_fields)), ("列", " | ".join(form.printed_columns))]
        details = "".join(f"<br/><span style='color:#555'>　{name}：{escape(text)}</span>"
                          for name, text in printed if text)
        rows.append(f"{escape(form.label)}　{escape(title)}{details}")
    return "<br/>".join(rows) or "通知未附空白表格（沿用上一方案的表格设置）"


def _item_html(item: PlanItem) -> str:
    clause = f"<br/><span style='color:#555'>（{escape(item.clause)}）</span>" if item.clause else ""
    return f"<p><b>{escape(item.key)}</b>　{escape(item.text)}{clause}</p>"
