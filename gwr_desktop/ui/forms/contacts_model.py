"""附表2 督办工作人员名单: the roster's roles (分管领导, 办公室负责人, 经办人 … as the plan defines them), each
with its people and their values (姓名, 职务, phones …)."""

from __future__ import annotations

from gwr_desktop.domain.forms import FormContent
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_edits as e
from gwr_desktop.ui.forms.base_model import FormTableModel, RowSpec


class ContactsFormModel(FormTableModel):
    kind = FormKind.CONTACTS

    def _layout(self, content: FormContent) -> list[RowSpec]:
        rows = []
        for spec in content.definition.rows:
            people = content.of_role(spec.key)
            rows += [RowSpec(("person", spec.key, n), title=spec.label, person=p, index=n, count=len(people))
                     for n, p in enumerate(people)]
        return rows

    def growing_role(self) -> str | None:
        """The role that takes several people (经办人), the one "add" and "remove" work on."""
        return next((spec.key for spec in self.content.definition.rows if spec.max > 1), None)

    def add_person(self) -> int:
        role = self.growing_role()
        if role is None:
            self.report("此名单的每个责任人只填一人。")
            return -1
        index = len(self.content.of_role(role))
        spec = self.content.definition.role(role)
        label = spec.label if spec else role
        if self.execute([e.InsertRow(self.kind, 0, e.person(role, index))], f"增加{label}"):
            return next(n for n, spec in enumerate(self.rows) if spec.key == ("person", role, index))
        return -1

    def remove_person(self, row: int) -> bool:
        spec = self.rows[row] if 0 <= row < len(self.rows) else None
        role = self.growing_role()
        if spec is None or spec.person is None or spec.person.role != role:
            self.report("只能删除可填写多人的责任人行（如经办人）；其他责任人各保留一行。")
            return False
        return self.execute([e.DeleteRow(self.kind, 0, e.person(spec.person.role, spec.index))], f"删除{spec.title}")
