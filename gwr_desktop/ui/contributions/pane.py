"""配合材料 beside the lead's own cells: in the 附表1 and 附表3 editors, the contributions taken in for the
selected item, each with its helper and date, and one button to take it into the lead's own text.

The merge is one edit through the form services (contribution_merge → form_content.apply_edits, provenance
recorded in the same transaction) and goes on the editor's own undo stack, so Ctrl+Z takes it back like any
edit. Hooked into every form editor with one call, `follow(editor)`, each time the editor binds a model.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import contribution_merge as cm
from gwr_desktop.services.contribution_merge import Received
from gwr_desktop.services.database import DatabaseError
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.ui.forms.commands import EditCommand
from gwr_desktop.ui.hub_bridge import HubBridge

if TYPE_CHECKING:
    from gwr_desktop.ui.forms.editor_base import FormEditor

KINDS = (FormKind.PLAN, FormKind.PROGRESS)


def follow(editor: FormEditor) -> ContributionPane | None:
    """Give a 附表1/附表3 editor its pane (once) and make it follow the model just bound."""
    if editor.model.kind not in KINDS:
        return None
    pane = getattr(editor, "contributions", None)
    if pane is None:
        pane = ContributionPane(editor)
        editor.contributions = pane
        side = editor.side.layout()
        assert isinstance(side, QVBoxLayout), "FormEditor lays out its side in a column"
        side.insertWidget(0, pane)
    pane.bind()
    return pane


class ContributionPane(QGroupBox):
    def __init__(self, editor: FormEditor) -> None:
        super().__init__("配合材料", editor.side)
        self.editor = editor
        self.found: list[Received] = []
        self._stale = True
        self._shown: str | None = None  # the item whose contributions are shown
        self.list = QComboBox(self)  # one line however many helpers wrote: the window must fit 1366×768
        self.list.setVisible(False)  # until there is a choice (two helpers or more): hidden, it takes no height
        self.detail = QTextBrowser(self)
        self.detail.setMinimumHeight(96)  # four lines; the window must still fit a 1366×768 screen
        self.detail.setMaximumHeight(220)
        self.append_button = QPushButton(self)
        self.copy_button = QPushButton("替换本单位文字", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.append_button)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.list)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.list.currentIndexChanged.connect(lambda _row: self.show_detail())
        self.append_button.clicked.connect(lambda: self.merge(cm.APPEND))
        self.copy_button.clicked.connect(lambda: self.merge(cm.COPY))
        self.bridge = HubBridge(editor.db.hub, self)
        self.bridge.changed.connect(lambda change: self.refresh() if change.topic == "contributions" else None)

    @property
    def kind(self) -> FormKind:
        return self.editor.model.kind

    def bind(self) -> None:
        """After the editor bound a (new) model: follow its selection, commits and resets."""
        model = self.editor.model
        # What the pane shows depends on the selected item and the contributions taken in, not on the lead's own
        # text: a commit or an undo in the table changes none of it (a merge refreshes the pane itself), and a
        # move within the same item (Enter to its next work row) reads nothing again.
        self.editor.table.selectionModel().currentRowChanged.connect(lambda *_: self.follow_selection())
        model.modelReset.connect(self.refresh)
        plan = self.kind is FormKind.PLAN
        self.append_button.setText("添加为具体工作内容" if plan else "接在本单位文字后")
        self.copy_button.setVisible(not plan)
        self.refresh()

    def item_key(self) -> str | None:
        row = self.editor.current_row()
        rows = self.editor.model.rows
        item = rows[row].item if 0 <= row < len(rows) else None
        return item.key if item is not None else None

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def follow_selection(self) -> None:
        """The selection moved: read again only when it moved to another item."""
        if self._stale or self.item_key() != self._shown:
            self.refresh()

    def refresh(self) -> None:
        """Read the selected item's contributions again (deferred while the pane is hidden: an edit elsewhere
        in the editor costs no query then)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        key = self._shown = self.item_key()
        quarter = self.editor.model.quarter or None
        try:
            found = cm.received(self.editor.db, self.editor.plan_key, self.editor.unit, item_key=key,
                                quarter=quarter) if key else []
        except DatabaseError:  # a lost server or a busy file: the editor's banner says so; read again on the next move
            self._stale = True
            found = []
        self.found = [r for r in found if (r.note if self.kind is FormKind.PROGRESS else r.work)]
        self.setTitle(f"配合材料（{key}，{len(self.found)} 份）" if key else "配合材料")
        self.list.blockSignals(True)
        self.list.clear()
        for received in self.found:
            older = f"，已替换旧版 {received.replaced} 份" if received.replaced else ""
            self.list.addItem(f"{received.helper}　{received.exported_at:%m-%d %H:%M} 导出{older}")
            self.list.setItemData(self.list.count() - 1, origin(received), Qt.ItemDataRole.ToolTipRole)
        self.list.setVisible(len(self.found) > 1)  # one contribution: the detail names its helper already
        self.list.setCurrentIndex(0 if self.found else -1)
        self.list.blockSignals(False)
        self.show_detail()

    def current(self) -> Received | None:
        row = self.list.currentIndex()
        return self.found[row] if 0 <= row < len(self.found) else None

    def show_detail(self) -> None:
        received = self.current()
        for button in (self.append_button, self.copy_button):
            button.setEnabled(received is not None)
        self.detail.setToolTip("")
        if received is None:
            period = quarter_label(self.editor.model.quarter) if self.kind is FormKind.PROGRESS else ""
            self.detail.setHtml(f"<p style='color:#666'>本事项还没有导入{period}配合材料。参与单位报来的文件用"
                                "“文件 → 导入配合材料…”导入后显示在这里。</p>" if self.item_key() else
                                "<p style='color:#666'>选中一个事项，这里显示参与单位报来的配合材料。</p>")
            return
        self.detail.setHtml(detail_html(received, self.kind))
        self.detail.setToolTip(origin(received))

    def merge(self, mode: str) -> bool:
        received = self.current()
        if received is None:
            return False
        editor, model = self.editor, self.editor.model
        try:
            if self.kind is FormKind.PLAN:
                result = cm.merge_work(editor.db, editor.plan_key, editor.unit, received.id)
            else:
                result = cm.merge_note(editor.db, editor.plan_key, editor.unit, received.id, model.quarter, mode)
        except FormInputError as error:
            editor.message.setStyleSheet("color: #a4262c;")
            editor.message.setText(str(error))
            return False
        model.undo_stack.push(EditCommand(result.label, model.apply, result.edits, result.inverses, model.report))
        model.reload()
        model.applied.emit()
        self.refresh()  # now marked as merged
        editor.message.setStyleSheet("color: #444;")
        editor.message.setText(f"已{result.label}；可撤销（Ctrl+Z）。")
        return True


def detail_html(received: Received, kind: FormKind) -> str:
    """The contribution itself first, then whether it was merged, then where it came from."""
    if kind is FormKind.PROGRESS:
        parts = ["<p style='margin:0'>" + html.escape(received.note).replace("\n", "<br>") + "</p>"]
    else:
        rows = "".join(f"<li>{html.escape(w.content)}<span style='color:#666'>（{html.escape(w.period)}）"
                       "</span></li>" for w in received.work)
        parts = [f"<ol style='margin:0; margin-left:-20px'>{rows}</ol>"]
    for record in received.merges:
        if record.kind is kind:
            parts.append(f"<p style='color:#2e6b2e; margin:4px 0 0 0'>已于 {record.merged_at:%m-%d %H:%M} "
                         f"并入{html.escape(record.target)}</p>")
    older = f"，已替换旧版 {received.replaced} 份" if received.replaced else ""
    parts.append(f"<p style='color:#777; margin:4px 0 0 0'>{html.escape(received.helper)}　"
                 f"{received.exported_at:%Y-%m-%d %H:%M} 导出{older}</p>")  # the file itself: in the tooltip
    return "".join(parts)


def origin(received: Received) -> str:
    """The file a contribution came from, for a tooltip (its name is too long for the narrow pane)."""
    return f"{received.file_name}\n导入于 {received.imported_at:%Y-%m-%d %H:%M}"
