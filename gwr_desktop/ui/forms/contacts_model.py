"""附表2 督办工作人员名单: 分管领导, 办公室负责人, and one or more 经办人, each with name, title and phones."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from gwr_desktop.domain.completeness import ROLE_LABELS, Gap
from gwr_desktop.domain.forms import ContactPerson, ContactRole, ContactsFormContent
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.ui.forms.base_model import READ_ONLY, FormTableModel

ROLE, NAME, TITLE, OFFICE_PHONE, MOBILE = range(5)
FIELDS = {NAME: "name", TITLE: "title", OFFICE_PHONE: "office_phone", MOBILE: "mobile"}


@dataclass(frozen=True)
class ContactRowSpec:
    key: tuple  # (role, index)
    person: ContactPerson
    index: int
    count: int  # people in this role, for the label "经办人2"


class ContactsFormModel(FormTableModel):
    headers = ("责任人", "姓名", "职务", "办公电话", "手机")
    multiline_columns = frozenset()

    def load(self) -> ContactsFormContent:
        return fc.load_content(self.db, self.plan_key, self.unit, FormKind.CONTACTS)

    def _layout(self, content: ContactsFormContent) -> list[ContactRowSpec]:
        rows = []
        for role in (ContactRole.LEADER, ContactRole.OFFICE, ContactRole.HANDLER):
            people = content.of_role(role)
            rows += [ContactRowSpec((role.value, n), p, n, len(people)) for n, p in enumerate(people)]
        return rows

    def editable(self, row: int, column: int) -> bool:
        return column != ROLE

    def _display(self, row: int, column: int) -> str | None:
        spec = self.rows[row]
        if column == ROLE:
            label = ROLE_LABELS[spec.person.role]
            return f"{label}{spec.index + 1}" if spec.count > 1 else label
        return getattr(spec.person, FIELDS[column])

    def _extra_data(self, row: int, column: int, role: int):  # noqa: ANN202
        if role == Qt.ItemDataRole.BackgroundRole and column == ROLE:
            return READ_ONLY
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _background(self, row: int, column: int):  # noqa: ANN202
        return super()._background(row, column) or self._extra_data(row, column, Qt.ItemDataRole.BackgroundRole)

    def edits_for(self, row: int, column: int, text: str) -> list[e.Edit]:
        spec = self.rows[row]
        return [e.SetContactField(spec.person.role, spec.index, FIELDS[column], text)]

    def _gap_cell(self, gap: Gap) -> tuple[int, int] | None:
        column = {name: col for col, name in FIELDS.items()}.get(gap.field)
        row = next((n for n, spec in enumerate(self.rows) if spec.key == (gap.where, gap.row or 0)), None)
        return None if row is None or column is None else (row, column)

    def add_handler(self) -> int:
        handlers = self.content.of_role(ContactRole.HANDLER)
        index = len(handlers)
        if self.execute([e.InsertContact(ContactRole.HANDLER, index)], "增加经办人"):
            return next(n for n, spec in enumerate(self.rows) if spec.key == ("handler", index))
        return -1

    def remove_handler(self, row: int) -> bool:
        spec = self.rows[row] if 0 <= row < len(self.rows) else None
        if spec is None or spec.person.role is not ContactRole.HANDLER:
            self.report("只能删除经办人行；分管领导和办公室负责人各保留一行。")
            return False
        return self.execute([e.DeleteContact(ContactRole.HANDLER, spec.index)], "删除经办人")
