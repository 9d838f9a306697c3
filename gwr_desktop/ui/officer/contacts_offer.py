"""After a new plan is imported (文件 → 导入方案…): offer to carry the unit's 附表2 督办工作人员名单 over from the
previous plan, while the new plan's is still empty. Asked once per plan, never modal over the import's own
messages (the question waits as a window-modal box)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from gwr_desktop.services.contacts_carry import contacts_to_carry, copy_contacts
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_content import FormInputError
from gwr_desktop.ui.hub_bridge import HubBridge

if TYPE_CHECKING:
    from gwr_desktop.ui.main_window import MainWindow


class ContactsOffer(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        assert window.db is not None
        self.window, self.db = window, window.db
        self.asked: set[str] = set()
        self.question: QMessageBox | None = None
        self.bridge = HubBridge(self.db.hub, self)
        self.bridge.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        # A plan import announces the catalogue with "current" in its detail; settings changes do not.
        if change.topic == "catalogue" and "current" in change.detail and change.plan_key:
            self.offer(change.plan_key)

    def offer(self, plan_key: str) -> QMessageBox | None:
        unit = self.window.unit_name
        if not unit or plan_key in self.asked:
            return None
        self.asked.add(plan_key)
        found = contacts_to_carry(self.db, plan_key, unit)
        if found is None:
            return None
        previous, people = found
        names = "、".join(p.get("name") for p in people if p.get("name"))
        box = QMessageBox(QMessageBox.Icon.Question, "沿用督办工作人员名单",
                          f"新导入的 {plan_key} 方案中，{unit}的督办工作人员名单（附表2）还是空的。\n\n"
                          f"是否沿用 {previous} 方案中填写的 {len(people)} 人（{names}）？沿用后仍可修改。",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.button(QMessageBox.StandardButton.Yes).setText("沿用")
        box.button(QMessageBox.StandardButton.No).setText("不沿用")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.accepted.connect(lambda: self._copy(plan_key, unit, previous))
        self.question = box
        box.open()
        return box

    def _copy(self, plan_key: str, unit: str, previous: str) -> None:
        try:
            count = copy_contacts(self.db, plan_key, unit, previous)
        except FormInputError as error:
            self.window.statusBar().showMessage(f"未沿用督办工作人员名单：{error}", 10000)
            return
        done = f"已沿用 {previous} 方案的督办工作人员名单（{count} 人）到 {plan_key} 方案。"
        self.window.statusBar().showMessage(done, 10000)
