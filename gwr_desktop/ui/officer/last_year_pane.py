"""去年类似事项 beside the 附表1/附表3 editors (issue 9 #7): for the selected item, the unit's most similar items of
last year's plan, with what the unit wrote for them then; 复制到本事项 copies it in one undoable step — last
year's work entries after this item's own (and 分管领导/责任部门 where still empty), or last year's 完成情况 of
the same quarter into this one's (appended when something is already written). Hidden without a previous plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from gwr_desktop.domain.form_defs import Level, ValueKind, quarter_label
from gwr_desktop.domain.forms import FormItem
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.last_year import LastYear, Suggestion
from gwr_desktop.ui.forms.reference import text_html
from gwr_desktop.ui.officer.tones import Tone

if TYPE_CHECKING:
    from gwr_desktop.ui.forms.editor_base import FormEditor

ROLE_NAMES = {"lead": "牵头", "responsible": "参与"}
COPY_TIP = "把去年填写的内容复制到本事项（一步完成，可用 Ctrl+Z 撤销）"


def _hint(text: str) -> str:
    return f"<p style='color:#666'>{text}</p>"


class LastYearPane(QWidget):
    def __init__(self, editor: FormEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.source: LastYear | None = None
        self.suggestions: list[Suggestion] = []
        self.title = QLabel("去年类似事项")
        self.title.setStyleSheet("font-weight: bold;")
        self.list = QComboBox()  # one line: the side pane is narrow on a 1366×768 screen
        self.list.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.list.setMinimumContentsLength(8)
        self.list.currentIndexChanged.connect(lambda _row: self._show())
        self.detail = QTextBrowser()
        self.detail.setMinimumHeight(60)
        self.detail.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.copy_button = QPushButton("复制到本事项")
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        for widget in (self.title, self.list, self.detail, self.copy_button):
            layout.addWidget(widget, 1 if widget is self.detail else 0)  # the room goes to the texts
        editor.model_bound.connect(self.rebind)
        if editor.table.selectionModel() is not None:  # installed after the editor has its model
            self.rebind()

    # ---- following the editor --------------------------------------------------------------------------------
    def rebind(self) -> None:
        editor = self.editor
        if self.source is None or (self.source.unit, self.source.plan_key) != (editor.unit, editor.plan_key):
            self.source = LastYear(editor.db, editor.unit, editor.plan_key)
        self.setVisible(self.source.previous is not None)
        self.title.setText(f"去年类似事项（{self.source.previous} 方案）" if self.source.previous else "去年类似事项")
        editor.table.selectionModel().currentRowChanged.connect(lambda *_: self.refresh())
        self.refresh()

    def current_item(self) -> FormItem | None:
        row = self.editor.current_row()
        rows = self.editor.model.rows
        return rows[row].item if 0 <= row < len(rows) else None

    def refresh(self) -> None:
        item = self.current_item()
        self.suggestions = self.source.for_item(item.key) if item is not None and self.source else []
        self.list.blockSignals(True)
        self.list.clear()
        for s in self.suggestions:
            text = s.text.replace("\n", "")
            self.list.addItem(f"{s.key}（相似 {s.score:.0%}，{ROLE_NAMES.get(s.role.value, '')}）")
            self.list.setItemData(self.list.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        self.list.setEnabled(bool(self.suggestions))
        self.list.blockSignals(False)
        self._show()

    def chosen(self) -> Suggestion | None:
        row = self.list.currentIndex()
        return self.suggestions[row] if 0 <= row < len(self.suggestions) else None

    def _show(self) -> None:
        chosen, item = self.chosen(), self.current_item()
        if item is None:
            self.detail.setHtml(_hint("选中一个事项，这里列出本单位去年相近的事项和当时填写的内容。"))
        elif chosen is None:
            self.detail.setHtml(_hint("去年的方案中没有与本事项相近的本单位事项。"))
        else:
            self.detail.setHtml(self._html(chosen))
        edits = self.edits(chosen, item) if chosen is not None and item is not None else []
        self.copy_button.setEnabled(bool(edits))
        self.copy_button.setToolTip(COPY_TIP if edits else "去年这一项没有可复制的内容（或已复制过）")

    def _html(self, chosen: Suggestion) -> str:
        parts = [f"<b>{text_html(chosen.key)}</b>　{text_html(chosen.text)}"]
        if self.editor.model.kind is FormKind.PLAN:
            listed = "".join(f"<li>{text_html(w.get('content', ''))}（{text_html(w.get('period', ''))}）</li>"
                             for w in chosen.entries)
            parts.append(f"<b>去年的具体工作内容：</b><ul>{listed or '<li>去年未填写</li>'}</ul>")
            typed = dict(chosen.values)
            fields = self.editor.model.content.definition.fields_at(Level.ITEM)
            own = "　".join(f"{text_html(f.label)}：{text_html(typed[f.key])}" for f in fields if typed.get(f.key))
            if own:
                parts.append(own)
        else:
            quarter = self.editor.model.quarter
            text = chosen.progress_for(quarter)
            parts.append(f"<b>去年{quarter_label(quarter)}的完成情况：</b><br>"
                         + (text_html(text) if text else "去年未填写"))
        return "<br>".join(parts)

    # ---- copying -------------------------------------------------------------------------------------------------
    def edits(self, chosen: Suggestion, item: FormItem) -> list[e.Edit]:
        model = self.editor.model
        definition = model.content.definition
        if model.kind is FormKind.PLAN:
            keys = {f.key for f in definition.fields_at(Level.ENTRY)}
            start = len(item.entries)
            edits: list[e.Edit] = [
                e.InsertRow(FormKind.PLAN, 0, e.entry(item.key, start + n), {k: v for k, v in w.items() if k in keys})
                for n, w in enumerate(chosen.entries) if any(w.get(k) for k in keys)]
            own = {f.key for f in definition.fields_at(Level.ITEM)}
            edits += [e.SetValue(FormKind.PLAN, 0, e.item(item.key), k, v)
                      for k, v in chosen.values if k in own and not item.get(k)]
            return edits
        text = chosen.progress_for(model.quarter)
        fields = definition.fields_of_kind(ValueKind.LONG_TEXT, Level.ITEM)
        if not text or not fields:
            return []
        key = fields[0].key
        before = item.get(key)
        if text in before:
            return []
        return [e.SetValue(FormKind.PROGRESS, model.quarter, e.item(item.key), key,
                           f"{before}\n{text}" if before else text)]

    def copy(self) -> bool:
        chosen, item = self.chosen(), self.current_item()
        if chosen is None or item is None:
            return False
        edits = self.edits(chosen, item)
        label = f"复制去年 {chosen.key} 的内容到 {item.key}"
        if not edits or not self.editor.model.execute(edits, label):
            return False
        self.editor.notify(f"已{label}，请按今年的要求修改；可按 Ctrl+Z 撤销。", Tone.SUCCESS)
        self.refresh()
        return True


def install_last_year(editor: FormEditor) -> LastYearPane:
    pane = LastYearPane(editor)
    side = editor.side.layout()
    assert isinstance(side, QVBoxLayout), "FormEditor lays out its side in a column"
    side.insertWidget(0, pane, 2)
    editor.last_year = pane
    return pane
