"""An open form editor stays current and keeps what cannot be saved in view.

- Other people's commits (a `Change("forms", …, {"remote": True})` from services/server_watch.py) reload the
  editor's table within moments — but never under an open cell editor: the reload waits until the officer has
  left the cell, so nothing being typed is replaced (a reset would even close the editor).
- The server coming back (`Change("connection", {"online": True})`) reloads and commits what was held meanwhile.
- `HeldBar` shows the latest held edit: a conflict with both texts and 用我的 / 用对方的, or an unsaved edit with
  重试 / 放弃.

    LiveForm(editor)   # once per editor (FormEditor does it); follows editor.model across set_unit
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from gwr_desktop.services.events import Change
from gwr_desktop.services.server_watch import CONNECTION_TOPIC
from gwr_desktop.ui.forms.held import CONFLICT, Held
from gwr_desktop.ui.hub_bridge import HubBridge

if TYPE_CHECKING:
    from gwr_desktop.ui.forms.editor_base import FormEditor

RETRY_MS = 200  # how often a deferred reload looks whether the officer has left the cell


class HeldBar(QFrame):
    """The latest edit that could not be saved, with the two ways out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("HeldBar { background: #fff4e5; border: 1px solid #e0a040; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.keep = QPushButton()
        self.drop = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.keep)
        layout.addWidget(self.drop)
        self.held: Held | None = None
        self.hide()

    def show_held(self, held: Held | None) -> None:
        self.held = held
        if held is None:
            self.hide()
            return
        if held.reason == CONFLICT:
            self.text.setText(f"与他人的修改冲突，您的内容没有保存。\n对方的内容：{held.theirs or '（空）'}\n"
                              f"您输入的：{held.mine or '（空）'}")
            self.keep.setText("用我的")
            self.drop.setText("用对方的")
        else:
            then = "连接恢复后会自动保存" if held.retried_when_back else "可以重试，或放弃这次修改"
            self.text.setText(f"{held.message}\n您输入的内容仍在单元格中（橙色），{then}。")
            self.keep.setText("重试")
            self.drop.setText("放弃")
        self.show()


class LiveForm(QObject):
    def __init__(self, editor: FormEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.stale = False
        self.reloads = 0  # remote reloads done (tests and the bench read it)
        self.bridge = HubBridge(editor.db.hub, self)
        self.bridge.changed.connect(self._on_change)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(RETRY_MS)
        self._later.timeout.connect(self._reload_when_idle)
        editor.held_bar.keep.clicked.connect(lambda: self._resolve(keep_mine=True))
        editor.held_bar.drop.clicked.connect(lambda: self._resolve(keep_mine=False))

    def model_changed(self) -> None:
        """The editor made a new model (another unit, plan or quarter): follow its held edits."""
        self.editor.model.held_changed.connect(self._show_held)
        self._show_held()

    def _on_change(self, change: Change) -> None:
        if change.topic == CONNECTION_TOPIC:
            if change.detail.get("online"):
                self.editor.model.retry_unsaved()
                self.editor.refresh_side()
            return
        if change.topic == "forms" and change.detail.get("remote") and self._concerns(change):
            self.stale = True
            self._reload_when_idle()

    def _concerns(self, change: Change) -> bool:
        model = self.editor.model
        if (change.plan_key, change.unit) != (model.plan_key, model.content.unit):
            return False
        kind, quarter = change.detail.get("kind"), change.detail.get("quarter", 0)
        if change.detail.get("table") == "form_versions":
            return False  # a signed version changes no cell
        # 附表3 shows last quarter's text and 附表1's work beside each item: those forms concern it too.
        return kind == model.kind.value and quarter in (model.quarter, model.quarter - 1) or \
            (model.kind.value == "progress" and kind == "plan")

    def _reload_when_idle(self) -> None:
        if not self.stale:
            return
        if self.editor.table.state() == QAbstractItemView.State.EditingState:
            self._later.start()  # the officer is typing in a cell: after they leave it
            return
        self.stale = False
        if self.editor.model.reload_quietly():
            self.reloads += 1
            self.editor.refresh_side()

    def _show_held(self) -> None:
        self.editor.held_bar.show_held(self.editor.model.held.latest())

    def _resolve(self, *, keep_mine: bool) -> None:
        held = self.editor.held_bar.held
        if held is not None:
            self.editor.model.resolve(held, keep_mine=keep_mine)
            self.editor.refresh_side()
        self._show_held()
